package dev.kiln.models.text;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class WordPieceTokenizerTest {
    /** A tiny BERT tokenizer.json; ids: [PAD]0 [UNK]1 [CLS]2 [SEP]3 then the pieces. */
    private static final String TINY = """
            {
              "version": "1.0",
              "truncation": null,
              "padding": null,
              "added_tokens": [
                {"id": 0, "content": "[PAD]", "single_word": false, "lstrip": false, "rstrip": false, "normalized": false, "special": true},
                {"id": 1, "content": "[UNK]", "single_word": false, "lstrip": false, "rstrip": false, "normalized": false, "special": true},
                {"id": 2, "content": "[CLS]", "single_word": false, "lstrip": false, "rstrip": false, "normalized": false, "special": true},
                {"id": 3, "content": "[SEP]", "single_word": false, "lstrip": false, "rstrip": false, "normalized": false, "special": true},
                {"id": 13, "content": "hi", "single_word": false, "lstrip": false, "rstrip": false, "normalized": true, "special": false}
              ],
              "normalizer": {"type": "BertNormalizer", "clean_text": true, "handle_chinese_chars": true, "strip_accents": null, "lowercase": true},
              "pre_tokenizer": {"type": "BertPreTokenizer"},
              "post_processor": {
                "type": "TemplateProcessing",
                "single": [{"SpecialToken": {"id": "[CLS]", "type_id": 0}}, {"Sequence": {"id": "A", "type_id": 0}}, {"SpecialToken": {"id": "[SEP]", "type_id": 0}}],
                "pair": [{"SpecialToken": {"id": "[CLS]", "type_id": 0}}, {"Sequence": {"id": "A", "type_id": 0}}, {"SpecialToken": {"id": "[SEP]", "type_id": 0}},
                         {"Sequence": {"id": "B", "type_id": 1}}, {"SpecialToken": {"id": "[SEP]", "type_id": 1}}],
                "special_tokens": {
                  "[CLS]": {"id": "[CLS]", "ids": [2], "tokens": ["[CLS]"]},
                  "[SEP]": {"id": "[SEP]", "ids": [3], "tokens": ["[SEP]"]}
                }
              },
              "decoder": {"type": "WordPiece", "prefix": "##", "cleanup": true},
              "model": {
                "type": "WordPiece", "unk_token": "[UNK]", "continuing_subword_prefix": "##", "max_input_chars_per_word": 12,
                "vocab": {"[PAD]": 0, "[UNK]": 1, "[CLS]": 2, "[SEP]": 3, "un": 4, "##aff": 5, "##able": 6, "aff": 7,
                          "##a": 8, "a": 9, "!": 10, "cafe": 11, "中": 12, "hi": 13, "b": 14, "##b": 15}
              }
            }
            """;

    private static WordPieceTokenizer tiny() {
        return WordPieceTokenizer.fromJson(TINY);
    }

    private static long[] ids(long... v) {
        return v;
    }

    @Test
    void readsEverySetting() {
        WordPieceTokenizer t = tiny();
        assertEquals(new BertNormalizer(true, true, true, true), t.normalizer());
        assertEquals(16, t.model().vocab().size());
        assertEquals("[UNK]", t.model().unkToken());
        assertEquals("##able", t.model().idToToken(6));
        assertEquals(2, t.postProcessor().addedTokens(false));
        assertEquals(3, t.postProcessor().addedTokens(true));
        assertTrue(t.truncation().isEmpty());
        assertTrue(t.padding().isEmpty());
        assertEquals(5, t.addedTokens().size());
    }

    @Test
    void greedyLongestMatchWithContinuationPrefix() {
        assertEquals(List.of("un", "##aff", "##able"), tiny().tokenize("unaffable"));
        assertEquals(List.of("aff", "##a", "##a"), tiny().tokenize("affaa"));
        assertEquals(List.of("a", "##b", "b"), tiny().tokenize("ab b"));
    }

    @Test
    void unmatchableOrOverlongWordIsOneUnknown() {
        WordPieceTokenizer t = tiny();
        Encoding e = t.encode("un unaffx cafe");
        assertEquals(List.of("[CLS]", "un", "[UNK]", "cafe", "[SEP]"), List.of(e.tokens()));
        assertEquals("unaffx", e.coveredText("un unaffx cafe", 2), "the unknown covers the whole word");
        assertEquals(List.of("a", "##a", "##a", "##a", "##a", "##a", "##a", "##a", "##a", "##a", "##a", "##a"),
                t.tokenize("a".repeat(12)));
        assertEquals(List.of("[UNK]"), t.tokenize("a".repeat(13)), "over max_input_chars_per_word");
    }

    @Test
    void encodingHasIdsMasksTypesAndOffsets() {
        String text = "Café, 中!";
        Encoding e = tiny().encode(text);
        assertEquals(List.of("[CLS]", "cafe", "[UNK]", "中", "!", "[SEP]"), List.of(e.tokens()));
        assertArrayEquals(ids(2, 11, 1, 12, 10, 3), e.ids());
        assertArrayEquals(ids(1, 1, 1, 1, 1, 1), e.attentionMask());
        assertArrayEquals(ids(0, 0, 0, 0, 0, 0), e.typeIds());
        assertArrayEquals(ids(1, 0, 0, 0, 0, 1), e.specialTokensMask());
        assertArrayEquals(new int[] {0, 0, 4, 6, 7, 0}, e.begins());
        assertArrayEquals(new int[] {0, 4, 5, 7, 8, 0}, e.ends());
        assertEquals("Café", e.coveredText(text, 1));
    }

    @Test
    void specialTokensTypedInTextAreMatchedBeforeNormalization() {
        WordPieceTokenizer t = tiny();
        assertEquals(List.of("[CLS]", "a", "[SEP]", "b", "[SEP]"), List.of(t.encode("a[SEP]b").tokens()));
        assertEquals(List.of("[CLS]", "[UNK]", "[UNK]", "[UNK]", "[SEP]"), List.of(t.encode("[sep]").tokens()),
                "raw-matched tokens are case sensitive");
        Encoding e = t.encode("HI!");
        assertEquals(List.of("[CLS]", "hi", "!", "[SEP]"), List.of(e.tokens()), "normalized added token matches after lowercasing");
        assertEquals(13, e.ids()[1]);
    }

    @Test
    void pairsGetTypeIdsFromTheTemplate() {
        Encoding e = tiny().encode("un", "a b");
        assertEquals(List.of("[CLS]", "un", "[SEP]", "a", "b", "[SEP]"), List.of(e.tokens()));
        assertArrayEquals(ids(0, 0, 0, 1, 1, 1), e.typeIds());
        assertArrayEquals(new int[] {0, 0, 0, 0, 2, 0}, e.begins(), "offsets index into each text of the pair");
    }

    @Test
    void truncationKeepsSepAtTheEnd() {
        WordPieceTokenizer t = tiny().withTruncation(Truncation.of(4));
        Encoding e = t.encode("a b a b a");
        assertEquals(List.of("[CLS]", "a", "b", "[SEP]"), List.of(e.tokens()));
        Encoding left = tiny().withTruncation(new Truncation(4, Truncation.Strategy.LONGEST_FIRST, Side.LEFT)).encode("a b a b un");
        assertEquals(List.of("[CLS]", "b", "un", "[SEP]"), List.of(left.tokens()));
        assertEquals(List.of("[CLS]", "[SEP]"), List.of(tiny().withTruncation(Truncation.of(2)).encode("a b").tokens()));
    }

    @Test
    void longestFirstTruncationOfPairs() {
        // budget = max length - 3 special tokens
        assertEquals(List.of(3, 1), pairLengths(7, "a a a a a", "b"), "the short one fits, the long one takes the rest");
        assertEquals(List.of(2, 2), pairLengths(7, "a a a", "b b b"), "equal: half each");
        assertEquals(List.of(2, 3), pairLengths(8, "a a a", "b b b b"), "odd budget: the longer gets the extra token");
        assertEquals(List.of(3, 2), pairLengths(8, "a a a a", "b b b"));
        assertEquals(List.of(3, 2), pairLengths(8, "a a a a a", "b b"));
        assertEquals(List.of(2, 2), pairLengths(7, "a a", "b b"), "nothing to cut");
    }

    private static List<Integer> pairLengths(int max, String a, String b) {
        Encoding e = tiny().withTruncation(Truncation.of(max)).encode(a, b);
        int na = 0;
        int nb = 0;
        for (int i = 0; i < e.length(); i++) {
            if (e.specialTokensMask()[i] == 1) continue;
            if (e.typeIds()[i] == 0) na++;
            else nb++;
        }
        return List.of(na, nb);
    }

    @Test
    void onlyFirstAndOnlySecondTruncation() {
        WordPieceTokenizer first = tiny().withTruncation(new Truncation(6, Truncation.Strategy.ONLY_FIRST, Side.RIGHT));
        assertEquals(List.of(1, 2), pairLengths(first, "a a a", "b b"));
        assertThrows(IllegalArgumentException.class, () -> first.encode("a", "b b b b b"));
        WordPieceTokenizer second = tiny().withTruncation(new Truncation(6, Truncation.Strategy.ONLY_SECOND, Side.RIGHT));
        assertEquals(List.of(2, 1), pairLengths(second, "a a", "b b b"));
        assertThrows(IllegalArgumentException.class, () -> second.encode("a a a a a a"));
    }

    private static List<Integer> pairLengths(WordPieceTokenizer t, String a, String b) {
        Encoding e = t.encode(a, b);
        long na = java.util.stream.IntStream.range(0, e.length()).filter(i -> e.specialTokensMask()[i] == 0 && e.typeIds()[i] == 0).count();
        long nb = java.util.stream.IntStream.range(0, e.length()).filter(i -> e.specialTokensMask()[i] == 0 && e.typeIds()[i] == 1).count();
        return List.of((int) na, (int) nb);
    }

    @Test
    void batchPaddingToTheLongest() {
        List<Encoding> batch = tiny().withPadding(Padding.batchLongest(0, "[PAD]")).encodeBatch(List.of("a", "a b a", ""));
        assertEquals(List.of(5, 5, 5), batch.stream().map(Encoding::length).toList());
        assertArrayEquals(ids(2, 9, 3, 0, 0), batch.get(0).ids());
        assertArrayEquals(ids(1, 1, 1, 0, 0), batch.get(0).attentionMask());
        assertArrayEquals(ids(1, 0, 1, 1, 1), batch.get(0).specialTokensMask());
        assertArrayEquals(ids(2, 3, 0, 0, 0), batch.get(2).ids());
        assertEquals("[PAD]", batch.get(2).tokens()[4]);
        assertEquals(3, tiny().withPadding(Padding.batchLongest(0, "[PAD]")).encode("a").length(), "a batch of one is not padded");
    }

    @Test
    void fixedLeftAndMultipleOfPadding() {
        Encoding fixed = tiny().withPadding(new Padding(6, Side.RIGHT, 0, 0, 0, "[PAD]")).encode("a");
        assertArrayEquals(ids(2, 9, 3, 0, 0, 0), fixed.ids());
        Encoding left = tiny().withPadding(new Padding(5, Side.LEFT, 0, 0, 0, "[PAD]")).encode("a");
        assertArrayEquals(ids(0, 0, 2, 9, 3), left.ids());
        assertArrayEquals(ids(0, 0, 1, 1, 1), left.attentionMask());
        assertArrayEquals(new int[] {0, 0, 0, 1, 0}, left.ends());
        Encoding multiple = tiny().withPadding(new Padding(0, Side.RIGHT, 4, 0, 0, "[PAD]")).encode("a b a");
        assertEquals(8, multiple.length());
        Encoding tooLong = tiny().withPadding(new Padding(3, Side.RIGHT, 0, 0, 0, "[PAD]")).encode("a b a b");
        assertEquals(6, tooLong.length(), "fixed padding never truncates");
    }

    @Test
    void readsTruncationAndPaddingFromTheFile() {
        String json = TINY.replace("\"truncation\": null", "\"truncation\": {\"direction\": \"Left\", \"max_length\": 9, \"strategy\": \"OnlyFirst\", \"stride\": 0}")
                .replace("\"padding\": null", "\"padding\": {\"strategy\": {\"Fixed\": 16}, \"direction\": \"Left\", \"pad_to_multiple_of\": 8,"
                        + " \"pad_id\": 1, \"pad_type_id\": 2, \"pad_token\": \"[UNK]\"}");
        WordPieceTokenizer t = WordPieceTokenizer.fromJson(json);
        assertEquals(new Truncation(9, Truncation.Strategy.ONLY_FIRST, Side.LEFT), t.truncation().orElseThrow());
        assertEquals(new Padding(16, Side.LEFT, 8, 1, 2, "[UNK]"), t.padding().orElseThrow());
        WordPieceTokenizer longest = WordPieceTokenizer.fromJson(TINY.replace("\"padding\": null",
                "\"padding\": {\"strategy\": \"BatchLongest\", \"direction\": \"Right\", \"pad_to_multiple_of\": null,"
                        + " \"pad_id\": 0, \"pad_type_id\": 0, \"pad_token\": \"[PAD]\"}"));
        assertTrue(longest.padding().orElseThrow().isBatchLongest());
    }

    @Test
    void unsupportedPartsAreRejectedWithAClearMessage() {
        String msg = assertThrows(IllegalArgumentException.class,
                () -> WordPieceTokenizer.fromJson(TINY.replace("\"type\": \"BertNormalizer\"", "\"type\": \"NFKC\""))).getMessage();
        assertTrue(msg.contains("normalizer type 'NFKC' is not supported"), msg);
        msg = assertThrows(IllegalArgumentException.class,
                () -> WordPieceTokenizer.fromJson(TINY.replace("\"unk_token\": \"[UNK]\"", "\"unk_token\": \"<unk>\""))).getMessage();
        assertTrue(msg.contains("'<unk>' is not in the vocabulary"), msg);
        msg = assertThrows(IllegalArgumentException.class,
                () -> WordPieceTokenizer.fromJson(TINY.replace("\"id\": 13, \"content\": \"hi\", \"single_word\": false",
                        "\"id\": 13, \"content\": \"hi\", \"single_word\": true"))).getMessage();
        assertTrue(msg.contains("single_word"), msg);
        msg = assertThrows(IllegalArgumentException.class,
                () -> WordPieceTokenizer.fromJson(TINY.replace("\"type\": \"WordPiece\", \"unk_token\"", "\"type\": \"BPE\", \"unk_token\""))).getMessage();
        assertTrue(msg.contains("model type 'BPE'"), msg);
        assertThrows(IllegalArgumentException.class, () -> tiny().encode(null));
        assertThrows(IllegalArgumentException.class, () -> tiny().encode("a", null));
        assertThrows(IllegalArgumentException.class, () -> WordPieceTokenizer.fromResource("no-such-tokenizer.json"));
    }

    @Test
    void loadGivesTheMiniLmTokenizerWithTruncationTo256() {
        WordPieceTokenizer t = WordPieceTokenizer.load();
        assertEquals(30522, t.model().vocab().size());
        assertEquals(Truncation.of(256), t.truncation().orElseThrow());
        assertTrue(t.padding().orElseThrow().isBatchLongest());
        assertArrayEquals(ids(101, 7592, 2088, 102), t.encode("Hello world").ids());
        assertEquals(256, t.encode("word ".repeat(1000)).length());
        WordPieceTokenizer asFile = WordPieceTokenizer.fromResource(WordPieceTokenizer.MINILM_TOKENIZER_RESOURCE);
        assertEquals(128, asFile.truncation().orElseThrow().maxLength());
        assertEquals(128, asFile.encode("Hello world").length());
    }

    @Test
    void withersReturnNewInstances() {
        WordPieceTokenizer t = tiny();
        WordPieceTokenizer truncated = t.withTruncation(Truncation.of(3));
        assertTrue(t.truncation().isEmpty());
        assertEquals(3, truncated.encode("a b a").length());
        assertSame(t.model(), truncated.model());
    }
}
