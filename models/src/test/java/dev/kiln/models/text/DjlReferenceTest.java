package dev.kiln.models.text;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.djl.huggingface.tokenizers.jni.CharSpan;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * Compares {@link WordPieceTokenizer} with the Hugging Face {@code tokenizers} library (through
 * DJL's JNI binding, test scope only) on the bundled all-MiniLM-L6-v2 {@code tokenizer.json}.
 *
 * <p>How DJL is set up to mean the same thing: a DJL tokenizer built from a path reads the
 * truncation length from the file (128 here) but pads to the longest of a batch, not to the
 * file's fixed 128. So each comparison states truncation and padding explicitly:
 * <ul>
 *   <li>{@link WordPieceTokenizer#load()} (truncate to 256, pad to the batch's longest) against
 *       DJL with {@code optMaxLength(256)}, {@code optTruncation(true)}, {@code optPadding(true)};
 *   <li>the file's own settings (truncate to 128, pad every encoding to 128) against DJL with
 *       {@code optMaxLength(128)}, {@code optTruncation(true)}, {@code optPadToMaxLength()}.
 * </ul>
 * DJL reports offsets in code points and no span for added special tokens and padding; ours are
 * UTF-16 indices, (0, 0) for those, and are converted before comparing.
 */
class DjlReferenceTest {
    private static Path tokenizerJson;
    private static HuggingFaceTokenizer ref256;
    private static HuggingFaceTokenizer ref128Fixed;
    private static WordPieceTokenizer ours256;
    private static WordPieceTokenizer ours128Fixed;

    @BeforeAll
    static void setUp(@TempDir Path dir) throws IOException {
        tokenizerJson = DjlTokenizers.copyMiniLmJson(dir);
        ref256 = DjlTokenizers.truncating256(tokenizerJson);
        ref128Fixed = HuggingFaceTokenizer.builder()
                .optTokenizerPath(tokenizerJson)
                .optMaxLength(128)
                .optTruncation(true)
                .optPadToMaxLength()
                .build();
        ours256 = WordPieceTokenizer.load();
        ours128Fixed = WordPieceTokenizer.fromFile(tokenizerJson);
    }

    @AfterAll
    static void tearDown() {
        if (ref256 != null) ref256.close();
        if (ref128Fixed != null) ref128Fixed.close();
    }

    @Test
    void setupIsWhatTheTestAssumes() {
        assertEquals("LONGEST_FIRST", ref256.getTruncation());
        assertEquals("LONGEST", ref256.getPadding());
        assertEquals(256, ref256.getMaxLength());
        assertEquals("MAX_LENGTH", ref128Fixed.getPadding());
        assertEquals(128, ours128Fixed.truncation().orElseThrow().maxLength());
        assertEquals(128, ours128Fixed.padding().orElseThrow().fixedLength());
        assertTrue(ReferenceSentences.all().size() >= 200);
    }

    @Test
    void everySentenceMatchesWithTruncationTo256() {
        List<String> texts = ReferenceSentences.all();
        for (String text : texts) {
            assertSame(text, ref256.encode(text), ours256.encode(text));
        }
    }

    @Test
    void everySentenceMatchesWithTheFileSettings() {
        for (String text : ReferenceSentences.all()) {
            Encoding ours = ours128Fixed.encode(text);
            assertEquals(128, ours.length(), "fixed padding to 128: " + describe(text));
            assertSame(text, ref128Fixed.encode(text), ours);
        }
    }

    @Test
    void longTextIsTruncatedTo256AndEndsWithSep() {
        String text = ReferenceSentences.longText(2L, 1000);
        Encoding e = ours256.encode(text);
        assertEquals(256, e.length());
        assertEquals(101, e.ids()[0]);
        assertEquals(102, e.ids()[255]);
        assertSame(text, ref256.encode(text), e);
    }

    @Test
    void batchesPadToTheLongestLikeTheReference() {
        List<String> texts = ReferenceSentences.all();
        for (int from = 0; from < texts.size(); from += 16) {
            List<String> batch = texts.subList(from, Math.min(texts.size(), from + 16));
            ai.djl.huggingface.tokenizers.Encoding[] ref = ref256.batchEncode(batch);
            List<Encoding> ours = ours256.encodeBatch(batch);
            assertEquals(ref.length, ours.size());
            for (int i = 0; i < ref.length; i++) assertSame(batch.get(i), ref[i], ours.get(i));
        }
    }

    @Test
    void pairsMatch() {
        List<String> texts = ReferenceSentences.all();
        for (int i = 0; i + 1 < texts.size(); i += 7) {
            String a = texts.get(i);
            String b = texts.get(texts.size() - 1 - i);
            ai.djl.huggingface.tokenizers.Encoding ref = ref256.encode(a, b);
            Encoding ours = ours256.encode(a, b);
            String what = describe(a) + " / " + describe(b);
            assertArrayEquals(ref.getIds(), ours.ids(), what);
            assertArrayEquals(ref.getTypeIds(), ours.typeIds(), what);
            assertArrayEquals(ref.getAttentionMask(), ours.attentionMask(), what);
        }
    }

    @Test
    void addedTokenWithLstripAndRstripMatches(@TempDir Path dir) throws IOException {
        String json = Files.readString(tokenizerJson)
                .replace("\"content\": \"[MASK]\",\n      \"single_word\": false,\n      \"lstrip\": false,\n      \"rstrip\": false",
                        "\"content\": \"[MASK]\",\n      \"single_word\": false,\n      \"lstrip\": true,\n      \"rstrip\": true");
        assertTrue(json.contains("\"lstrip\": true"), "the test edits the [MASK] entry");
        Path edited = dir.resolve("tokenizer.json");
        Files.writeString(edited, json);
        WordPieceTokenizer ours = WordPieceTokenizer.fromFile(edited).withTruncation(null).withPadding(null);
        try (HuggingFaceTokenizer ref = HuggingFaceTokenizer.builder()
                .optTokenizerPath(edited).optTruncation(false).optPadding(false).build()) {
            for (String text : List.of("a  [MASK]  b", "[MASK]", " \t[MASK]\n", "x[MASK]y [MASK] [MASK]z", "[SEP] [MASK] [SEP]")) {
                assertSame(text, ref.encode(text), ours.encode(text));
            }
        }
    }

    /**
     * Every code point alone and between two letters, on this JDK's Unicode tables. Slow (about
     * a minute and a half), so it runs only with {@code -Dkiln.tokenizer.exhaustive=true}.
     */
    @Test
    @EnabledIfSystemProperty(named = "kiln.tokenizer.exhaustive", matches = "true")
    void everyCodePointMatches() throws IOException {
        WordPieceTokenizer ours = WordPieceTokenizer.fromFile(tokenizerJson).withTruncation(null).withPadding(null);
        List<String> mismatches = new ArrayList<>();
        try (HuggingFaceTokenizer ref = HuggingFaceTokenizer.builder()
                .optTokenizerPath(tokenizerJson).optTruncation(false).optPadding(false).build()) {
            List<String> batch = new ArrayList<>();
            for (int cp = 0; cp <= Character.MAX_CODE_POINT; cp++) {
                if (cp >= Character.MIN_SURROGATE && cp <= Character.MAX_SURROGATE) continue;
                String c = Character.toString(cp);
                batch.add(c);
                batch.add("a" + c + "b");
                if (batch.size() >= 20000 || cp == Character.MAX_CODE_POINT) {
                    ai.djl.huggingface.tokenizers.Encoding[] r = ref.batchEncode(batch);
                    for (int i = 0; i < batch.size(); i++) {
                        if (!java.util.Arrays.equals(r[i].getIds(), ours.encode(batch.get(i)).ids())) {
                            mismatches.add(describe(batch.get(i)));
                        }
                    }
                    batch.clear();
                }
            }
        }
        assertEquals(List.of(), mismatches);
    }

    private static void assertSame(String text, ai.djl.huggingface.tokenizers.Encoding ref, Encoding ours) {
        String what = describe(text);
        assertArrayEquals(ref.getIds(), ours.ids(), () -> "ids of " + what + ": ours " + unpadded(ours.tokens())
                + ", reference " + unpadded(ref.getTokens()));
        assertArrayEquals(ref.getTokens(), ours.tokens(), "tokens of " + what);
        assertArrayEquals(ref.getAttentionMask(), ours.attentionMask(), "attention mask of " + what);
        assertArrayEquals(ref.getTypeIds(), ours.typeIds(), "type ids of " + what);
        assertArrayEquals(ref.getSpecialTokenMask(), ours.specialTokensMask(), "special tokens mask of " + what);
        CharSpan[] spans = ref.getCharTokenSpans();
        for (int i = 0; i < spans.length; i++) {
            int begin = spans[i] == null ? 0 : spans[i].getStart();
            int end = spans[i] == null ? 0 : spans[i].getEnd();
            int ourBegin = text.codePointCount(0, ours.begins()[i]);
            int ourEnd = text.codePointCount(0, ours.ends()[i]);
            assertEquals(begin + ".." + end, ourBegin + ".." + ourEnd, "code point offsets of token " + i + " of " + what);
        }
    }

    /** The tokens without trailing padding, for failure messages. */
    private static List<String> unpadded(String[] tokens) {
        int n = tokens.length;
        while (n > 0 && tokens[n - 1].equals("[PAD]")) n--;
        return List.of(tokens).subList(0, n);
    }

    /** The text with control and invisible characters made visible, for failure messages. */
    static String describe(String text) {
        StringBuilder sb = new StringBuilder("\"");
        text.codePoints().limit(80).forEach(cp -> {
            if (cp < 0x20 || (cp >= 0x7F && cp < 0xA0) || Character.getType(cp) == Character.FORMAT || cp == 0xFFFD) {
                sb.append(String.format("\\u%04X", cp));
            } else {
                sb.appendCodePoint(cp);
            }
        });
        if (text.codePointCount(0, text.length()) > 80) sb.append("...");
        return sb.append('"').toString();
    }
}
