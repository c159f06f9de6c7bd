package dev.kiln.models.classic;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kiln.models.data.Dataset;
import dev.kiln.models.data.Datasets;
import dev.kiln.models.data.Split;
import dev.kiln.models.data.Splits;
import dev.kiln.runtime.tensor.Tensor;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PreprocessingTest {
    @Test
    void standardScalerHandComputed() {
        double[][] x = {{1, 5}, {3, 5}};
        StandardScaler s = new StandardScaler().fit(x);
        assertArrayEquals(new double[] {2, 5}, s.mean(), 0);
        assertArrayEquals(new double[] {1, 1}, s.scale(), 0, "std 1 and a constant column keep scale 1");
        assertArrayEquals(new double[] {-1, 0}, s.transform(x)[0], 0);
        assertArrayEquals(new double[] {1, 0}, s.transform(x)[1], 0);
    }

    @Test
    void minMaxScalerMapsTheTrainingRange() {
        double[][] x = {{1, -2}, {3, 2}, {2, 0}};
        MinMaxScaler s = new MinMaxScaler(-1, 1).fit(x);
        double[][] y = s.transform(x);
        assertArrayEquals(new double[] {-1, -1}, y[0], 1e-15);
        assertArrayEquals(new double[] {1, 1}, y[1], 1e-15);
        assertArrayEquals(new double[] {0, 0}, y[2], 1e-15);
        assertThrows(IllegalArgumentException.class, () -> new MinMaxScaler(1, 1));
    }

    @Test
    void oneHotEncoderLayoutAndUnknowns() {
        double[][] x = {{0.5, 3, 7}, {1.5, 1, 7}, {2.5, 3, 9}};
        OneHotEncoder e = OneHotEncoder.of(1, 2).fit(x);
        assertEquals(5, e.outputFeatures());
        assertArrayEquals(new long[] {1, 3}, e.categories(1));
        assertArrayEquals(new double[] {0.5, 0, 1, 1, 0}, e.transform(x)[0], 0);
        assertArrayEquals(new double[] {2.5, 0, 0, 0, 0}, e.transform(new double[][] {{2.5, 4, 8}})[0], 0, "unknown -> zeros");
        OneHotEncoder strict = OneHotEncoder.of(1).withIgnoreUnknown(false).fit(x);
        assertThrows(IllegalArgumentException.class, () -> strict.transform(new double[][] {{0, 2, 7}}));
        assertThrows(IllegalArgumentException.class, () -> OneHotEncoder.allColumns().fit(x), "0.5 is not a category code");
        assertThrows(IllegalArgumentException.class, () -> OneHotEncoder.of(3).fit(x));
    }

    @Test
    void oneHotPipelineAgreesWithOnnx() {
        // Iris with a synthetic categorical column (petal-width band 0..2) in the middle.
        Dataset iris = Datasets.iris();
        double[][] x = new double[iris.rows()][5];
        for (int i = 0; i < x.length; i++) {
            double[] r = iris.x()[i];
            x[i] = new double[] {r[0], r[1], Math.min(2, Math.floor(r[3])), r[2], r[3]};
        }
        Split split = Splits.stratifiedTrainTest(iris.labels(), 0.3, 5);
        double[][] train = dev.kiln.models.data.Rows.select(x, split.train());
        double[][] test = dev.kiln.models.data.Rows.select(x, split.test());
        Pipeline p = new Pipeline(List.of(OneHotEncoder.of(2), new MinMaxScaler()), new LogisticRegression());
        p.fit(train, dev.kiln.models.data.Rows.select(iris.y(), split.train()));
        assertEquals(7, ((OneHotEncoder) p.steps().get(0)).outputFeatures());
        OneHotEncoder alone = (OneHotEncoder) p.steps().get(0);
        for (Map.Entry<String, Map<String, Tensor>> e : OnnxAgreement.run(alone.toOnnx(), test).entrySet()) {
            OnnxAgreement.assertClose(e.getKey(), alone.transform(test), e.getValue().values().iterator().next());
        }
        for (Map.Entry<String, Map<String, Tensor>> e : OnnxAgreement.run(p.toOnnx(), test).entrySet()) {
            OnnxAgreement.assertLabels(e.getKey(), p.predictLabels(test), e.getValue().get("label"));
            double err = OnnxAgreement.assertClose(e.getKey(), p.predictProba(test), e.getValue().get("probabilities"));
            System.out.println("iris one-hot + min-max + logistic pipeline " + e.getKey() + " probabilities max error " + OnnxAgreement.fmt(err));
        }
    }

    @Test
    void wineScalerLogisticPipelineIsAccurateAndExportsAsOneGraph() {
        Dataset wine = Datasets.wine();
        double mean = SeededSplits.meanAccuracy("wine standard scaler + logistic regression", wine, 0.3, 10,
                () -> Pipeline.of(new StandardScaler(), new LogisticRegression()));
        Pipeline p = Pipeline.of(new StandardScaler(), new LogisticRegression());
        CvScores cv = CrossValidation.crossValidate(p, wine.x(), wine.y(), 5, 0);
        SeededSplits.meanAccuracy("wine logistic regression without scaler", wine, 0.3, 10, LogisticRegression::new);
        System.out.println("wine standard scaler + logistic regression: " + cv);
        assertTrue(mean >= 0.95, "mean accuracy " + mean);
        assertTrue(cv.mean() >= 0.95, "CV " + cv);
        Split split = Splits.stratifiedTrainTest(wine.labels(), 0.3, 0);
        Dataset test = split.testOf(wine);
        p.fit(split.trainOf(wine).x(), split.trainOf(wine).y());
        var g = p.toOnnx();
        assertEquals(List.of("Scaler", "LinearClassifier"), g.nodes().stream().map(n -> n.opType()).toList());
        for (Map.Entry<String, Map<String, Tensor>> e : OnnxAgreement.run(g, test.x()).entrySet()) {
            OnnxAgreement.assertLabels(e.getKey(), p.predictLabels(test.x()), e.getValue().get("label"));
            double err = OnnxAgreement.assertClose(e.getKey(), p.predictProba(test.x()), e.getValue().get("probabilities"));
            System.out.println("wine pipeline " + e.getKey() + " probabilities max error " + OnnxAgreement.fmt(err));
        }
        StandardScaler s = (StandardScaler) p.steps().get(0);
        for (Map.Entry<String, Map<String, Tensor>> e : OnnxAgreement.run(s.toOnnx(), test.x()).entrySet()) {
            OnnxAgreement.assertClose(e.getKey(), s.transform(test.x()), e.getValue().values().iterator().next());
        }
    }

    @Test
    void crossValidationOfARegressorScoresR2() {
        Dataset d = Datasets.diabetes();
        CvScores cv = CrossValidation.crossValidate(new LinearRegression(), d.x(), d.y(), 5);
        assertEquals("r2", cv.metric());
        assertEquals(5, cv.scores().length);
        assertTrue(cv.mean() > 0.4 && cv.mean() < 0.6, cv.toString());
    }
}
