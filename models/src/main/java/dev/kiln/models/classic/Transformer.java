package dev.kiln.models.classic;

import dev.kiln.runtime.graph.Graph;
import java.util.List;

/** A fitted mapping of feature rows to new feature rows (scaling, encoding, projection). */
public interface Transformer {
    /**
     * Learns the mapping from {@code x}: (N, F).
     *
     * @return this
     * @throws IllegalArgumentException for an empty, ragged or non-finite {@code x}
     */
    Transformer fit(double[][] x);

    /** Maps {@code x}: (N, F) to (N, {@link #outputFeatures()}). */
    double[][] transform(double[][] x);

    /** {@code fit(x)} then {@code transform(x)}. */
    default double[][] fitTransform(double[][] x) { return fit(x).transform(x); }

    /** A new, unfitted transformer with the same settings. */
    Transformer unfitted();

    /** Number of input columns seen by {@code fit}. */
    int inputFeatures();

    /** Number of output columns. */
    int outputFeatures();

    /**
     * Appends the inference nodes reading {@code x}: float32 (N, {@link #inputFeatures()}).
     *
     * @return the name of the float32 (N, {@link #outputFeatures()}) result
     */
    String appendOnnx(OnnxBuilder b, String x);

    /** A standalone graph: input {@code X}, one float32 output. */
    default Graph toOnnx() {
        OnnxBuilder b = new OnnxBuilder(getClass().getSimpleName(), inputFeatures());
        String y = appendOnnx(b, b.input());
        return b.build(List.of(OnnxBuilder.floatOutput(y, outputFeatures())));
    }
}
