package dev.kiln.models.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.StringReader;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DataTest {
    @Test
    void bundledDatasetsHaveTheirDocumentedShapes() {
        assertEquals("iris (150 x 4, 3 classes)", Datasets.iris().toString());
        assertEquals("wine (178 x 13, 3 classes)", Datasets.wine().toString());
        assertEquals("breast_cancer (569 x 30, 2 classes)", Datasets.breastCancer().toString());
        assertEquals("diabetes (442 x 10, regression)", Datasets.diabetes().toString());
        assertEquals("digits (1797 x 64, 10 classes)", Datasets.digits().toString());
        assertEquals(151.0, Datasets.diabetes().y()[0]);
        assertArrayEquals(new double[] {5.1, 3.5, 1.4, 0.2}, Datasets.iris().x()[0]);
        assertEquals(List.of("malignant", "benign"), Datasets.breastCancer().classNames());
    }

    @Test
    void csvWithHeaderStringLabelsAndErrors() throws Exception {
        String csv = "a;b;kind\n1;2;cat\n3;4.5;dog\n\n5;6;cat\n";
        Dataset d = Csv.read("t.csv", new BufferedReader(new StringReader(csv)), "kind");
        assertEquals(List.of("a", "b"), d.featureNames());
        assertEquals(List.of("cat", "dog"), d.classNames());
        assertArrayEquals(new double[] {0, 1, 0}, d.y());
        assertArrayEquals(new double[] {3, 4.5}, d.x()[1]);
        Dataset numeric = Csv.read("n.csv", new BufferedReader(new StringReader("y,\"x\"\n1.5,2\n2.5,3\n")), "y");
        assertTrue(numeric.classNames().isEmpty());
        assertArrayEquals(new double[] {1.5, 2.5}, numeric.y());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Csv.read("m.csv", new BufferedReader(new StringReader("x,y\n1,\n")), "x"));
        assertTrue(e.getMessage().contains("line 2") && e.getMessage().contains("missing"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Csv.read("h.csv", new BufferedReader(new StringReader("x,y\n1,2\n")), "z"));
        assertThrows(IllegalArgumentException.class, () -> Csv.read("r.csv", new BufferedReader(new StringReader("x,y\n1,2,3\n")), "x"));
    }

    @Test
    void csvQuotingByteOrderMarkAndCrlf() throws Exception {
        String csv = "\uFEFFx,\"y\",label\r\n1,2,\"cat, black\"\r\n3, 4 ,\"dog \"\"rex\"\"\"\r\n\r\n5,6,\"two\nlines\"\r\n";
        Dataset d = Csv.read("q.csv", new BufferedReader(new StringReader(csv)), "label");
        assertEquals(List.of("x", "y"), d.featureNames());
        assertEquals(List.of("cat, black", "dog \"rex\"", "two\nlines"), d.classNames());
        assertArrayEquals(new double[] {3, 4}, d.x()[1]);
        Dataset blanks = Csv.read("b.txt", new BufferedReader(new StringReader("x  y   k\n1 2 a\n  3\t4 b\n")), "k");
        assertArrayEquals(new double[] {3, 4}, blanks.x()[1]);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Csv.read("u.csv", new BufferedReader(new StringReader("x,y\n1,\"2\n")), "x"));
        assertTrue(e.getMessage().contains("u.csv"), e.getMessage());
    }

    @Test
    void trainTestSplitsAreSeededAndDisjoint() {
        Split a = Splits.trainTest(100, 0.25, 7);
        Split b = Splits.trainTest(100, 0.25, 7);
        assertArrayEquals(a.test(), b.test());
        assertEquals(25, a.test().length);
        assertEquals(75, a.train().length);
        Set<Integer> seen = new HashSet<>();
        for (int i : a.train()) seen.add(i);
        for (int i : a.test()) assertTrue(seen.add(i));
        assertEquals(100, seen.size());
        assertTrue(!Arrays.equals(a.test(), Splits.trainTest(100, 0.25, 8).test()));
        assertThrows(IllegalArgumentException.class, () -> Splits.trainTest(10, 1.0, 0));
    }

    @Test
    void stratifiedSplitsKeepClassShares() {
        int[] y = new int[100];
        for (int i = 0; i < 100; i++) y[i] = i < 80 ? 0 : 1;
        Split s = Splits.stratifiedTrainTest(y, 0.25, 1);
        assertEquals(20, Arrays.stream(s.test()).filter(i -> y[i] == 0).count());
        assertEquals(5, Arrays.stream(s.test()).filter(i -> y[i] == 1).count());
        List<Split> folds = Splits.stratifiedKFold(y, 5, 3);
        Set<Integer> tested = new HashSet<>();
        for (Split f : folds) {
            assertEquals(20, f.test().length);
            assertEquals(4, Arrays.stream(f.test()).filter(i -> y[i] == 1).count());
            assertEquals(80, f.train().length);
            for (int i : f.test()) assertTrue(tested.add(i), "each row is tested once");
        }
        List<Split> plain = Splits.kFold(11, 3, 0);
        assertEquals(List.of(4, 4, 3), plain.stream().map(f -> f.test().length).toList());
        assertThrows(IllegalArgumentException.class, () -> Splits.kFold(3, 4, 0));
    }

    @Test
    void metricsHandComputed() {
        assertEquals(0.75, Metrics.accuracy(new int[] {1, 2, 3, 4}, new int[] {1, 2, 3, 0}));
        int[][] cm = Metrics.confusionMatrix(new int[] {0, 0, 1, 1, 1}, new int[] {0, 1, 1, 1, 0});
        assertArrayEquals(new int[] {1, 1}, cm[0]);
        assertArrayEquals(new int[] {1, 2}, cm[1]);
        assertEquals(1.0, Metrics.mse(new double[] {1, 2}, new double[] {2, 1}));
        assertEquals(0.0, Metrics.r2(new double[] {1, 3}, new double[] {2, 2}));
        assertEquals(1.0, Metrics.r2(new double[] {1, 3}, new double[] {1, 3}));
        // ARI is invariant to renaming and 1 for equal partitions.
        assertEquals(1.0, Metrics.adjustedRandIndex(new int[] {0, 0, 1, 1}, new int[] {5, 5, 2, 2}), 1e-15);
        // Hand computation: a = {0,0,0,1,1,1}, b = {0,0,1,1,2,2}: sum C(nij,2) = 2, rows 6, cols 3,
        // expected 6*3/15 = 1.2, max 4.5, ARI = (2 - 1.2) / (4.5 - 1.2) = 0.8 / 3.3.
        assertEquals(0.8 / 3.3, Metrics.adjustedRandIndex(new int[] {0, 0, 0, 1, 1, 1}, new int[] {0, 0, 1, 1, 2, 2}), 1e-12);
        assertThrows(IllegalArgumentException.class, () -> Metrics.accuracy(new int[] {1}, new int[] {1, 2}));
    }
}
