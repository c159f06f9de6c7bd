package dev.kiln.ops.norm;

import dev.kiln.runtime.tensor.DType;
import dev.kiln.runtime.tensor.Shape;
import dev.kiln.runtime.tensor.Tensor;

/**
 * Element access for the normalization kernels: a float32 tensor is used in place through its
 * {@code float[]}, any other float type through a {@code double[]} copy. Arithmetic is done in
 * double either way.
 */
final class Values {
    private final float[] f;
    private final double[] d;

    private Values(float[] f, double[] d) {
        this.f = f;
        this.d = d;
    }

    /** Input {@code i}, which the op requires (an empty name in the model arrives as null). */
    static Tensor require(Tensor[] inputs, int i, String name) {
        Tensor t = i < inputs.length ? inputs[i] : null;
        if (t == null) throw new IllegalArgumentException("input " + name + " is required");
        return t;
    }

    /** A read view of a float tensor (fails clearly for other element types). */
    static Values of(Tensor t, String what) {
        requireFloat(t, what);
        return t.dtype() == DType.FLOAT32 ? new Values(t.floats(), null) : new Values(null, t.toDoubleArray());
    }

    /** A zeroed buffer for a result of {@code dtype}. */
    static Values alloc(DType dtype, int n) {
        return dtype == DType.FLOAT32 ? new Values(new float[n], null) : new Values(null, new double[n]);
    }

    static void requireFloat(Tensor t, String what) {
        DType dt = t.dtype();
        if (!dt.isFloatingPoint() || dt.isNarrow()) {
            throw new IllegalArgumentException("input " + what + " must be float16, bfloat16, float32 or float64, got "
                    + dt);
        }
    }

    double get(int i) { return f != null ? f[i] : d[i]; }

    void set(int i, double v) {
        if (f != null) f[i] = (float) v;
        else d[i] = v;
    }

    int length() { return f != null ? f.length : d.length; }

    /** The buffer as a tensor of {@code dtype} (which must be the dtype it was allocated for). */
    Tensor toTensor(DType dtype, Shape shape) {
        return f != null ? Tensor.wrap(DType.FLOAT32, shape, f) : Tensor.fromDoubles(dtype, shape, d);
    }
}
