package dev.kiln.ops.ml;

import static dev.kiln.ops.ml.MlTestNodes.node;
import static dev.kiln.ops.ml.MlTestNodes.run;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.kiln.runtime.graph.Attribute;
import dev.kiln.runtime.graph.Attributes;
import dev.kiln.runtime.graph.Node;
import dev.kiln.runtime.tensor.DType;
import dev.kiln.runtime.tensor.Shape;
import dev.kiln.runtime.tensor.Tensor;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Normalizer, OneHotEncoder, Imputer, LabelEncoder and TfIdfVectorizer on hand-computed cases. */
class PreprocessingTest {

    @Test
    void normalizerNorms() {
        Tensor x = Tensor.of(new float[] {3, -4, 0, 0}, 2, 2);
        assertArrayEquals(new float[] {0.6f, -0.8f, 0, 0},
                run(new Normalizer(node("Normalizer", 1, Attribute.of("norm", "L2"))), x)[0].floats(), 1e-6f);
        assertArrayEquals(new float[] {3f / 7, -4f / 7, 0, 0},
                run(new Normalizer(node("Normalizer", 1, Attribute.of("norm", "L1"))), x)[0].floats(), 1e-6f);
        assertArrayEquals(new float[] {1, -4f / 3, 0, 0},
                run(new Normalizer(node("Normalizer", 1)), x)[0].floats(), 1e-6f);
    }

    @Test
    void oneHotAppendsCategoryAxis() {
        OneHotEncoder op = new OneHotEncoder(node("OneHotEncoder", 1, Attribute.ofInts("cats_int64s", 1, 3, 5)));
        Tensor y = run(op, Tensor.of(new double[] {3.7, 9}, 2))[0];
        // 3.7 truncates to category 3; 9 is unknown -> zeros
        assertEquals(Shape.of(2, 3), y.shape());
        assertArrayEquals(new float[] {0, 1, 0, 0, 0, 0}, y.floats());
        OneHotEncoder strict = new OneHotEncoder(node("OneHotEncoder", 1,
                Attribute.ofStrings("cats_strings", "a", "b"), Attribute.of("zeros", 0L)));
        assertThrows(IllegalArgumentException.class, () -> run(strict, Tensor.of(new String[] {"c"}, 1)));
    }

    @Test
    void imputerReplacesNanPerFeature() {
        Imputer op = new Imputer(node("Imputer", 1, Attribute.ofFloats("imputed_value_floats", 10, 20),
                Attribute.of("replaced_value_float", Float.NaN)));
        Tensor y = run(op, Tensor.of(new float[] {Float.NaN, 1, 2, Float.NaN}, 2, 2))[0];
        assertArrayEquals(new float[] {10, 1, 2, 20}, y.floats());
    }

    @Test
    void labelEncoderFloatKeysToStrings() {
        Node n = node("LabelEncoder", 1, Attribute.ofFloats("keys_floats", 1.5f, Float.NaN, 1.5f),
                Attribute.ofStrings("values_strings", "x", "nan", "last"), Attribute.of("default_string", "?"));
        Tensor y = run(new LabelEncoder(n, 2), Tensor.of(new float[] {1.5f, Float.NaN, 2}, 3))[0];
        // a repeated key keeps its last value; NaN matches NaN
        assertEquals(DType.STRING, y.dtype());
        assertArrayEquals(new String[] {"last", "nan", "?"}, y.strings());
    }

    @Test
    void tfidfWeightsInIdfAndTfidfModes() {
        // pool: unigrams [1, 2], bigram [1, 2]; outputs 0, 1, 2; weights 0.5, 2, 3
        Attribute[] common = {Attribute.of("min_gram_length", 1L), Attribute.of("max_gram_length", 2L),
                Attribute.of("max_skip_count", 0L), Attribute.ofInts("ngram_counts", 0, 2),
                Attribute.ofInts("ngram_indexes", 0, 1, 2), Attribute.ofInts("pool_int64s", 1, 2, 1, 2),
                Attribute.ofFloats("weights", 0.5f, 2, 3)};
        Tensor x = Tensor.of(new long[] {1, 2, 1, 2, 2}, 5);
        // counts: 1 -> 2, 2 -> 3, (1, 2) -> 2
        assertArrayEquals(new float[] {1, 6, 6}, run(new TfIdfVectorizer(tfidf(common, "TFIDF")), x)[0].floats());
        assertArrayEquals(new float[] {0.5f, 2, 3}, run(new TfIdfVectorizer(tfidf(common, "IDF")), x)[0].floats());
        assertArrayEquals(new float[] {2, 3, 2}, run(new TfIdfVectorizer(tfidf(common, "TF")), x)[0].floats());
    }

    private static Node tfidf(Attribute[] common, String mode) {
        Attribute[] all = Arrays.copyOf(common, common.length + 1);
        all[common.length] = Attribute.of("mode", mode);
        return new Node("n", "", "TfIdfVectorizer", List.of("X"), List.of("Y"),
                new Attributes(List.of(all)));
    }
}
