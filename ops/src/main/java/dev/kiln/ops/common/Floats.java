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

    /** A float loop over whole arrays: {@code y[i] = f(x[i])} for every i; x and y have one length. */
    @FunctionalInterface
    public interface FloatLoop {
        void apply(float[] x, float[] y);
    }

    /** Elements per block of {@link #mapNarrow}: two float blocks stay in the L1/L2 cache. */
    static final int BLOCK = 4096;

    /**
     * The block length for converting {@code n} 16-bit elements a block at a time: {@link #BLOCK},
     * or {@code n} (one block, the whole array) where a conversion per block is costly. That is
     * the Vector API conversion of JDK 17-19: C2 then inlines it into the caller's loop, runs out
     * of its node budget, and the vectors are left as heap objects (a 1M-element float16 Relu
     * took 15-60 ms in blocks, 1 ms as whole arrays). The JDK's own conversions (20+) and the
     * scalar loop take blocks.
     */
    public static int blockFor(int n) {
        return blockwise() ? Math.min(BLOCK, n) : n;
    }

    /** Whether 16-bit conversions are cheap enough per call to go block by block ({@link #blockFor}). */
    public static boolean blockwise() {
        return HalfFloats.cheapPerCall();
    }

    /**
     * {@code f} over the elements of a float16 or bfloat16 tensor, a block at a time
     * ({@link #blockFor}): each block widened into a float buffer, computed, and rounded back into
     * the result's bits, so no full-size float copy is made or read back (a fifth of the memory
     * traffic of widen + narrow).
     */
    public static Tensor mapNarrow(Tensor x, FloatLoop f) {
        DType type = x.dtype();
        short[] xs = x.shorts(), ys = new short[xs.length];
        int block = Math.max(1, blockFor(xs.length));
        float[] fx = new float[Math.min(block, xs.length)], fy = new float[fx.length];
        for (int off = 0; off < xs.length; off += block) {
            int n = Math.min(block, xs.length - off);
            if (n < fx.length) {
                fx = new float[n];
                fy = new float[n];
            }
            widen(type, xs, off, fx, n);
            f.apply(fx, fy);
            narrow(type, fy, ys, off, n);
        }
        return Tensor.wrap(type, x.shape(), ys);
    }

    /** {@code dst[i] = src[off + i]} widened to float for i below {@code n}; type float16 or bfloat16. */
    public static void widen(DType type, short[] src, int off, float[] dst, int n) {
        if (type == DType.FLOAT16) {
            HalfFloats.toFloat(src, off, dst, 0, n);
        } else {
            for (int i = 0; i < n; i++) dst[i] = Float16.bfloat16ToFloat(src[off + i]);
        }
    }

    /** {@code dst[off + i] = src[i]} rounded to nearest even for i below {@code n}; type float16 or bfloat16. */
    public static void narrow(DType type, float[] src, short[] dst, int off, int n) {
        if (type == DType.FLOAT16) {
            HalfFloats.fromFloat(src, 0, dst, off, n);
        } else {
            for (int i = 0; i < n; i++) dst[off + i] = Float16.bfloat16FromFloat(src[i]);
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
