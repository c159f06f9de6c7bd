package dev.kiln.ops.norm;

import dev.kiln.ops.common.Parallel;
import dev.kiln.ops.common.VectorMath;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Vector API float32 layer normalization over contiguous rows with a per-column scale and bias:
 * per row the mean, the variance around it, then {@code (x - mean) * invStd * scale + bias} in one
 * more pass, all while the row is in cache. Rows are split across the intra-op threads. Only use it
 * when {@link dev.kiln.ops.common.Vectors#ENABLED}.
 */
public final class LayerNormKernel {
    private static final VectorSpecies<Float> S = VectorMath.S;
    /** Elements per parallel task (whole rows). */
    private static final int BLOCK = 1 << 14;
    /**
     * Below this many elements (about 40 us on one core) one thread normalizes them all: a
     * helper's share would cost as much to hand over, and its rows would end up in the other
     * core's cache.
     */
    private static final int PARALLEL_ELEMENTS = 1 << 16;

    private LayerNormKernel() {}

    /**
     * {@code y = (x - mean) * invStd * scale + bias} per row of {@code x} (rows, n); {@code bias},
     * {@code mean} and {@code invStd} may be null (the row statistics are written when given).
     */
    public static void rows(float[] x, float[] y, int rows, int n, float[] scale, float[] bias, float epsilon,
                     double[] mean, double[] invStd) {
        int perTask = Math.max(1, BLOCK / Math.max(1, n));
        int tasks = (rows + perTask - 1) / perTask;
        int threads = (long) rows * n < PARALLEL_ELEMENTS ? 1 : Parallel.threads();
        Parallel.forEach(tasks, threads, t -> {
            for (int r = t * perTask, end = Math.min(rows, r + perTask); r < end; r++) {
                row(x, y, r, n, scale, bias, epsilon, mean, invStd);
            }
        });
    }

    private static void row(float[] x, float[] y, int r, int n, float[] scale, float[] bias, float epsilon,
                            double[] mean, double[] invStd) {
        int off = r * n, bound = S.loopBound(n);
        FloatVector acc = FloatVector.zero(S);
        int i = 0;
        for (; i < bound; i += S.length()) acc = acc.add(FloatVector.fromArray(S, x, off + i));
        float sum = VectorMath.sumLanes(acc);
        for (; i < n; i++) sum += x[off + i];
        float m = sum / n;
        acc = FloatVector.zero(S);
        for (i = 0; i < bound; i += S.length()) {
            FloatVector d = FloatVector.fromArray(S, x, off + i).sub(m);
            acc = d.fma(d, acc);
        }
        float sq = VectorMath.sumLanes(acc);
        for (; i < n; i++) {
            float d = x[off + i] - m;
            sq += d * d;
        }
        float is = (float) (1 / Math.sqrt(sq / n + epsilon));
        if (mean != null) mean[r] = m;
        if (invStd != null) invStd[r] = is;
        for (i = 0; i < bound; i += S.length()) {
            FloatVector v = FloatVector.fromArray(S, x, off + i).sub(m).mul(is);
            FloatVector sc = FloatVector.fromArray(S, scale, i);
            v = bias == null ? v.mul(sc) : v.fma(sc, FloatVector.fromArray(S, bias, i));
            v.intoArray(y, off + i);
        }
        for (; i < n; i++) {
            float v = (x[off + i] - m) * is * scale[i];
            y[off + i] = bias == null ? v : v + bias[i];
        }
    }
}
