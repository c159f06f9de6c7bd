package dev.kiln.models.classic;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kiln.models.data.Dataset;
import dev.kiln.models.data.Datasets;
import dev.kiln.models.data.Metrics;
import dev.kiln.models.data.Split;
import dev.kiln.models.data.Splits;
import dev.kiln.runtime.tensor.Tensor;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KMeansTest {
    @Test
    void irisThreeClustersRecoverTheSpeciesAndAgreeWithOnnx() {
        Dataset iris = Datasets.iris();
        KMeans all = new KMeans(3).fit(iris.x());
        double ariAll = Metrics.adjustedRandIndex(iris.labels(), all.labels());
        Split split = Splits.stratifiedTrainTest(iris.labels(), 0.3, 11);
        Dataset test = split.testOf(iris);
        KMeans m = new KMeans(3).fit(split.trainOf(iris).x());
        int[] pred = m.predict(test.x());
        double ariTest = Metrics.adjustedRandIndex(test.labels(), pred);
        System.out.printf("iris k-means k=3: ARI on all rows %.4f (inertia %.4f, %d iterations); fitted on train, ARI on test %.4f%n",
                ariAll, all.inertia(), all.iterations(), ariTest);
        assertTrue(ariAll >= 0.70, "ARI " + ariAll);
        assertTrue(ariTest >= 0.70, "ARI " + ariTest);
        assertArrayEquals(all.labels(), all.predict(iris.x()), "training labels match the final centres");
        for (Map.Entry<String, Map<String, Tensor>> e : OnnxAgreement.run(m.toOnnx(), test.x()).entrySet()) {
            OnnxAgreement.assertLabels(e.getKey(), pred, e.getValue().get("label"));
            double err = OnnxAgreement.assertClose(e.getKey(), m.squaredDistances(test.x()), e.getValue().get("squared_distances"));
            System.out.println("iris k-means " + e.getKey() + " squared distances max scaled error " + OnnxAgreement.fmt(err));
        }
    }

    @Test
    void sameSeedSameResultAndMoreStartsNeverWorse() {
        Dataset wine = Datasets.wine();
        KMeans a = new KMeans(KMeansConfig.of(4).withSeed(5)).fit(wine.x());
        KMeans b = new KMeans(KMeansConfig.of(4).withSeed(5)).fit(wine.x());
        assertArrayEquals(a.labels(), b.labels());
        assertEquals(a.inertia(), b.inertia());
        KMeans one = new KMeans(KMeansConfig.of(4).withSeed(5).withNInit(1)).fit(wine.x());
        assertTrue(a.inertia() <= one.inertia() + 1e-9);
    }

    @Test
    void separatedBlobsAndInertia() {
        double[][] x = {{0, 0}, {0, 1}, {1, 0}, {10, 10}, {10, 11}, {11, 10}};
        KMeans m = new KMeans(2).fit(x);
        int[] l = m.labels();
        assertEquals(l[0], l[1]);
        assertEquals(l[0], l[2]);
        assertEquals(l[3], l[4]);
        assertTrue(l[0] != l[3]);
        // Each blob's centre is its mean; inertia = 2 * (1/9 + 4/9 + 1/9 + 4/9 ... ) = 2 * 4/3.
        assertEquals(8.0 / 3, m.inertia(), 1e-12);
    }

    @Test
    void emptyClustersAreReseededWithDuplicatePoints() {
        // Three distinct points, k = 3, many duplicates: every cluster must end up non-empty.
        double[][] x = {{0}, {0}, {0}, {0}, {5}, {9}};
        KMeans m = new KMeans(KMeansConfig.of(3).withNInit(3)).fit(x);
        assertEquals(0.0, m.inertia(), 1e-12);
        assertEquals(3, java.util.Arrays.stream(m.labels()).distinct().count());
        assertThrows(IllegalArgumentException.class, () -> new KMeans(7).fit(x));
    }
}
