package dev.kiln.ops.conv;

import dev.kiln.ops.common.Parallel;
import dev.kiln.ops.linalg.PackedLeft;
import dev.kiln.ops.linalg.PanelSource;
import dev.kiln.ops.linalg.Sgemm;
import java.util.Arrays;

/**
 * The float32 convolution kernel: per (image, group), {@code Y_g = W_g * im2col(X_g) + B_g} by
 * GEMM, with W_g packed once ({@link ConvWeights}) and the im2col matrix never written out: the
 * GEMM asks for it a block at a time, already in its panel layout ({@link Im2Col#pack}). A
 * pointwise convolution (1x1 kernel, stride 1, no padding) reads X_g as the (C/group, positions)
 * matrix directly. The output positions of each (image, group) are cut into column ranges, and
 * the (image, group, range) products run as parallel tasks.
 */
final class ConvGemm {
    /** Column ranges are multiples of this (a multiple of every micro-tile width). */
    private static final int COL_ALIGN = 64;
    /**
     * Ranges per thread when there are fewer (image, group) products than threads: enough small
     * ranges that a thread on a slower core (a busy neighbour on a shared machine) takes fewer of
     * them instead of holding up the others with half of the work.
     */
    private static final int RANGES_PER_THREAD = 8;
    /** Channels one task copies into the zero-padded input. */
    private static final int PAD_CHANNELS = 16;

    private ConvGemm() {}

    // x: (N, C, in...), w: (M, C/group, k...), bias: (M) or null → y: (N, M, out...)
    static float[] forward(float[] x, int batch, int channels, float[] w, int outChannels,
                           float[] bias, Geometry g, int group) {
        return forward(x, batch, channels, ConvWeights.pack(w, outChannels, group), outChannels, bias,
                new ConvPlan(g, channels / group), group);
    }

    /** The same with the weights already packed per group and the plan made for this geometry. */
    static float[] forward(float[] x, int batch, int channels, PackedLeft[] w, int outChannels,
                           float[] bias, ConvPlan plan, int group) {
        Geometry g = plan.g;
        int inSize = g.inSize(), outSize = g.outSize(), kSize = g.kernelSize();
        int cg = channels / group, mg = outChannels / group;
        float[] y = new float[batch * outChannels * outSize];
        if (y.length == 0) return y;
        int threads = Parallel.threads();
        int images = batch * group;
        long macs = (long) batch * outChannels * outSize * cg * kSize;
        if (macs < Sgemm.PARALLEL_MACS) threads = 1;
        float[][] groupBias = new float[group][];
        for (int grp = 0; grp < group && bias != null; grp++) {
            groupBias[grp] = group == 1 ? bias : Arrays.copyOfRange(bias, grp * mg, (grp + 1) * mg);
        }
        ConvShifted shifted = plan.shifted;
        float[] padded = null;
        if (shifted != null) {
            padded = ConvShifted.paddedBuffer(shifted.paddedSize(images, cg));
            float[] xp = padded;
            // blocks of PAD_CHANNELS channels of one (image, group) per task
            int blocks = (cg + PAD_CHANNELS - 1) / PAD_CHANNELS;
            Parallel.forEach(images * blocks, threads, t -> {
                int image = t / blocks, c0 = t % blocks * PAD_CHANNELS, count = Math.min(PAD_CHANNELS, cg - c0);
                int n = image / group, grp = image % group;
                shifted.pad(x, (n * channels + grp * cg + c0) * inSize, count, xp, (image * cg + c0) * shifted.plane);
            });
        }
        int cols = shifted != null ? shifted.wideCols : outSize;
        // column ranges: enough to feed every thread when there are few (image, group) products
        int ranges = images >= threads ? 1 : (threads * RANGES_PER_THREAD + images - 1) / images;
        int range = roundUp((cols + ranges - 1) / ranges, COL_ALIGN);
        int perImage = (cols + range - 1) / range;
        float[] xp = padded;
        Parallel.forEach(images * perImage, threads, t -> {
            int image = t / perImage, from = (t % perImage) * range, to = Math.min(cols, from + range);
            int n = image / group, grp = image % group;
            int xOff = (n * channels + grp * cg) * inSize, yOff = (n * outChannels + grp * mg) * outSize;
            if (shifted != null) {
                shifted.run(w[grp], xp, image * cg * shifted.plane, plan.rowOff, groupBias[grp], from, to, y, yOff);
                return;
            }
            PanelSource src = plan.pointwise ? PanelSource.dense(x, xOff, inSize)
                    : (nr, pc, kc, jc, cc, bp) -> plan.im.pack(x, xOff, nr, pc, kc, jc, cc, bp);
            // Y_g[:, from:to] (mg, cols) = W_g (mg, cg * kSize) * col (cg * kSize, cols) + B_g
            Sgemm.gemm(w[grp], from, to, src, groupBias[grp], y, yOff, outSize);
        });
        return y;
    }

    private static int roundUp(int x, int to) { return (x + to - 1) / to * to; }

    static boolean allZero(int[] a) {
        for (int v : a) if (v != 0) return false;
        return true;
    }

    static boolean allOnes(int[] a) {
        for (int v : a) if (v != 1) return false;
        return true;
    }
}
