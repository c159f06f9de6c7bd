package dev.kiln.ops.common;

import dev.kiln.runtime.tensor.DType;
import dev.kiln.runtime.tensor.Float16;
import dev.kiln.runtime.tensor.Shape;
import dev.kiln.runtime.tensor.Tensor;

/**
 * float32 views of the 32- and 16-bit float types, so one float32 kernel also serves float16
 * and bfloat16: widen, compute in float, round back to nearest even.
 */
public final class Floats {
    private Floats() {}

    /** Whether {@code t} is float32, float16 or bfloat16. */
    public static boolean isFloat32Like(DType t) {
        return t == DType.FLOAT32 || t == DType.FLOAT16 || t == DType.BFLOAT16;
    }

    /**
     * The elements of a float32, float16 or bfloat16 tensor as floats: the backing array itself
     * for float32 (read only), a converted copy otherwise.
     */
    public static float[] widen(Tensor t) {
        switch (t.dtype()) {
            case FLOAT32:
                return t.floats();
            case FLOAT16:
                return HalfFloats.toFloat(t.shorts());
            case BFLOAT16: {
                short[] s = t.shorts();
                float[] f = new float[s.length];
                for (int i = 0; i < s.length; i++) f[i] = Float16.bfloat16ToFloat(s[i]);
                return f;
            }
            default:
                throw new IllegalArgumentException("expected a float32, float16 or bfloat16 tensor, got "
                        + t.describe());
        }
    }

    /**
     * A tensor of {@code dtype} (float32, float16 or bfloat16) holding {@code values}: wraps the
     * array for float32, rounds each value to nearest even for the 16-bit types.
     */
    public static Tensor narrow(DType dtype, Shape shape, float[] values) {
        switch (dtype) {
            case FLOAT32:
                return Tensor.wrap(dtype, shape, values);
            case FLOAT16:
                return Tensor.wrap(dtype, shape, HalfFloats.fromFloat(values));
            case BFLOAT16: {
                short[] s = new short[values.length];
                for (int i = 0; i < s.length; i++) s[i] = Float16.bfloat16FromFloat(values[i]);
                return Tensor.wrap(dtype, shape, s);
            }
            default:
                throw new IllegalArgumentException("cannot store floats as " + dtype);
        }
    }
}
