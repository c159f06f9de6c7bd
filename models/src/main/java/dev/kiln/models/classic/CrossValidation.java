package dev.kiln.models.classic;

import dev.kiln.models.data.Checks;
import dev.kiln.models.data.Rows;
import dev.kiln.models.data.Split;
import dev.kiln.models.data.Splits;
import java.util.List;

/** K-fold cross-validation of an estimator (stratified for classifiers). */
public final class CrossValidation {
    private CrossValidation() {}

    /** {@link #crossValidate(Estimator, double[][], double[], int, long)} with seed 0. */
    public static CvScores crossValidate(Estimator estimator, double[][] x, double[] y, int k) {
        return crossValidate(estimator, x, y, k, 0);
    }

    /**
     * Fits a fresh copy of {@code estimator} on each of {@code k} training parts and scores it on
     * the held-out part: accuracy with stratified folds for classifiers, R² with shuffled folds
     * otherwise. {@code estimator} itself is not fitted.
     */
    public static CvScores crossValidate(Estimator estimator, double[][] x, double[] y, int k, long seed) {
        Checks.matrix(x, "X");
        Checks.targets(y, "y", x.length);
        boolean classifier = estimator.isClassifier();
        List<Split> folds = classifier
                ? Splits.stratifiedKFold(Checks.integerLabels(y, "y"), k, seed)
                : Splits.kFold(x.length, k, seed);
        double[] scores = new double[k];
        for (int f = 0; f < k; f++) {
            Split s = folds.get(f);
            Estimator e = estimator.unfitted();
            e.fit(Rows.select(x, s.train()), Rows.select(y, s.train()));
            scores[f] = e.score(Rows.select(x, s.test()), Rows.select(y, s.test()));
        }
        return new CvScores(classifier ? "accuracy" : "r2", scores);
    }
}
