package dev.kiln.models.classic;

import dev.kiln.models.classic.DecisionTreeConfig.Criterion;
import dev.kiln.models.data.Checks;
import dev.kiln.runtime.graph.ValueInfo;
import java.util.List;

/**
 * CART classification tree with Gini or entropy splits. Leaves hold the class frequencies of
 * their training samples, which are the predicted probabilities. Exports as ai.onnx.ml
 * {@code TreeEnsembleClassifier} (one tree).
 */
public final class DecisionTreeClassifier implements Classifier {
    private final DecisionTreeConfig config;
    private int[] classes;
    private Tree tree;
    private double[] importances;

    /** A tree with {@link DecisionTreeConfig#defaults()}. */
    public DecisionTreeClassifier() { this(DecisionTreeConfig.defaults()); }

    /** A tree with the given settings. */
    public DecisionTreeClassifier(DecisionTreeConfig config) { this.config = config; }

    @Override
    public DecisionTreeClassifier fit(double[][] x, int[] y) {
        int f = Checks.matrix(x, "X");
        Labels labels = Labels.of(y, x.length);
        int c = labels.classes().length;
        int[] idx = labels.index();
        boolean gini = config.criterion() == Criterion.GINI;
        Cart.Target target = new Cart.Target() {
            @Override public int width() { return c; }

            @Override public void add(int i, double[] stats) { stats[idx[i]]++; }

            @Override public double impurity(double[] counts, int n) {
                double s = 0;
                for (double k : counts) {
                    if (k == 0) continue;
                    double p = k / n;
                    s += gini ? p * p : -p * Math.log(p) / Math.log(2);
                }
                return gini ? 1 - s : s;
            }

            @Override public double[] value(double[] counts, int n) {
                double[] p = new double[c];
                for (int k = 0; k < c; k++) p[k] = counts[k] / n;
                return p;
            }
        };
        double[] imp = new double[f];
        tree = Cart.grow(x, target, config, imp);
        importances = imp;
        classes = labels.classes();
        return this;
    }

    @Override
    public double[][] predictProba(double[][] x) {
        Labels.requireFitted(tree != null, this);
        Checks.matrix(x, "X", importances.length);
        double[][] out = new double[x.length][];
        for (int i = 0; i < x.length; i++) out[i] = tree.value()[tree.leafOf(x[i])].clone();
        return out;
    }

    @Override
    public int[] predictLabels(double[][] x) {
        double[][] p = predictProba(x);
        int[] out = new int[p.length];
        for (int i = 0; i < p.length; i++) out[i] = classes[Labels.argmax(p[i])];
        return out;
    }

    @Override
    public int[] classes() {
        Labels.requireFitted(classes != null, this);
        return classes.clone();
    }

    /** Normalised total impurity decrease per feature (sums to 1 unless the tree is one leaf). */
    public double[] featureImportances() {
        Labels.requireFitted(importances != null, this);
        return importances.clone();
    }

    /** The fitted tree. */
    public Tree tree() {
        Labels.requireFitted(tree != null, this);
        return tree;
    }

    /** The settings. */
    public DecisionTreeConfig config() { return config; }

    @Override
    public DecisionTreeClassifier unfitted() { return new DecisionTreeClassifier(config); }

    @Override
    public int inputFeatures() {
        Labels.requireFitted(importances != null, this);
        return importances.length;
    }

    @Override
    public List<ValueInfo> appendOnnx(OnnxBuilder b, String x) {
        Labels.requireFitted(tree != null, this);
        return TreeExport.classifier(b, x, tree, classes);
    }

    @Override
    public String toString() {
        return "DecisionTreeClassifier(" + config.criterion() + (tree == null ? ", unfitted)"
                : ", " + tree.nodeCount() + " nodes, depth " + tree.depth() + ")");
    }
}
