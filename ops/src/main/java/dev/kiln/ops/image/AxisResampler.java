package dev.kiln.ops.image;

import dev.kiln.runtime.tensor.DType;
import dev.kiln.runtime.tensor.MemoryBudget;
import dev.kiln.runtime.tensor.Shape;
import dev.kiln.runtime.tensor.Tensor;
import java.util.Arrays;

/**
 * The sampling plan of one axis of a separable resize: for every output position, a fixed number of
 * (input index, weight) taps, or a flag asking for the extrapolation value. Applying the plans of
 * all resized axes one after the other equals the N-D interpolation, since the weights factorise.
 */
final class AxisResampler {
    final int inLen;
    final int outLen;
    final int taps;
    final int[] index;
    final double[] weight;
    final boolean[] extrapolate;

    AxisResampler(int inLen, int outLen, int taps) {
        this.inLen = inLen;
        this.outLen = outLen;
        this.taps = taps;
        MemoryBudget.check(DType.FLOAT64, (long) outLen * taps);
        this.index = new int[Math.toIntExact((long) outLen * taps)];
        this.weight = new double[outLen * taps];
        this.extrapolate = new boolean[outLen];
    }

    /** A one-tap plan picking input {@code src[o]} for output {@code o} (nearest modes). */
    static AxisResampler pick(int inLen, int[] src, boolean[] extrapolate) {
        AxisResampler r = new AxisResampler(inLen, src.length, 1);
        for (int o = 0; o < src.length; o++) {
            r.index[o] = src[o];
            r.weight[o] = 1;
            r.extrapolate[o] = extrapolate != null && extrapolate[o];
        }
        return r;
    }

    /**
     * Resamples {@code x} along {@code axis} by copying elements (one tap per output), so every
     * dtype is exact; extrapolated positions get {@code fill}.
     */
    Tensor gather(Tensor x, int axis, double fill) {
        long[] dims = x.shape().dims();
        int outer = (int) x.shape().sizeBetween(0, axis);
        int inner = (int) x.shape().sizeBetween(axis + 1, dims.length);
        dims[axis] = outLen;
        Tensor y = Tensor.zeros(x.dtype(), Shape.of(dims));
        Object src = x.data(), dst = y.data();
        for (int a = 0; a < outer; a++) {
            for (int o = 0; o < outLen; o++) {
                int to = (a * outLen + o) * inner;
                if (extrapolate[o]) {
                    for (int i = 0; i < inner; i++) y.setDouble(to + i, fill);
                } else {
                    System.arraycopy(src, (a * inLen + index[o]) * inner, dst, to, inner);
                }
            }
        }
        return y;
    }

    /**
     * {@link #interpolate(double[], long[], int, double)} in float: the weights rounded to float,
     * each output summed in float over the taps in the same order.
     */
    float[] interpolate(float[] x, long[] dims, int axis, float fill) {
        int outer = 1, inner = 1;
        for (int i = 0; i < axis; i++) outer *= (int) dims[i];
        for (int i = axis + 1; i < dims.length; i++) inner *= (int) dims[i];
        float[] w = new float[weight.length];
        for (int i = 0; i < w.length; i++) w[i] = (float) weight[i];
        float[] y = new float[outer * outLen * inner];
        for (int a = 0; a < outer; a++) {
            for (int o = 0; o < outLen; o++) {
                int to = (a * outLen + o) * inner;
                if (extrapolate[o]) {
                    Arrays.fill(y, to, to + inner, fill);
                    continue;
                }
                for (int t = 0; t < taps; t++) {
                    float wt = w[o * taps + t];
                    if (wt == 0) continue;
                    int from = (a * inLen + index[o * taps + t]) * inner;
                    for (int i = 0; i < inner; i++) y[to + i] += wt * x[from + i];
                }
            }
        }
        return y;
    }

    /** Resamples row-major {@code x} of shape {@code dims} along {@code axis} by weighted sums. */
    double[] interpolate(double[] x, long[] dims, int axis, double fill) {
        int outer = 1, inner = 1;
        for (int i = 0; i < axis; i++) outer *= (int) dims[i];
        for (int i = axis + 1; i < dims.length; i++) inner *= (int) dims[i];
        MemoryBudget.check(DType.FLOAT64, (long) outer * outLen * inner);
        double[] y = new double[Math.toIntExact((long) outer * outLen * inner)];
        for (int a = 0; a < outer; a++) {
            for (int o = 0; o < outLen; o++) {
                int to = (a * outLen + o) * inner;
                if (extrapolate[o]) {
                    Arrays.fill(y, to, to + inner, fill);
                    continue;
                }
                for (int t = 0; t < taps; t++) {
                    double w = weight[o * taps + t];
                    if (w == 0) continue;
                    int from = (a * inLen + index[o * taps + t]) * inner;
                    for (int i = 0; i < inner; i++) y[to + i] += w * x[from + i];
                }
            }
        }
        return y;
    }
}
