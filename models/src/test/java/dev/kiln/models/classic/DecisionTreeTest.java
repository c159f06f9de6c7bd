package dev.kiln.models.classic;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kiln.models.classic.DecisionTreeConfig.Criterion;
import dev.kiln.models.data.Dataset;
import dev.kiln.models.data.Datasets;
import dev.kiln.models.data.Split;
import dev.kiln.models.data.Splits;
import dev.kiln.runtime.tensor.Tensor;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DecisionTreeTest {
    @Test
    void breastCancerTreeIsAccurateAndAgreesWithOnnx() {
        Dataset bc = Datasets.breastCancer();
        DecisionTreeConfig cfg = DecisionTreeConfig.defaults().withMaxDepth(4).withMinSamplesLeaf(2);
        double mean = SeededSplits.meanAccuracy("breast cancer decision tree (depth <= 4, leaf >= 2)", bc, 0.2, 10,
                () -> new DecisionTreeClassifier(cfg));
        CvScores cv = CrossValidation.crossValidate(new DecisionTreeClassifier(cfg), bc.x(), bc.y(), 5, 0);
        CvScores cvFull = CrossValidation.crossValidate(new DecisionTreeClassifier(), bc.x(), bc.y(), 5, 0);
        System.out.println("breast cancer decision tree (depth <= 4, leaf >= 2): " + cv);
        System.out.println("breast cancer decision tree (unlimited): " + cvFull);
        assertTrue(mean >= 0.90, "mean accuracy " + mean);
        assertTrue(cv.mean() >= 0.90, "CV " + cv);
        Split split = Splits.stratifiedTrainTest(bc.labels(), 0.2, 0);
        Dataset test = split.testOf(bc);
        DecisionTreeClassifier m = new DecisionTreeClassifier(cfg).fit(split.trainOf(bc).x(), split.trainOf(bc).labels());
        System.out.println("breast cancer split seed 0: " + m);
        double[] imp = m.featureImportances();
        assertEquals(1.0, Arrays.stream(imp).sum(), 1e-12);
        LogisticRegressionTest.checkOnnx("breast cancer TreeEnsembleClassifier", m, test.x());
    }

    @Test
    void irisEntropyTreeAgreesWithOnnxOnThreeClasses() {
        Dataset iris = Datasets.iris();
        Split split = Splits.stratifiedTrainTest(iris.labels(), 0.3, 1);
        DecisionTreeClassifier m = new DecisionTreeClassifier(DecisionTreeConfig.defaults().withCriterion(Criterion.ENTROPY).withMaxDepth(3));
        m.fit(split.trainOf(iris).x(), split.trainOf(iris).labels());
        Dataset test = split.testOf(iris);
        double acc = m.score(test.x(), test.y());
        System.out.printf("iris entropy tree depth 3: test accuracy %.4f%n", acc);
        assertTrue(acc >= 0.9, "accuracy " + acc);
        LogisticRegressionTest.checkOnnx("iris TreeEnsembleClassifier", m, test.x());
    }

    @Test
    void handComputedSplitAndImportances() {
        // Feature 0 separates the classes perfectly at 2.5; feature 1 is noise.
        double[][] x = {{1, 5}, {2, 1}, {3, 4}, {4, 2}};
        int[] y = {0, 0, 1, 1};
        DecisionTreeClassifier m = new DecisionTreeClassifier().fit(x, y);
        Tree t = m.tree();
        assertEquals(3, t.nodeCount());
        assertEquals(0, t.feature()[0]);
        assertEquals(2.5f, t.threshold()[0]);
        assertEquals(0.5, t.impurity()[0], 1e-15);
        assertArrayEquals(new double[] {1, 0}, m.featureImportances(), 1e-15);
        assertArrayEquals(new int[] {0, 1}, m.predictLabels(new double[][] {{2.5, 0}, {2.6, 0}}));
    }

    @Test
    void limitsAreHonoured() {
        Dataset bc = Datasets.breastCancer();
        DecisionTreeClassifier deep = new DecisionTreeClassifier().fit(bc.x(), bc.labels());
        assertEquals(1.0, deep.score(bc.x(), bc.y()), "an unlimited tree fits its (duplicate-free) training data");
        DecisionTreeClassifier shallow = new DecisionTreeClassifier(DecisionTreeConfig.defaults().withMaxDepth(2)).fit(bc.x(), bc.labels());
        assertTrue(shallow.tree().depth() <= 2);
        DecisionTreeClassifier leafy = new DecisionTreeClassifier(DecisionTreeConfig.defaults().withMinSamplesLeaf(30)).fit(bc.x(), bc.labels());
        for (int i = 0; i < leafy.tree().nodeCount(); i++) assertTrue(leafy.tree().samples()[i] >= 30);
        DecisionTreeClassifier split = new DecisionTreeClassifier(DecisionTreeConfig.defaults().withMinSamplesSplit(100)).fit(bc.x(), bc.labels());
        for (int i = 0; i < split.tree().nodeCount(); i++) if (!split.tree().isLeaf(i)) assertTrue(split.tree().samples()[i] >= 100);
        assertThrows(IllegalArgumentException.class, () -> DecisionTreeConfig.defaults().withMinSamplesLeaf(0));
    }

    @Test
    void regressionTreeOnDiabetesAgreesWithOnnx() {
        Dataset d = Datasets.diabetes();
        Split split = Splits.trainTest(d.rows(), 0.2, 42);
        DecisionTreeRegressor m = new DecisionTreeRegressor(DecisionTreeConfig.defaults().withMaxDepth(3));
        m.fit(split.trainOf(d).x(), split.trainOf(d).y());
        Dataset test = split.testOf(d);
        double r2 = m.score(test.x(), test.y());
        System.out.printf("diabetes regression tree depth 3: test R² %.4f%n", r2);
        assertTrue(r2 > 0.2, "R² " + r2);
        double[][] want = OnnxAgreement.column(m.predict(test.x()));
        for (Map.Entry<String, Map<String, Tensor>> e : OnnxAgreement.run(m.toOnnx(), test.x()).entrySet()) {
            double err = OnnxAgreement.assertClose(e.getKey(), want, e.getValue().get("variable"));
            System.out.println("diabetes TreeEnsembleRegressor " + e.getKey() + " max scaled error " + OnnxAgreement.fmt(err));
        }
    }

    @Test
    void regressionTreeOnAStepFunction() {
        double[][] x = {{0}, {1}, {2}, {10}, {11}, {12}};
        double[] y = {1, 1, 1, 5, 5, 5};
        DecisionTreeRegressor m = new DecisionTreeRegressor().fit(x, y);
        assertEquals(3, m.tree().nodeCount());
        assertEquals(6f, m.tree().threshold()[0]);
        assertArrayEquals(new double[] {1, 5}, m.predict(new double[][] {{-4}, {100}}), 0);
    }
}
