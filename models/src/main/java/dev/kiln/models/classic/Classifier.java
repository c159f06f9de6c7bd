package dev.kiln.models.classic;

import dev.kiln.models.data.Checks;
import dev.kiln.models.data.Metrics;

/** An estimator of class labels with class probabilities. */
public interface Classifier extends Estimator {
    /**
     * Fits to {@code x}: (N, F) and integer class labels {@code y}: (N) (any ints, at least two
     * distinct values).
     *
     * @return this
     */
    Classifier fit(double[][] x, int[] y);

    /** Fits with labels given as whole-number doubles. */
    @Override
    default Classifier fit(double[][] x, double[] y) { return fit(x, Checks.integerLabels(y, "y")); }

    /** Predicted class labels (N). */
    int[] predictLabels(double[][] x);

    /** Class probabilities (N, C), columns in the order of {@link #classes()}. */
    double[][] predictProba(double[][] x);

    /** The sorted distinct labels seen by {@code fit}. */
    int[] classes();

    @Override
    default double[] predict(double[][] x) { return Checks.toDoubles(predictLabels(x)); }

    @Override
    default double score(double[][] x, double[] y) {
        return Metrics.accuracy(Checks.integerLabels(y, "y"), predictLabels(x));
    }

    @Override
    default boolean isClassifier() { return true; }
}
