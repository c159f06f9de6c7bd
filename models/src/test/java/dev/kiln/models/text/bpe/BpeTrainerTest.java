package dev.kiln.models.text.bpe;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BpeTrainerTest {
    static String shakespeare() throws IOException {
        try (InputStream in = BpeTrainerTest.class.getResourceAsStream("/datasets/tinyshakespeare/input.txt")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /**
     * Sennrich et al. (2016), Algorithm 1's dictionary, with the suffix on the last character.
     * Initial pair counts: e s 9, s t</w> 9, w e 8, l o 7, n e 6, e w 6, o w</w> 5, w i 3, i d 3,
     * d e 3, o w 2, e r</w> 2. By hand, ties going to the smaller left, then right, symbol:
     * <ol>
     *   <li>e s (9; ties s t</w>, and "e" &lt; "s")</li>
     *   <li>es t</w> (9)</li>
     *   <li>l o (7)</li>
     *   <li>e w (6; ties n e and w est</w>)</li>
     *   <li>ew est</w> (6; ties n ew, and "ew" &lt; "n")</li>
     *   <li>n ewest</w> (6)</li>
     *   <li>lo w</w> (5)</li>
     *   <li>d est</w> (3; ties i d, w i)</li>
     *   <li>i dest</w> (3; ties w i)</li>
     *   <li>w idest</w> (3)</li>
     *   <li>e r</w> (2; ties lo w, w e)</li>
     *   <li>lo w (2; ties w er</w>)</li>
     *   <li>low er</w> (2)</li>
     * </ol>
     * after which every word is one symbol.
     */
    @Test
    void sennrichExampleMergeSequence() {
        Map<String, Long> words = Map.of("low", 5L, "lower", 2L, "newest", 6L, "widest", 3L);
        BpeTokenizer t = BpeTrainer.trainOnWords(words,
                BpeTrainerConfig.builder().format(BpeConfig.endOfWord()).merges(100).minPairCount(1).build());
        List<String> expected = List.of("e s", "es t</w>", "l o", "e w", "ew est</w>", "n ewest</w>", "lo w</w>",
                "d est</w>", "i dest</w>", "w idest</w>", "e r</w>", "lo w", "low er</w>");
        assertEquals(expected, t.merges().stream().map(Merge::toString).toList());
        // the paper's point: an unseen word is built from learned pieces
        assertEquals(List.of("low", "est</w>"), t.tokenize("lowest"));
        assertEquals("lowest newest", t.decode(t.encode("lowest  newest")));
        // alphabet (sorted), then one token per merge, then <unk>
        assertEquals(List.of("d", "e", "i", "l", "n", "o", "r</w>", "s", "t</w>", "w", "w</w>"),
                t.vocab().keySet().stream().limit(11).toList());
        assertEquals(11 + 13 + 1, t.vocabSize());
        assertEquals(List.of("<unk>", "o", "<unk>"), t.tokenize("xox"));
    }

    @Test
    void minPairCountStopsTraining() {
        Map<String, Long> words = Map.of("low", 5L, "lower", 2L, "newest", 6L, "widest", 3L);
        BpeTokenizer t = BpeTrainer.trainOnWords(words,
                BpeTrainerConfig.builder().format(BpeConfig.endOfWord()).merges(100).minPairCount(5).build());
        assertEquals(7, t.merges().size());
    }

    @Test
    void byteLevelOnTinyShakespeareIsFast() throws IOException {
        String text = shakespeare();
        long t0 = System.nanoTime();
        BpeTokenizer t = BpeTrainer.train(text, BpeTrainerConfig.builder().merges(500).build());
        double seconds = (System.nanoTime() - t0) / 1e9;
        System.out.printf("BPE byte-level, 500 merges on %d chars: %.2f s%n", text.length(), seconds);
        assertTrue(seconds < 10, "training took " + seconds + " s");
        assertEquals(500, t.merges().size());
        assertEquals(256 + 500, t.vocabSize());
        // the first merge is the most frequent pair of bytes
        assertEquals(256, t.tokenToId(t.merges().get(0).merged()));
        int[] ids = t.encode(text);
        assertEquals(text, t.decode(ids));
        double perByte = (double) ids.length / text.getBytes(StandardCharsets.UTF_8).length;
        System.out.printf("  %d tokens, %.3f tokens per byte%n", ids.length, perByte);
        assertTrue(perByte < 0.5, "tokens per byte " + perByte);
    }

    @Test
    void endOfWordOnTinyShakespeareRoundTripsUpToWhitespace() throws IOException {
        String text = shakespeare().substring(0, 200_000);
        long t0 = System.nanoTime();
        BpeTokenizer t = BpeTrainer.train(text, BpeTrainerConfig.builder().format(BpeConfig.endOfWord()).merges(500).build());
        System.out.printf("BPE </w>, 500 merges on %d chars: %.2f s%n", text.length(), (System.nanoTime() - t0) / 1e9);
        String sample = "First Citizen:\nBefore we proceed any further, hear me speak.";
        assertEquals(String.join(" ", sample.split("\\s+")), t.decode(t.encode(sample)));
    }

    @Test
    void incrementalCountsEqualARecountAtEveryStep() throws IOException {
        // Replays the learned merges on the word counts, recounting all pairs each time, and
        // checks that each learned merge was the best pair (count, then tie rule) at its step.
        String text = shakespeare().substring(0, 30_000);
        BpeTokenizer t = BpeTrainer.train(text, BpeTrainerConfig.builder().merges(150).build());
        Map<List<String>, Long> words = new java.util.HashMap<>();
        Words w = new Words(BpeConfig.byteLevel());
        for (String word : w.split(text, true)) words.merge(List.of(w.symbols(word)), 1L, Long::sum);
        for (Merge m : t.merges()) {
            Map<Merge, Long> counts = new java.util.HashMap<>();
            for (Map.Entry<List<String>, Long> e : words.entrySet()) {
                List<String> s = e.getKey();
                for (int i = 0; i + 1 < s.size(); i++) counts.merge(new Merge(s.get(i), s.get(i + 1)), e.getValue(), Long::sum);
            }
            Merge best = counts.entrySet().stream().min((a, b) -> {
                if (!a.getValue().equals(b.getValue())) return Long.compare(b.getValue(), a.getValue());
                int c = a.getKey().left().compareTo(b.getKey().left());
                return c != 0 ? c : a.getKey().right().compareTo(b.getKey().right());
            }).orElseThrow().getKey();
            assertEquals(best, m);
            Map<List<String>, Long> next = new java.util.HashMap<>();
            for (Map.Entry<List<String>, Long> e : words.entrySet()) {
                List<String> s = e.getKey();
                List<String> out = new java.util.ArrayList<>();
                for (int i = 0; i < s.size(); i++) {
                    if (i + 1 < s.size() && s.get(i).equals(m.left()) && s.get(i + 1).equals(m.right())) {
                        out.add(m.merged());
                        i++;
                    } else {
                        out.add(s.get(i));
                    }
                }
                next.merge(out, e.getValue(), Long::sum);
            }
            words = next;
        }
    }

    @Test
    void specialTokensAreKeptWhole() {
        BpeConfig f = BpeConfig.byteLevel().withSpecialTokens("<|endoftext|>");
        BpeTokenizer t = BpeTrainer.train(List.of("the cat<|endoftext|>the hat<|endoftext|>the cat"),
                BpeTrainerConfig.builder().format(f).merges(10).build());
        int eot = t.tokenToId("<|endoftext|>");
        assertEquals(t.vocabSize() - 1, eot);
        int[] ids = t.encode("the cat<|endoftext|>");
        assertEquals(eot, ids[ids.length - 1]);
        assertEquals("the cat<|endoftext|>", t.decode(ids));
        // no merge learned across or inside the special token
        assertTrue(t.merges().stream().noneMatch(m -> m.merged().contains("|")));
        assertArrayEquals(new int[] {eot, eot}, t.encode("<|endoftext|><|endoftext|>"));
    }
}
