package dev.kiln.ops.common;

import dev.kiln.runtime.tensor.Float16;

/**
 * Array conversions between IEEE half bits ({@code short}) and float32, bit for bit what the
 * scalar codec {@link Float16} gives (round to nearest even, NaN kept quiet with its top payload
 * bits, overflow to infinity, subnormals both ways). With {@link Vectors#ENABLED} whole vectors
 * go through {@link HalfVectors}' branch-free form, the rest through the scalar codec, which is
 * the reference the tests hold both to.
 */
public final class HalfFloats {
    private HalfFloats() {}

    /** {@code dst[dstOff + i] = half(src[srcOff + i])} for i below {@code n}. */
    public static void toFloat(short[] src, int srcOff, float[] dst, int dstOff, int n) {
        int i = Vectors.ENABLED ? HalfVectors.toFloat(src, srcOff, dst, dstOff, n) : 0;
        toFloatScalar(src, srcOff + i, dst, dstOff + i, n - i);
    }

    /** {@code dst[dstOff + i] = toHalf(src[srcOff + i])} for i below {@code n}, nearest even. */
    public static void fromFloat(float[] src, int srcOff, short[] dst, int dstOff, int n) {
        int i = Vectors.ENABLED ? HalfVectors.fromFloat(src, srcOff, dst, dstOff, n) : 0;
        fromFloatScalar(src, srcOff + i, dst, dstOff + i, n - i);
    }

    /** The whole of {@code src} as floats, in a new array. */
    public static float[] toFloat(short[] src) {
        float[] f = new float[src.length];
        toFloat(src, 0, f, 0, src.length);
        return f;
    }

    /** The whole of {@code src} as half bits, in a new array. */
    public static short[] fromFloat(float[] src) {
        short[] s = new short[src.length];
        fromFloat(src, 0, s, 0, src.length);
        return s;
    }

    /** The reference: {@link Float16#toFloat} per element. */
    static void toFloatScalar(short[] src, int srcOff, float[] dst, int dstOff, int n) {
        for (int i = 0; i < n; i++) dst[dstOff + i] = Float16.toFloat(src[srcOff + i]);
    }

    /** The reference: {@link Float16#fromFloat} per element. */
    static void fromFloatScalar(float[] src, int srcOff, short[] dst, int dstOff, int n) {
        for (int i = 0; i < n; i++) dst[dstOff + i] = Float16.fromFloat(src[srcOff + i]);
    }
}
