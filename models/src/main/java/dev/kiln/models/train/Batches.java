package dev.kiln.models.train;

import dev.kiln.runtime.tensor.Shape;
import dev.kiln.runtime.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** Splits a dataset along its first axis into mini-batches, shuffled by seed. */
public final class Batches {
    private Batches() {}

    /**
     * A mini-batch.
     *
     * @param x the inputs, {@code (b, ...)}
     * @param y the targets, {@code (b, ...)}
     */
    public record Batch(Tensor x, Tensor y) {
        /** Number of samples. */
        public int size() { return (int) x.shape().dim(0); }
    }

    /**
     * The batches of one epoch.
     *
     * @param seed shuffling seed (a different seed per epoch gives a different order); negative
     *     keeps the original order
     */
    public static List<Batch> of(Tensor x, Tensor y, int batchSize, long seed) {
        int n = (int) x.shape().dim(0);
        if (y.shape().dim(0) != n) {
            throw new IllegalArgumentException("Inputs have " + n + " rows but targets have " + y.shape().dim(0));
        }
        if (batchSize <= 0) throw new IllegalArgumentException("batch size must be positive, got " + batchSize);
        int[] order = new int[n];
        for (int i = 0; i < n; i++) order[i] = i;
        if (seed >= 0) {
            SplittableRandom rnd = new SplittableRandom(seed);
            for (int i = n - 1; i > 0; i--) {
                int j = rnd.nextInt(i + 1);
                int t = order[i];
                order[i] = order[j];
                order[j] = t;
            }
        }
        List<Batch> out = new ArrayList<>();
        for (int from = 0; from < n; from += batchSize) {
            int to = Math.min(n, from + batchSize);
            int[] rows = java.util.Arrays.copyOfRange(order, from, to);
            out.add(new Batch(rows(x, rows), rows(y, rows)));
        }
        return out;
    }

    /** The given rows of {@code t} (first axis), copied. */
    public static Tensor rows(Tensor t, int[] rows) {
        long[] dims = t.shape().dims();
        int rowSize = (int) t.shape().sizeBetween(1, dims.length);
        dims[0] = rows.length;
        Tensor out = Tensor.zeros(t.dtype(), Shape.of(dims));
        for (int i = 0; i < rows.length; i++) {
            System.arraycopy(t.data(), rows[i] * rowSize, out.data(), i * rowSize, rowSize);
        }
        return out;
    }
}
