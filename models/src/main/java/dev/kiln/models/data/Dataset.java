package dev.kiln.models.data;

import java.util.List;

/**
 * A table of numeric features with one target column.
 *
 * @param name a short name for messages
 * @param x features, one row per sample: (N, F)
 * @param y targets (N): class indices for classification, values for regression
 * @param featureNames F column names
 * @param targetName the target column's name
 * @param classNames names of the classes by index (empty for regression)
 */
public record Dataset(String name, double[][] x, double[] y, List<String> featureNames, String targetName,
                      List<String> classNames) {
    public Dataset {
        int f = Checks.matrix(x, "X of " + name);
        Checks.targets(y, "y of " + name, x.length);
        featureNames = List.copyOf(featureNames);
        classNames = List.copyOf(classNames);
        if (featureNames.size() != f) {
            throw new IllegalArgumentException(name + " has " + f + " features but " + featureNames.size() + " feature names");
        }
    }

    /** Number of samples. */
    public int rows() { return x.length; }

    /** Number of features. */
    public int features() { return x[0].length; }

    /** Whether the target is a class label. */
    public boolean isClassification() { return !classNames.isEmpty(); }

    /** The targets as integer class labels. */
    public int[] labels() { return Checks.integerLabels(y, "y of " + name); }

    /** The rows at {@code idx}, in that order (rows are shared, not copied). */
    public Dataset subset(int[] idx) {
        return new Dataset(name, Rows.select(x, idx), Rows.select(y, idx), featureNames, targetName, classNames);
    }

    @Override
    public String toString() {
        return name + " (" + rows() + " x " + features() + (isClassification() ? ", " + classNames.size() + " classes)" : ", regression)");
    }
}
