package dev.kiln.models.classic;

import dev.kiln.runtime.graph.ValueInfo;
import java.util.ArrayList;
import java.util.List;

/**
 * Transformers applied in order, then an estimator. Fitting fits each step on the output of
 * the previous ones; the ONNX export chains every step's nodes into one graph.
 */
public final class Pipeline implements Estimator {
    private final List<Transformer> steps;
    private final Estimator estimator;

    /** A pipeline of {@code steps} (may be empty) feeding {@code estimator}. */
    public Pipeline(List<Transformer> steps, Estimator estimator) {
        if (steps == null || estimator == null) throw new IllegalArgumentException("steps and estimator must not be null");
        for (Transformer t : steps) if (t == null) throw new IllegalArgumentException("A pipeline step is null");
        this.steps = List.copyOf(steps);
        this.estimator = estimator;
    }

    /** One transformer, then the estimator. */
    public static Pipeline of(Transformer step, Estimator estimator) { return new Pipeline(List.of(step), estimator); }

    /** Two transformers, then the estimator. */
    public static Pipeline of(Transformer first, Transformer second, Estimator estimator) {
        return new Pipeline(List.of(first, second), estimator);
    }

    @Override
    public Pipeline fit(double[][] x, double[] y) {
        double[][] data = x;
        for (Transformer t : steps) data = t.fitTransform(data);
        estimator.fit(data, y);
        return this;
    }

    /** The input transformed by every step. */
    public double[][] transform(double[][] x) {
        double[][] data = x;
        for (Transformer t : steps) data = t.transform(data);
        return data;
    }

    @Override
    public double[] predict(double[][] x) { return estimator.predict(transform(x)); }

    /** Class probabilities of a pipeline ending in a {@link Classifier}. */
    public double[][] predictProba(double[][] x) { return classifier().predictProba(transform(x)); }

    /** Class labels of a pipeline ending in a {@link Classifier}. */
    public int[] predictLabels(double[][] x) { return classifier().predictLabels(transform(x)); }

    private Classifier classifier() {
        if (estimator instanceof Classifier c) return c;
        throw new IllegalStateException("The pipeline ends in " + estimator.getClass().getSimpleName() + ", not a classifier");
    }

    @Override
    public double score(double[][] x, double[] y) { return estimator.score(transform(x), y); }

    @Override
    public Pipeline unfitted() {
        List<Transformer> fresh = new ArrayList<>();
        for (Transformer t : steps) fresh.add(t.unfitted());
        return new Pipeline(fresh, estimator.unfitted());
    }

    @Override
    public boolean isClassifier() { return estimator.isClassifier(); }

    @Override
    public int inputFeatures() { return steps.isEmpty() ? estimator.inputFeatures() : steps.get(0).inputFeatures(); }

    @Override
    public List<ValueInfo> appendOnnx(OnnxBuilder b, String x) {
        String v = x;
        for (Transformer t : steps) v = t.appendOnnx(b, v);
        return estimator.appendOnnx(b, v);
    }

    /** The transformers. */
    public List<Transformer> steps() { return steps; }

    /** The final estimator. */
    public Estimator estimator() { return estimator; }

    @Override
    public String toString() { return "Pipeline" + steps + " -> " + estimator; }
}
