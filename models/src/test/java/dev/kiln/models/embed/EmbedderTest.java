package dev.kiln.models.embed;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kiln.models.text.WordPieceTokenizer;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link Embedder}: meaning, batching, threads, loading from files and errors. */
class EmbedderTest {
    /** Anchor, paraphrase, unrelated sentence. */
    private static final String[][] TRIPLES = {
        {"A man is eating food.", "A man is eating a piece of bread.", "The stock market fell sharply today."},
        {"The cat sits on the mat.", "A kitten is resting on the rug.", "Quantum computers use qubits."},
        {"How do I reset my password?", "I forgot my password, how can I change it?",
            "The weather in Paris is lovely in spring."},
        {"The train to London was delayed by an hour.", "Our London-bound train arrived sixty minutes late.",
            "She painted the kitchen walls yellow."},
        {"He plays the guitar in a rock band.", "He is a guitarist in a rock group.", "Tax returns are due in April."},
        {"Drink plenty of water when it is hot.", "Stay hydrated during hot weather.", "The library closes at nine."},
        {"The company reported record profits this quarter.", "This quarter the firm earned more than ever before.",
            "My dog loves chasing tennis balls."},
        {"Children are playing football in the park.", "Kids kick a soccer ball around the park.",
            "The recipe needs two cups of flour."},
    };

    private static final List<String> SOME_TEXTS = List.of("", "Hello, world!", "The quick brown fox jumps over the lazy dog.",
            "café naïve résumé", "中文分词测试", "a", "Sentence embeddings map text to a dense vector space.",
            "😀 emoji", "x".repeat(300), "word ".repeat(400), "[CLS] typed [SEP]", "multiple     spaces");

    @Test
    void everyParaphraseRanksAboveEveryUnrelatedSentence() {
        Embedder e = MiniLm.embedder();
        List<String> texts = new ArrayList<>();
        for (String[] t : TRIPLES) texts.addAll(List.of(t));
        float[][] v = e.embed(texts);
        for (int i = 0; i < TRIPLES.length; i++) {
            float[] anchor = v[3 * i];
            double paraphrase = Embedder.cosine(anchor, v[3 * i + 1]);
            for (int j = 0; j < TRIPLES.length; j++) {
                double unrelated = Embedder.cosine(anchor, v[3 * j + 2]);
                assertTrue(paraphrase > unrelated, "'" + TRIPLES[i][0] + "': paraphrase " + paraphrase
                        + " <= unrelated '" + TRIPLES[j][2] + "' " + unrelated);
                if (j != i) {
                    double other = Embedder.cosine(anchor, v[3 * j + 1]);
                    assertTrue(paraphrase > other, "'" + TRIPLES[i][0] + "': paraphrase " + paraphrase
                            + " <= another pair's paraphrase '" + TRIPLES[j][1] + "' " + other);
                }
            }
        }
    }

    @Test
    void embeddingsHaveUnitLengthAndTheModelsWidth() {
        for (float[] v : MiniLm.embedder().embed(SOME_TEXTS)) {
            assertEquals(MiniLm.HIDDEN, v.length);
            double norm = 0;
            for (float x : v) norm += (double) x * x;
            assertEquals(1.0, Math.sqrt(norm), 1e-6);
        }
    }

    @Test
    void batchedEmbeddingsMatchOneByOneInTheOrderGiven() {
        Embedder e = MiniLm.embedder().withBatchSize(5);
        float[][] batched = e.embed(SOME_TEXTS);
        assertEquals(SOME_TEXTS.size(), batched.length);
        for (int i = 0; i < SOME_TEXTS.size(); i++) {
            double cos = Embedder.cosine(batched[i], e.embed(SOME_TEXTS.get(i)));
            assertTrue(cos >= 0.99999, "text " + i + ": cosine " + cos);
        }
        assertEquals(0, e.embed(List.of()).length);
    }

    @Test
    void concurrentCallsGiveTheSameResultsAsSequentialOnes() throws Exception {
        Embedder e = MiniLm.embedder();
        List<String> texts = SOME_TEXTS.subList(0, 8);
        float[][] sequential = new float[texts.size()][];
        for (int i = 0; i < texts.size(); i++) sequential[i] = e.embed(texts.get(i));
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<float[]>> futures = new ArrayList<>();
            for (int round = 0; round < 2; round++) {
                for (String text : texts) futures.add(pool.submit(() -> e.embed(text)));
            }
            for (int i = 0; i < futures.size(); i++) {
                assertArrayEquals(sequential[i % texts.size()], futures.get(i).get(), "text " + i % texts.size());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void loadsAModelAndTokenizerFromFiles(@TempDir Path dir) throws IOException {
        Path model = dir.resolve("model.onnx");
        Path tokenizer = dir.resolve("tokenizer.json");
        Files.write(model, MiniLm.bytes(MiniLm.FP32));
        try (InputStream in = getClass().getClassLoader().getResourceAsStream(WordPieceTokenizer.MINILM_TOKENIZER_RESOURCE)) {
            Files.copy(in, tokenizer);
        }
        Embedder fromFiles = Embedder.load(model, tokenizer);
        assertEquals("last_hidden_state", fromFiles.outputName());
        // the file truncates to 128 tokens (the bundled default to 256) and pads to 128; the
        // embedder keeps the truncation and pads to the longest of each batch instead
        assertEquals(128, fromFiles.tokenizer().truncation().orElseThrow().maxLength());
        assertTrue(fromFiles.tokenizer().padding().isEmpty());
        String text = "Loading from files gives the same vectors.";
        assertArrayEquals(MiniLm.embedder().embed(text), fromFiles.embed(text));
    }

    @Test
    void cosineOfKnownVectors() {
        assertEquals(1.0, Embedder.cosine(new float[] {1, 2, 3}, new float[] {2, 4, 6}), 1e-12);
        assertEquals(0.0, Embedder.cosine(new float[] {1, 0}, new float[] {0, 5}), 1e-12);
        assertEquals(-1.0, Embedder.cosine(new float[] {1, -1}, new float[] {-2, 2}), 1e-12);
        assertEquals(0.6, Embedder.cosine(new float[] {3, 4}, new float[] {1, 0}), 1e-12);
        assertEquals(0.0, Embedder.cosine(new float[] {0, 0}, new float[] {1, 0}), 0);
    }

    @Test
    void clearErrors() {
        Embedder e = MiniLm.embedder();
        IllegalArgumentException nullText = assertThrows(IllegalArgumentException.class, () -> e.embed((String) null));
        assertTrue(nullText.getMessage().contains("null"), nullText.getMessage());
        assertThrows(IllegalArgumentException.class, () -> e.embed((List<String>) null));
        IllegalArgumentException inList = assertThrows(IllegalArgumentException.class,
                () -> e.embed(Arrays.asList("fine", null, "fine")));
        assertTrue(inList.getMessage().contains("text 1 of 3"), inList.getMessage());
        assertThrows(IllegalArgumentException.class, () -> e.withBatchSize(0));
        IllegalArgumentException lengths = assertThrows(IllegalArgumentException.class,
                () -> Embedder.cosine(new float[2], new float[3]));
        assertTrue(lengths.getMessage().contains("2 and 3"), lengths.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Embedder.cosine(null, new float[3]));
        assertThrows(IllegalArgumentException.class, () -> Embedder.load(null, (Path) null));
    }
}
