package dev.kiln.ops.common;

import dev.kiln.runtime.tensor.DType;
import dev.kiln.runtime.tensor.Shape;
import dev.kiln.runtime.tensor.Tensor;

/**
 * Backward passes compute in double for every float type: this reads float tensors as
 * {@code double[]} and writes gradients back in the element type of the value they belong to
 * (float32 and the 16-bit types rounded once, to nearest).
 */
public final class GradData {
    private GradData() {}

    /** Whether a gradient flows to {@code t}: a present floating-point tensor. */
    public static boolean differentiable(Tensor t) {
        return t != null && t.dtype().isFloatingPoint();
    }

    /**
     * The elements of a numeric tensor as doubles: the backing array of a float64 tensor (read
     * only), a converted copy otherwise.
     */
    public static double[] read(Tensor t) {
        if (t.dtype() == DType.FLOAT64) return t.doubles();
        if (t.dtype() == DType.FLOAT32) {
            float[] f = t.floats();
            double[] d = new double[f.length];
            for (int i = 0; i < f.length; i++) d[i] = f[i];
            return d;
        }
        return t.toDoubleArray();
    }

    /** A tensor of the float type {@code dtype} holding {@code values} (wrapped for float64). */
    public static Tensor write(DType dtype, Shape shape, double[] values) {
        if (dtype == DType.FLOAT64) return Tensor.wrap(dtype, shape, values);
        if (dtype == DType.FLOAT32) {
            float[] f = new float[values.length];
            for (int i = 0; i < f.length; i++) f[i] = (float) values[i];
            return Tensor.wrap(dtype, shape, f);
        }
        return Tensor.fromDoubles(dtype, shape, values);
    }
}
