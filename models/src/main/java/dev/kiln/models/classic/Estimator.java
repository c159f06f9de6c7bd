package dev.kiln.models.classic;

import dev.kiln.runtime.graph.Graph;
import dev.kiln.runtime.graph.ValueInfo;
import java.util.List;

/**
 * A supervised model: {@code fit} on feature rows and targets, then {@code predict}.
 * Classifiers take whole-number class labels as targets (see {@link Classifier}).
 */
public interface Estimator {
    /**
     * Fits the model to {@code x}: (N, F) and {@code y}: (N).
     *
     * @return this
     * @throws IllegalArgumentException for empty, ragged or non-finite data or mismatched lengths
     */
    Estimator fit(double[][] x, double[] y);

    /** Predictions for {@code x}: (N, F): class labels or regression values (N). */
    double[] predict(double[][] x);

    /** The default score: accuracy for classifiers, R² for regressors. */
    double score(double[][] x, double[] y);

    /** A new, unfitted estimator with the same settings. */
    Estimator unfitted();

    /** Whether targets are class labels (cross-validation then stratifies). */
    default boolean isClassifier() { return false; }

    /** Number of features seen by {@code fit}. */
    int inputFeatures();

    /**
     * Appends the inference nodes reading {@code x}: float32 (N, {@link #inputFeatures()}).
     *
     * @return the declared outputs: {@code label} int64 (N) and {@code probabilities} float32
     *     (N, C) for classifiers, {@code variable} float32 (N, 1) for regressors
     */
    List<ValueInfo> appendOnnx(OnnxBuilder b, String x);

    /** A standalone graph with input {@code X}: float32 (N, F). */
    default Graph toOnnx() {
        OnnxBuilder b = new OnnxBuilder(getClass().getSimpleName(), inputFeatures());
        return b.build(appendOnnx(b, b.input()));
    }
}
