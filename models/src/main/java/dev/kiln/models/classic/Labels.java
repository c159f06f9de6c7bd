package dev.kiln.models.classic;

import dev.kiln.models.data.Checks;
import java.util.Arrays;

/**
 * Class labels mapped to indices 0..C-1 in sorted label order.
 *
 * @param classes the sorted distinct labels (C)
 * @param index each sample's class index (N)
 */
record Labels(int[] classes, int[] index) {
    /** Indexes {@code y}, which must hold at least two distinct labels. */
    static Labels of(int[] y, int rows) {
        Checks.labels(y, "y", rows);
        int[] classes = Arrays.stream(y).distinct().sorted().toArray();
        if (classes.length < 2) {
            throw new IllegalArgumentException("y has a single class (" + classes[0] + "); a classifier needs at least two");
        }
        int[] index = new int[y.length];
        for (int i = 0; i < y.length; i++) index[i] = Arrays.binarySearch(classes, y[i]);
        return new Labels(classes, index);
    }

    /** The label with the largest probability in {@code p} (the first on ties). */
    static int argmax(double[] p) {
        int best = 0;
        for (int c = 1; c < p.length; c++) if (p[c] > p[best]) best = c;
        return best;
    }

    /** Throws when a model is used before {@code fit}. */
    static void requireFitted(boolean fitted, Object model) {
        if (!fitted) throw new IllegalStateException(model.getClass().getSimpleName() + " is not fitted; call fit first");
    }
}
