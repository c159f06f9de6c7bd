package dev.kiln.ops.quant;

import dev.kiln.runtime.tensor.DType;
import dev.kiln.runtime.tensor.Shape;
import dev.kiln.runtime.tensor.Tensor;
import java.util.Arrays;

/**
 * Integer convolution weights, shifted by their zero points, cut into runs of input channels on
 * which a float32 convolution is exact (see {@link ConvInteger}): for every output channel m, 255
 * times the sum of |w[m, c, k]| over the run's channels c and all taps k stays within 2^24. Runs
 * are taken greedily, as long as the bound allows; the same channels [c0, c1) are taken from every
 * group.
 *
 * <p>Letters: w (M, Cg, k...) with Cg = C / group input channels per group, x (N, C, D...).
 */
final class ExactChannels {
    /** Largest sum of |w| over a run: 255 times it stays below 2^24. */
    private static final long LIMIT = (1L << 24) / 255;

    /** First channel (within a group) of each run, then Cg. */
    private final int[] starts;
    /** Each run's weights (M, c1 - c0, k...) as float32. */
    private final Tensor[] weights;

    private ExactChannels(int[] starts, Tensor[] weights) {
        this.starts = starts;
        this.weights = weights;
    }

    /**
     * Cuts the shifted weights {@code w} of shape {@code ws} (M, Cg, k...); null when a single
     * channel's taps already exceed the bound.
     */
    static ExactChannels of(float[] w, Shape ws, int group) {
        int m = ws.dimInt(0), cg = ws.dimInt(1);
        int taps = Math.toIntExact(ws.sizeBetween(2, ws.rank()));
        int[] cut = new int[cg + 2];
        int count = 0;
        long[] acc = new long[m];
        for (int c = 0; c < cg; c++) {
            boolean fits = c > 0;
            boolean alone = true;
            for (int o = 0; o < m; o++) {
                long t = 0;
                for (int k = 0, i = (o * cg + c) * taps; k < taps; k++, i++) t += (long) Math.abs(w[i]);
                if (t > LIMIT) alone = false;
                if (acc[o] + t > LIMIT) fits = false;
            }
            if (!alone) return null;
            if (!fits) {
                cut[count++] = c;
                Arrays.fill(acc, 0);
            }
            for (int o = 0; o < m; o++) {
                for (int k = 0, i = (o * cg + c) * taps; k < taps; k++, i++) acc[o] += (long) Math.abs(w[i]);
            }
        }
        if (cg == 0) cut[count++] = 0;
        cut[count++] = cg;
        int[] starts = Arrays.copyOf(cut, count);
        Tensor[] weights = new Tensor[count - 1];
        for (int r = 0; r < weights.length; r++) {
            int c0 = starts[r], width = starts[r + 1] - c0;
            long[] dims = ws.dims();
            dims[1] = width;
            float[] wr = w;
            if (weights.length > 1) {
                // (M, Cg, k...) → (M, width, k...): channels [c0, c0 + width) of every output channel
                wr = new float[m * width * taps];
                for (int o = 0; o < m; o++) {
                    System.arraycopy(w, (o * cg + c0) * taps, wr, o * width * taps, width * taps);
                }
            }
            weights[r] = Tensor.wrap(DType.FLOAT32, Shape.of(dims), wr);
        }
        return new ExactChannels(starts, weights);
    }

    /** How many channel runs (1 when the whole depth is exact at once). */
    int runs() { return weights.length; }

    /** Channels per group in run {@code r}. */
    int width(int r) { return starts[r + 1] - starts[r]; }

    /** Run {@code r}'s weights (M, width, k...). */
    Tensor weights(int r) { return weights[r]; }

    /**
     * x (N, C, D...) restricted to run {@code r}'s channels of every group: (N, group * width,
     * D...); x itself when there is one run.
     */
    float[] slice(float[] x, Shape xs, int r) {
        if (weights.length == 1) return x;
        int n = xs.dimInt(0), c = xs.dimInt(1), cg = starts[starts.length - 1];
        int group = cg == 0 ? 1 : c / cg;
        int plane = Math.toIntExact(xs.sizeBetween(2, xs.rank()));
        int c0 = starts[r], width = width(r);
        float[] out = new float[n * group * width * plane];
        for (int b = 0, o = 0; b < n; b++) {
            for (int g = 0; g < group; g++, o += width * plane) {
                System.arraycopy(x, ((b * c) + g * cg + c0) * plane, out, o, width * plane);
            }
        }
        return out;
    }
}
