package dev.kiln.ops.norm;

import dev.kiln.ops.common.Parallel;
import dev.kiln.ops.common.VectorMath;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Vector API float32 softmax and log-softmax over contiguous rows, each row in one sweep that
 * stays in cache: max, then e^(x - max) written and summed, then one scaling pass. Rows are split
 * across the intra-op threads. Only use it when {@link dev.kiln.ops.common.Vectors#ENABLED}.
 */
public final class SoftmaxKernel {
    private static final VectorSpecies<Float> S = VectorMath.S;
    /** Elements per parallel task (whole rows). */
    private static final int BLOCK = 1 << 14;

    private SoftmaxKernel() {}

    // x, y: (rows, n) → y[r, :] = softmax(x[r, :]) or log-softmax
    static void rows(float[] x, float[] y, int rows, int n, boolean log) {
        int perTask = Math.max(1, BLOCK / Math.max(1, n));
        int tasks = (rows + perTask - 1) / perTask;
        Parallel.forEach(tasks, Parallel.threads(), t -> {
            for (int r = t * perTask, end = Math.min(rows, r + perTask); r < end; r++) row(x, y, r * n, n, log);
        });
    }

    private static void row(float[] x, float[] y, int off, int n, boolean log) {
        int bound = S.loopBound(n);
        FloatVector vmax = FloatVector.broadcast(S, Float.NEGATIVE_INFINITY);
        int i = 0;
        // a NaN lane wins and stays (lanewise MAX follows Math.max)
        for (; i < bound; i += S.length()) vmax = vmax.max(FloatVector.fromArray(S, x, off + i));
        float max = vmax.reduceLanes(VectorOperators.MAX);
        for (; i < n; i++) max = Math.max(max, x[off + i]);
        if (log) {
            // y = x - (max + log sum e^(x - max)); y holds the exponentials only for the sum
            float shift = max + (float) Math.log(exp(x, off, max, y, n));
            for (i = 0; i < bound; i += S.length()) {
                FloatVector.fromArray(S, x, off + i).sub(shift).intoArray(y, off + i);
            }
            for (; i < n; i++) y[off + i] = x[off + i] - shift;
        } else {
            normalize(x, off, max, y, n);
        }
    }

    /**
     * The end of a softmax row: {@code y[off + i] = e^(x[off + i] - max) / sum} over the row's
     * {@code n} values, where {@code max} is the row maximum ({@code y} may be {@code x}).
     */
    public static void normalize(float[] x, int off, float max, float[] y, int n) {
        float inv = 1f / exp(x, off, max, y, n);
        int i = 0;
        for (int bound = S.loopBound(n); i < bound; i += S.length()) {
            FloatVector.fromArray(S, y, off + i).mul(inv).intoArray(y, off + i);
        }
        for (; i < n; i++) y[off + i] *= inv;
    }

    // y = e^(x - max) over the row, returning the sum
    private static float exp(float[] x, int off, float max, float[] y, int n) {
        float sum = VectorMath.expNonPositive(x, off, max, y, off, n);
        for (int i = S.loopBound(n); i < n; i++) {
            float e = (float) Math.exp(x[off + i] - max);
            y[off + i] = e;
            sum += e;
        }
        return sum;
    }
}
