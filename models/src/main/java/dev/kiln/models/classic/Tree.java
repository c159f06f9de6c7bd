package dev.kiln.models.classic;

/**
 * A fitted binary decision tree in flat arrays; node 0 is the root. An internal node sends a
 * row left when {@code (float) x[feature] <= threshold}: thresholds are float32 values and the
 * comparison is made in float32, exactly as an ONNX tree ensemble does on float input.
 *
 * @param feature split feature per node (-1 for leaves)
 * @param threshold split threshold per node (a float32 value; 0 for leaves)
 * @param left left child per node (-1 for leaves)
 * @param right right child per node (-1 for leaves)
 * @param value per node: class probabilities (C) for classification, the mean (1) for regression
 * @param samples training samples reaching each node
 * @param impurity impurity of each node
 */
public record Tree(int[] feature, float[] threshold, int[] left, int[] right, double[][] value,
                   int[] samples, double[] impurity) {
    /** Number of nodes. */
    public int nodeCount() { return feature.length; }

    /** Whether node {@code i} is a leaf. */
    public boolean isLeaf(int i) { return left[i] < 0; }

    /** The leaf reached by {@code row}. */
    public int leafOf(double[] row) {
        int i = 0;
        while (left[i] >= 0) i = (float) row[feature[i]] <= threshold[i] ? left[i] : right[i];
        return i;
    }

    /** Number of leaves. */
    public int leafCount() {
        int n = 0;
        for (int l : left) if (l < 0) n++;
        return n;
    }

    /** Length of the longest root-to-leaf path. */
    public int depth() { return depth(0); }

    private int depth(int i) { return isLeaf(i) ? 0 : 1 + Math.max(depth(left[i]), depth(right[i])); }
}
