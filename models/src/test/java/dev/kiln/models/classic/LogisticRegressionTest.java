package dev.kiln.models.classic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kiln.models.data.Dataset;
import dev.kiln.models.data.Datasets;
import dev.kiln.models.data.Split;
import dev.kiln.models.data.Splits;
import dev.kiln.runtime.tensor.Tensor;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LogisticRegressionTest {
    @Test
    void irisMultinomialReachesHighTestAccuracyAndAgreesWithOnnx() {
        Dataset iris = Datasets.iris();
        double mean = SeededSplits.meanAccuracy("iris multinomial logistic regression", iris, 0.3, 10, LogisticRegression::new);
        assertTrue(mean >= 0.95, "mean accuracy " + mean);
        Split split = Splits.stratifiedTrainTest(iris.labels(), 0.3, 0);
        Dataset test = split.testOf(iris);
        LogisticRegression m = new LogisticRegression().fit(split.trainOf(iris).x(), split.trainOf(iris).labels());
        System.out.printf("iris split seed 0: L-BFGS %d iterations, converged %s, max |gradient| %.1e%n",
                m.optimizerResult().iterations(), m.optimizerResult().converged(), m.optimizerResult().gradMax());
        assertEquals(3, m.weights().length);
        checkOnnx("iris LinearClassifier", m, test.x());
    }

    @Test
    void binaryBreastCancerUsesOneRowAndAgreesWithOnnx() {
        Dataset bc = Datasets.breastCancer();
        Split split = Splits.stratifiedTrainTest(bc.labels(), 0.25, 3);
        Pipeline p = Pipeline.of(new StandardScaler(), new LogisticRegression());
        p.fit(split.trainOf(bc).x(), split.trainOf(bc).y());
        Dataset test = split.testOf(bc);
        double acc = p.score(test.x(), test.y());
        System.out.printf("breast cancer scaler + binary logistic regression: test accuracy %.4f%n", acc);
        assertTrue(acc >= 0.95, "accuracy " + acc);
        LogisticRegression lr = (LogisticRegression) p.estimator();
        assertEquals(1, lr.weights().length);
        var runs = OnnxAgreement.run(p.toOnnx(), test.x());
        for (Map.Entry<String, Map<String, Tensor>> e : runs.entrySet()) {
            OnnxAgreement.assertLabels(e.getKey(), p.predictLabels(test.x()), e.getValue().get("label"));
            double err = OnnxAgreement.assertClose(e.getKey(), p.predictProba(test.x()), e.getValue().get("probabilities"));
            System.out.println("breast cancer pipeline " + e.getKey() + " probabilities max error " + OnnxAgreement.fmt(err));
        }
    }

    @Test
    void gradientVanishesAtTheSolution() {
        Dataset iris = Datasets.iris();
        LogisticRegression m = new LogisticRegression(LogisticRegressionConfig.defaults().withL2(0.1)).fit(iris.x(), iris.labels());
        assertTrue(m.optimizerResult().converged());
        assertTrue(m.optimizerResult().gradMax() < 1e-6, "gradient " + m.optimizerResult().gradMax());
        double[][] p = m.predictProba(iris.x());
        for (double[] row : p) assertEquals(1.0, row[0] + row[1] + row[2], 1e-12);
    }

    @Test
    void arbitraryIntegerLabelsAreKept() {
        double[][] x = {{0}, {1}, {2}, {3}, {4}, {5}};
        int[] y = {-1, -1, -1, 7, 7, 7};
        LogisticRegression m = new LogisticRegression().fit(x, y);
        assertEquals(-1, m.classes()[0]);
        assertEquals(7, m.classes()[1]);
        int[] pred = m.predictLabels(new double[][] {{-3}, {8}});
        assertEquals(-1, pred[0]);
        assertEquals(7, pred[1]);
    }

    @Test
    void rejectsSingleClassAndFractionalLabels() {
        double[][] x = {{0}, {1}};
        assertThrows(IllegalArgumentException.class, () -> new LogisticRegression().fit(x, new int[] {1, 1}));
        assertThrows(IllegalArgumentException.class, () -> new LogisticRegression().fit(x, new double[] {0, 0.5}));
    }

    static void checkOnnx(String what, Classifier m, double[][] x) {
        for (Map.Entry<String, Map<String, Tensor>> e : OnnxAgreement.run(m.toOnnx(), x).entrySet()) {
            OnnxAgreement.assertLabels(e.getKey(), m.predictLabels(x), e.getValue().get("label"));
            double err = OnnxAgreement.assertClose(e.getKey(), m.predictProba(x), e.getValue().get("probabilities"));
            System.out.println(what + " " + e.getKey() + " probabilities max error " + OnnxAgreement.fmt(err));
        }
    }
}
