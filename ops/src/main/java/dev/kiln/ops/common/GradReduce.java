package dev.kiln.ops.common;

import dev.kiln.runtime.tensor.Shape;
import dev.kiln.runtime.tensor.Tensor;

/**
 * Broadcasting and its adjoint for backward passes. An input of shape {@code s} broadcast to
 * {@code out} contributed each of its elements to several output elements, so its gradient is
 * the output gradient summed over the broadcast axes: {@code sumTo(dY, out, s)}.
 */
public final class GradReduce {
    private GradReduce() {}

    /**
     * {@code grad} (row-major, shape {@code from}) summed down to shape {@code to}, which must
     * broadcast to {@code from}. Returns {@code grad} itself when the shapes are equal.
     */
    public static double[] sumTo(double[] grad, Shape from, Shape to) {
        if (from.equals(to)) return grad;
        requireBroadcast(to, from);
        int[] map = Broadcast.indexMap(to, from);
        double[] out = new double[to.sizeInt()];
        for (int i = 0; i < map.length; i++) out[map[i]] += grad[i];
        return out;
    }

    /** A float gradient summed down to shape {@code to}, in its own element type. */
    public static Tensor sumTo(Tensor grad, Shape to) {
        if (grad.shape().equals(to)) return grad;
        return GradData.write(grad.dtype(), to, sumTo(GradData.read(grad), grad.shape(), to));
    }

    /** {@code values} of shape {@code from} broadcast to shape {@code to} (returned as is when equal). */
    public static double[] broadcast(double[] values, Shape from, Shape to) {
        if (from.equals(to)) return values;
        requireBroadcast(from, to);
        int[] map = Broadcast.indexMap(from, to);
        double[] out = new double[map.length];
        for (int i = 0; i < map.length; i++) out[i] = values[map[i]];
        return out;
    }

    private static void requireBroadcast(Shape small, Shape big) {
        if (small.rank() > big.rank() || !Shape.broadcast(small, big).equals(big)) {
            throw new IllegalArgumentException("shape " + small + " does not broadcast to " + big);
        }
    }
}
