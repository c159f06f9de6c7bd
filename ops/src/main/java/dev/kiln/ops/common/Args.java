package dev.kiln.ops.common;

import dev.kiln.runtime.tensor.Tensor;

/** Reading small control inputs (axes, shapes, scalars) from tensors, with clear errors. */
public final class Args {
    private Args() {}

    /** The elements of an integer tensor as longs (e.g. a shape or axes input). */
    public static long[] longs(Tensor t, String what) {
        if (t == null) throw new IllegalArgumentException("input '" + what + "' is required");
        if (t.dtype().isFloatingPoint() || t.dtype() == dev.kiln.runtime.tensor.DType.STRING) {
            throw new IllegalArgumentException("input '" + what + "' must be an integer tensor, got " + t.describe());
        }
        return t.toLongArray();
    }

    /** The single value of a one-element tensor as a double. */
    public static double scalar(Tensor t, String what) {
        if (t == null) throw new IllegalArgumentException("input '" + what + "' is required");
        if (t.size() != 1) throw new IllegalArgumentException("input '" + what + "' must hold one value, got " + t.describe());
        return t.getDouble(0);
    }

    /** Normalises axes against {@code rank}, checking the range. */
    public static int[] axes(long[] axes, int rank, String what) {
        int[] out = new int[axes.length];
        for (int i = 0; i < axes.length; i++) {
            long a = axes[i] < 0 ? axes[i] + rank : axes[i];
            if (a < 0 || a >= rank) {
                throw new IllegalArgumentException(what + " " + axes[i] + " is out of range for rank " + rank);
            }
            out[i] = (int) a;
        }
        return out;
    }

    /** Normalises one axis against {@code rank}. */
    public static int axis(long axis, int rank, String what) {
        return axes(new long[] {axis}, rank, what)[0];
    }
}
