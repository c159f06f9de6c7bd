package dev.kiln.ops.quant;

import dev.kiln.ops.common.Vectors;

/**
 * The two passes of DynamicQuantizeLinear over float32 data: the range widened to include 0, and
 * the uint8 codes {@code saturate(round_half_even(x / scale) + zp)}. Each has a scalar reference
 * and a Vector API version ({@link DynamicQuantizeVector}) that gives the same bits; the vector
 * one runs when {@link Vectors#ENABLED}.
 */
final class DynamicQuantizeKernel {
    private DynamicQuantizeKernel() {}

    /** {@code {min(0, min x), max(0, max x)}}, NaN when x holds a NaN. */
    static float[] range(float[] x) {
        return Vectors.ENABLED ? DynamicQuantizeVector.range(x) : rangeReference(x);
    }

    /**
     * The codes of x for a finite, positive {@code scale} and a zero point in [0, 255], written to
     * {@code y} as unsigned bytes.
     */
    static void quantize(float[] x, float scale, int zp, byte[] y) {
        if (Vectors.ENABLED) {
            DynamicQuantizeVector.quantize(x, scale, zp, y);
        } else {
            quantizeReference(x, 0, x.length, scale, zp, y);
        }
    }

    /** The scalar range, Math.min/Math.max semantics (NaN propagates). */
    static float[] rangeReference(float[] x) {
        float min = 0f;
        float max = 0f;
        for (float v : x) {
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        return new float[] {min, max};
    }

    /** The scalar codes of {@code x[from, to)}. */
    static void quantizeReference(float[] x, int from, int to, float scale, int zp, byte[] y) {
        for (int i = from; i < to; i++) y[i] = (byte) clip(Math.rint(x[i] / scale) + zp);
    }

    /** {@code v} saturated to [0, 255]; NaN gives 0. */
    static int clip(double v) {
        if (Double.isNaN(v)) return 0;
        return (int) Math.max(0, Math.min(255, v));
    }
}
