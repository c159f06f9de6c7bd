package dev.kiln.models.data;

/**
 * A partition of row indices into a training part and a test part, each sorted ascending.
 *
 * @param train training row indices
 * @param test test row indices
 */
public record Split(int[] train, int[] test) {
    /** The training rows of {@code d}. */
    public Dataset trainOf(Dataset d) { return d.subset(train); }

    /** The test rows of {@code d}. */
    public Dataset testOf(Dataset d) { return d.subset(test); }

    @Override
    public String toString() { return "Split[train=" + train.length + ", test=" + test.length + "]"; }
}
