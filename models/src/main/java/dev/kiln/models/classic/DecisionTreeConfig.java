package dev.kiln.models.classic;

/**
 * Settings of the CART trees ({@link DecisionTreeClassifier}, {@link DecisionTreeRegressor}).
 *
 * @param criterion split quality for classification (regression always uses MSE)
 * @param maxDepth depth limit (the root has depth 0); {@code Integer.MAX_VALUE} for none
 * @param minSamplesSplit a node with fewer samples is not split (>= 2)
 * @param minSamplesLeaf each child of a split keeps at least this many samples (>= 1)
 */
public record DecisionTreeConfig(Criterion criterion, int maxDepth, int minSamplesSplit, int minSamplesLeaf) {
    /** Impurity measures for classification. */
    public enum Criterion {
        /** Gini impurity 1 - Σ p². */
        GINI,
        /** Entropy -Σ p log2 p. */
        ENTROPY
    }

    public DecisionTreeConfig {
        if (criterion == null) throw new IllegalArgumentException("criterion is null");
        if (maxDepth < 0) throw new IllegalArgumentException("maxDepth is " + maxDepth + ", expected >= 0");
        if (minSamplesSplit < 2) throw new IllegalArgumentException("minSamplesSplit is " + minSamplesSplit + ", expected >= 2");
        if (minSamplesLeaf < 1) throw new IllegalArgumentException("minSamplesLeaf is " + minSamplesLeaf + ", expected >= 1");
    }

    /** Gini, unlimited depth, minSamplesSplit 2, minSamplesLeaf 1 (grow until pure). */
    public static DecisionTreeConfig defaults() { return new DecisionTreeConfig(Criterion.GINI, Integer.MAX_VALUE, 2, 1); }

    /** A copy with another criterion. */
    public DecisionTreeConfig withCriterion(Criterion c) { return new DecisionTreeConfig(c, maxDepth, minSamplesSplit, minSamplesLeaf); }

    /** A copy with another depth limit. */
    public DecisionTreeConfig withMaxDepth(int v) { return new DecisionTreeConfig(criterion, v, minSamplesSplit, minSamplesLeaf); }

    /** A copy with another split minimum. */
    public DecisionTreeConfig withMinSamplesSplit(int v) { return new DecisionTreeConfig(criterion, maxDepth, v, minSamplesLeaf); }

    /** A copy with another leaf minimum. */
    public DecisionTreeConfig withMinSamplesLeaf(int v) { return new DecisionTreeConfig(criterion, maxDepth, minSamplesSplit, v); }
}
