package dev.kiln.models.text.tfidf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kiln.runtime.tensor.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;

class TfIdfTest {
    private static final List<String> DOCS = List.of("The cat sat", "the dog sat", "the cat ran");

    @Test
    void tokenizerLowercasesAndKeepsWordsOfTwoOrMoreCharacters() {
        assertEquals(List.of("hello", "wörld", "42", "ab_c"), WordTokenizer.defaults().tokenize("Hello, WÖRLD! a 42 ab_c"));
    }

    @Test
    void smoothIdfAndL2NormByHand() {
        TfIdf t = TfIdf.fit(DOCS, TfIdfConfig.defaults());
        assertEquals(List.of("cat", "dog", "ran", "sat", "the"), t.vocabulary());
        // n = 3; df: cat 2, dog 1, ran 1, sat 2, the 3; idf = ln((1+n)/(1+df)) + 1
        double a = Math.log(4.0 / 3) + 1;
        double b = Math.log(2.0) + 1;
        assertArrayEquals(new double[] {a, b, b, a, 1}, t.idf(), 1e-12);
        // "the cat sat" -> (a, 0, 0, a, 1) / sqrt(2a^2 + 1)
        double norm = Math.sqrt(2 * a * a + 1);
        float[] row = t.transform(List.of("the cat sat")).floats();
        assertArrayEquals(new float[] {(float) (a / norm), 0, 0, (float) (a / norm), (float) (1 / norm)}, row, 1e-7f);
        // term frequency counts: "cat cat" -> (2a) / 2a = 1
        assertArrayEquals(new float[] {1, 0, 0, 0, 0}, t.transform(List.of("cat CAT")).floats(), 1e-7f);
    }

    @Test
    void rawIdfWithoutSmoothingOrNorm() {
        TfIdf t = TfIdf.fit(DOCS, TfIdfConfig.builder().smoothIdf(false).l2Normalize(false).build());
        // idf = ln(n/df) + 1: cat ln(1.5)+1, the 1
        float[] row = t.transform(List.of("cat cat the zebra")).floats();
        assertEquals(2 * (Math.log(1.5) + 1), row[0], 1e-6);
        assertEquals(1.0, row[4], 1e-7);
        TfIdf tf = TfIdf.fit(DOCS, TfIdfConfig.builder().useIdf(false).l2Normalize(false).build());
        assertArrayEquals(new float[] {2, 0, 0, 0, 1}, tf.transform(List.of("cat cat the zebra")).floats());
    }

    @Test
    void ngramsSortedByLengthThenTextAndUnknownWordsBreakNgrams() {
        TfIdf t = TfIdf.fit(DOCS, TfIdfConfig.builder().ngrams(1, 2).useIdf(false).l2Normalize(false).build());
        assertEquals(List.of("cat", "dog", "ran", "sat", "the", "cat ran", "cat sat", "dog sat", "the cat", "the dog"),
                t.vocabulary());
        // "the zebra cat": unigrams the, cat; no bigram (zebra is unknown, "the cat" is not adjacent)
        float[] row = t.transform(List.of("the zebra cat")).floats();
        assertEquals(1, row[t.columnOf("the")]);
        assertEquals(1, row[t.columnOf("cat")]);
        assertEquals(0, row[t.columnOf("the cat")]);
        assertEquals(2, sum(row), 0);
        TfIdf only2 = TfIdf.fit(DOCS, TfIdfConfig.builder().ngrams(2, 2).build());
        assertEquals(List.of("cat ran", "cat sat", "dog sat", "the cat", "the dog"), only2.vocabulary());
    }

    @Test
    void documentFrequencyBounds() {
        // maxDf 0.9 of 3 docs = 2.7: drops "the" (3); minDf 2 drops dog and ran (1)
        TfIdf t = TfIdf.fit(DOCS, TfIdfConfig.builder().minDf(DocFrequency.count(2)).maxDf(DocFrequency.fraction(0.9)).build());
        assertEquals(List.of("cat", "sat"), t.vocabulary());
        // maxDf as a count
        TfIdf c = TfIdf.fit(DOCS, TfIdfConfig.builder().maxDf(DocFrequency.count(1)).build());
        assertEquals(List.of("dog", "ran"), c.vocabulary());
        // a document with only unknown words is the zero row
        assertArrayEquals(new float[] {0, 0}, t.transform(List.of("zebra")).floats());
    }

    @Test
    void tokenIdsPadWithTheUnknownId() {
        TfIdf t = TfIdf.fit(DOCS, TfIdfConfig.defaults());
        Tensor ids = t.tokenIds(List.of("cat the", "zebra", ""));
        assertArrayEquals(new long[] {3, 2}, ids.shape().dims());
        long u = t.unknownId();
        assertEquals(5, u);
        assertArrayEquals(new long[] {0, 4, u, u, u, u}, ids.longs());
    }

    @Test
    void clearErrors() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TfIdf.fit(List.of("a b", "!"), TfIdfConfig.defaults()));
        assertTrue(e.getMessage().contains("No n-gram is left"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> TfIdf.fit(List.of(), TfIdfConfig.defaults()));
        e = assertThrows(IllegalArgumentException.class, () -> TfIdfConfig.builder().ngrams(2, 1).build());
        assertTrue(e.getMessage().contains("n-gram range"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> DocFrequency.fraction(1.5));
        assertThrows(IllegalArgumentException.class, () -> TfIdf.fit(DOCS,
                TfIdfConfig.builder().minDf(DocFrequency.count(3)).maxDf(DocFrequency.count(2)).build()));
    }

    private static float sum(float[] v) {
        float s = 0;
        for (float x : v) s += x;
        return s;
    }
}
