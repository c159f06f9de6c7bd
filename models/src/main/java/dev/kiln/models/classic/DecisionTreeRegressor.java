package dev.kiln.models.classic;

import dev.kiln.models.data.Checks;
import dev.kiln.runtime.graph.ValueInfo;
import java.util.List;

/**
 * CART regression tree minimising the mean squared error; a leaf predicts the mean target of
 * its training samples. The config's criterion is ignored. Exports as ai.onnx.ml
 * {@code TreeEnsembleRegressor} (one tree).
 */
public final class DecisionTreeRegressor implements Regressor {
    private final DecisionTreeConfig config;
    private Tree tree;
    private double[] importances;

    /** A tree with {@link DecisionTreeConfig#defaults()}. */
    public DecisionTreeRegressor() { this(DecisionTreeConfig.defaults()); }

    /** A tree with the given settings. */
    public DecisionTreeRegressor(DecisionTreeConfig config) { this.config = config; }

    @Override
    public DecisionTreeRegressor fit(double[][] x, double[] y) {
        int f = Checks.matrix(x, "X");
        Checks.targets(y, "y", x.length);
        Cart.Target target = new Cart.Target() {
            @Override public int width() { return 2; }

            @Override public void add(int i, double[] s) {
                s[0] += y[i];
                s[1] += y[i] * y[i];
            }

            // Variance = E[y²] - E[y]², the MSE of predicting the mean.
            @Override public double impurity(double[] s, int n) {
                double mean = s[0] / n;
                return Math.max(0, s[1] / n - mean * mean);
            }

            @Override public double[] value(double[] s, int n) { return new double[] {s[0] / n}; }
        };
        double[] imp = new double[f];
        tree = Cart.grow(x, target, config, imp);
        importances = imp;
        return this;
    }

    @Override
    public double[] predict(double[][] x) {
        Labels.requireFitted(tree != null, this);
        Checks.matrix(x, "X", importances.length);
        double[] out = new double[x.length];
        for (int i = 0; i < x.length; i++) out[i] = tree.value()[tree.leafOf(x[i])][0];
        return out;
    }

    /** Normalised total impurity decrease per feature. */
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
    public DecisionTreeRegressor unfitted() { return new DecisionTreeRegressor(config); }

    @Override
    public int inputFeatures() {
        Labels.requireFitted(importances != null, this);
        return importances.length;
    }

    @Override
    public List<ValueInfo> appendOnnx(OnnxBuilder b, String x) {
        Labels.requireFitted(tree != null, this);
        return TreeExport.regressor(b, x, tree);
    }

    @Override
    public String toString() {
        return "DecisionTreeRegressor(" + (tree == null ? "unfitted)" : tree.nodeCount() + " nodes, depth " + tree.depth() + ")");
    }
}
