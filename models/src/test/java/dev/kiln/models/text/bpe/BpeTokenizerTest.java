package dev.kiln.models.text.bpe;

import dev.kiln.models.json.JsonWriter;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BpeTokenizerTest {
    private static BpeTokenizer trained;

    @BeforeAll
    static void train() throws IOException {
        String text = BpeTrainerTest.shakespeare().substring(0, 100_000);
        trained = BpeTrainer.train(text, BpeTrainerConfig.builder().merges(300)
                .format(BpeConfig.byteLevel().withSpecialTokens("<|endoftext|>")).build());
    }

    @Test
    void byteLevelRoundTripsAnyString() {
        List<String> samples = List.of("", " ", "hello world", "  leading and trailing  ", "tabs\tand\r\nnewlines\n\n",
                "emoji 👍🏽 and 👨‍👩‍👧 family", "日本語のテキスト、中文，한국어", "Ünïcödé façade — “quotes” …", "\u0000\u0001\u007f",
                "mixed123numbers4567 and 'contractions' they'll we've", "<|endoftext|> between <|endoftext|>", "🙂");
        for (String s : samples) assertEquals(s, trained.decode(trained.encode(s)), s);
        SplittableRandom rnd = new SplittableRandom(7);
        for (int n = 0; n < 200; n++) {
            StringBuilder b = new StringBuilder();
            int len = rnd.nextInt(30);
            while (b.length() < len) {
                int cp = rnd.nextInt(0x30000);
                if (cp >= 0xD800 && cp <= 0xDFFF) continue; // surrogates are not characters
                b.appendCodePoint(cp);
            }
            String s = b.toString();
            assertEquals(s, trained.decode(trained.encode(s)), "random string " + n);
        }
    }

    @Test
    void encodingAppliesMergesByRank() {
        // hand-built: h e -> he (0), l l -> ll (1), he ll -> hell (2), hell o -> hello (3), Ġ w -> Ġw (4)
        Map<String, Integer> vocab = new LinkedHashMap<>();
        for (char c : ByteLevel.alphabet().toCharArray()) vocab.put(String.valueOf(c), vocab.size());
        List<Merge> merges = List.of(new Merge("h", "e"), new Merge("l", "l"), new Merge("he", "ll"),
                new Merge("hell", "o"), new Merge("Ġ", "w"));
        for (Merge m : merges) vocab.put(m.merged(), vocab.size());
        BpeTokenizer t = new BpeTokenizer(vocab, merges, BpeConfig.byteLevel());
        assertEquals(List.of("hello", "Ġw", "o", "r", "l", "d"), t.tokenize("hello world"));
        assertEquals(List.of("he", "l", "p"), t.tokenize("help"));
        assertEquals(List.of("ll", "ll"), t.tokenize("llll"));
        // the leading space joins the next word; the last of a run of spaces does too
        assertEquals(List.of("Ġ", "Ġ", "Ġw"), t.tokenize("   w"));
        BpeTokenizer prefixed = new BpeTokenizer(vocab, merges, BpeConfig.byteLevel().withAddPrefixSpace(true));
        assertEquals(List.of("Ġw", "o"), prefixed.tokenize("wo"));
    }

    @Test
    void saveAndLoadGpt2Files(@TempDir Path dir) throws IOException {
        trained.save(dir);
        List<String> mergeLines = Files.readAllLines(dir.resolve("merges.txt"));
        assertEquals("#version: 0.2", mergeLines.get(0));
        assertEquals(trained.merges().get(0).toString(), mergeLines.get(1));
        assertTrue(Files.readString(dir.resolve("vocab.json")).startsWith("{\n  \"!\": 0,"));
        BpeTokenizer loaded = BpeTokenizer.load(dir.resolve("vocab.json"), dir.resolve("merges.txt"), trained.config());
        assertEquals(trained.vocab(), loaded.vocab());
        assertEquals(trained.merges(), loaded.merges());
        String s = "ROMEO:\nBut, soft! what light through yonder window breaks? 🌅";
        assertArrayEquals(trained.encode(s), loaded.encode(s));
    }

    @Test
    void endOfWordSaveAndLoad(@TempDir Path dir) {
        BpeTokenizer t = BpeTrainer.trainOnWords(Map.of("low", 5L, "lower", 2L, "newest", 6L, "widest", 3L),
                BpeTrainerConfig.builder().format(BpeConfig.endOfWord()).merges(100).minPairCount(1).build());
        t.save(dir);
        BpeTokenizer loaded = BpeTokenizer.load(dir.resolve("vocab.json"), dir.resolve("merges.txt"), BpeConfig.endOfWord());
        assertEquals(List.of("low", "est</w>"), loaded.tokenize("lowest"));
    }

    private static String hfJson(String merges, String preTokenizer, String extraModel, String addedTokens) {
        StringBuilder v = new StringBuilder();
        int id = 0;
        for (char c : ByteLevel.alphabet().toCharArray()) v.append(JsonWriter.quote(String.valueOf(c))).append(':').append(id++).append(',');
        for (String m : List.of("he", "ll", "hell", "hello", "Ġw", "Ġwo")) v.append(JsonWriter.quote(m)).append(':').append(id++).append(',');
        v.setLength(v.length() - 1);
        return "{\"version\":\"1.0\",\"truncation\":null,\"added_tokens\":" + addedTokens + ",\"normalizer\":null,"
                + "\"pre_tokenizer\":" + preTokenizer + ",\"decoder\":{\"type\":\"ByteLevel\"},"
                + "\"model\":{\"type\":\"BPE\",\"dropout\":null,\"unk_token\":null," + extraModel
                + "\"vocab\":{" + v + "},\"merges\":" + merges + "}}";
    }

    @Test
    void huggingFaceTokenizerJson(@TempDir Path dir) throws IOException {
        String added = "[{\"id\":262,\"content\":\"<|endoftext|>\",\"single_word\":false,\"lstrip\":false,"
                + "\"rstrip\":false,\"normalized\":true,\"special\":true}]";
        String byteLevel = "{\"type\":\"ByteLevel\",\"add_prefix_space\":false,\"trim_offsets\":true,\"use_regex\":true}";
        String asStrings = "[\"h e\",\"l l\",\"he ll\",\"hell o\",\"Ġ w\",\"Ġw o\"]";
        String asPairs = "[[\"h\",\"e\"],[\"l\",\"l\"],[\"he\",\"ll\"],[\"hell\",\"o\"],[\"Ġ\",\"w\"],[\"Ġw\",\"o\"]]";
        String sequence = "{\"type\":\"Sequence\",\"pretokenizers\":[" + byteLevel + "]}";
        for (String[] variant : new String[][] {{asStrings, byteLevel}, {asPairs, sequence}}) {
            Path file = dir.resolve("tokenizer.json");
            Files.writeString(file, hfJson(variant[0], variant[1], "", added), StandardCharsets.UTF_8);
            BpeTokenizer t = BpeTokenizer.loadHuggingFace(file);
            assertEquals(List.of("hello", "Ġwo", "r", "l", "d", "<|endoftext|>"), t.tokenize("hello world<|endoftext|>"));
            assertEquals(262, t.tokenToId("<|endoftext|>"));
            assertEquals("hello world<|endoftext|>", t.decode(t.encode("hello world<|endoftext|>")));
        }
    }

    @Test
    void huggingFaceEndOfWordModel() {
        String json = "{\"normalizer\":null,\"pre_tokenizer\":{\"type\":\"WhitespaceSplit\"},\"added_tokens\":[],"
                + "\"model\":{\"type\":\"BPE\",\"unk_token\":\"<unk>\",\"end_of_word_suffix\":\"</w>\","
                + "\"vocab\":{\"<unk>\":0,\"l\":1,\"o\":2,\"w</w>\":3,\"lo\":4,\"low</w>\":5},\"merges\":[\"l o\",\"lo w</w>\"]}}";
        BpeTokenizer t = HuggingFaceBpe.parse(json, "test");
        assertEquals(List.of("low</w>", "lo", "<unk>"), t.tokenize("low lox"));
    }

    @Test
    void clearErrors() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> HuggingFaceBpe.parse("{\"model\":{\"type\":\"WordPiece\",\"vocab\":{}}}", "t.json"));
        assertTrue(e.getMessage().contains("WordPiece"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> HuggingFaceBpe.parse(
                hfJson("[]", "{\"type\":\"Whitespace\"}", "", "[]"), "t.json"));
        assertTrue(e.getMessage().contains("ByteLevel"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> HuggingFaceBpe.parse("{\"model\": [1,", "t.json"));
        assertTrue(e.getMessage().contains("JSON error at line 1"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new BpeTokenizer(Map.of("a", 0, "b", 1),
                List.of(new Merge("a", "b")), BpeConfig.byteLevel()));
        assertTrue(e.getMessage().contains("'ab' is not in the vocabulary"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new BpeTokenizer(Map.of("a", 0, "b", 0), List.of(), BpeConfig.byteLevel()));
        assertTrue(e.getMessage().contains("share id 0"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> trained.decode(new int[] {-1}));
        assertThrows(IllegalArgumentException.class, () -> BpeFiles.merges("#version: 0.2\na b c\n", "m.txt"));
        BpeTokenizer noUnk = new BpeTokenizer(Map.of("a</w>", 0), List.of(), BpeConfig.endOfWord().withUnkToken(null));
        e = assertThrows(IllegalArgumentException.class, () -> noUnk.encode("b"));
        assertTrue(e.getMessage().contains("no unknown token"), e.getMessage());
    }
}
