package dev.kiln.ops.conv;

import dev.kiln.ops.common.Parallel;
import dev.kiln.ops.linalg.Sgemm;

/**
 * The float32 convolution kernel: per (image, group), {@code Y_g = W_g * im2col(X_g)} by GEMM.
 * A pointwise convolution (1x1 kernel, stride 1, no padding) skips im2col: X_g already is the
 * (C/group, positions) matrix; the (image, group) products run as parallel tasks, and a single
 * one splits itself across the threads. Otherwise the output
 * positions are cut into chunks of whole lines; each task fills the im2col block of its chunk into
 * a per-thread buffer and multiplies it on its own thread, so the im2col work is split as well.
 */
final class ConvGemm {
    /** Upper bound on one im2col block, in floats (4 MiB). */
    private static final int COL_BUDGET = 1 << 20;
    /** Per-thread im2col buffer, reused across calls. */
    private static final ThreadLocal<float[]> COL = new ThreadLocal<>();

    private ConvGemm() {}

    // x: (N, C, in...), w: (M, C/group, k...), bias: (M) or null → y: (N, M, out...)
    static float[] forward(float[] x, int batch, int channels, float[] w, int outChannels,
                           float[] bias, Geometry g, int group) {
        int inSize = g.inSize(), outSize = g.outSize(), kSize = g.kernelSize();
        int cg = channels / group, mg = outChannels / group;
        int rows = cg * kSize;
        float[] y = new float[batch * outChannels * outSize];
        int threads = Parallel.threads();
        int images = batch * group;
        long macs = (long) batch * outChannels * outSize * rows;
        if (kSize == 1 && outSize == inSize && allZero(g.padBegin) && allOnes(g.stride)) {
            // one GEMM per (image, group) and task; a single one splits itself across the threads
            Parallel.forEach(images, macs < Sgemm.PARALLEL_MACS ? 1 : threads, t -> {
                int n = t / group, grp = t % group;
                int xOff = (n * channels + grp * cg) * inSize;
                int yOff = (n * outChannels + grp * mg) * outSize;
                // Y_g (mg, out) = W_g (mg, cg) * X_g (cg, in)
                Sgemm.gemm(false, false, mg, outSize, cg, 1f, w, grp * mg * rows, rows, x, xOff, inSize,
                        0f, y, yOff, outSize);
            });
            addBias(y, bias, batch, outChannels, outSize);
            return y;
        }
        Im2Col im = new Im2Col(g);
        int lines = im.lines(), lineLen = im.lineLength();
        // chunks of whole lines: within the buffer budget, and enough of them to feed every thread
        int byBudget = Math.max(1, COL_BUDGET / Math.max(1, rows * lineLen));
        int perImage = Math.max(1, (threads + images - 1) / images);
        int chunk = Math.max(1, Math.min(byBudget, (lines + perImage - 1) / perImage));
        int chunks = (lines + chunk - 1) / chunk;
        Parallel.forEach(images * chunks, macs < Sgemm.PARALLEL_MACS ? 1 : threads, t -> {
            int image = t / chunks, l0 = (t % chunks) * chunk, l1 = Math.min(lines, l0 + chunk);
            int n = image / group, grp = image % group;
            int cols = (l1 - l0) * lineLen;
            float[] col = buffer(rows * cols);
            im.fill(x, (n * channels + grp * cg) * inSize, cg, l0, l1, col);
            int yOff = (n * outChannels + grp * mg) * outSize + l0 * lineLen;
            // Y_g[:, cols] (mg, cols) = W_g (mg, cg * kSize) * col (cg * kSize, cols)
            Sgemm.gemm(false, false, mg, cols, rows, 1f, w, grp * mg * rows, rows, col, 0, cols,
                    0f, y, yOff, outSize);
            if (bias != null) {
                for (int m = grp * mg; m < (grp + 1) * mg; m++) {
                    int off = (n * outChannels + m) * outSize + l0 * lineLen;
                    float bv = bias[m];
                    for (int o = 0; o < cols; o++) y[off + o] += bv;
                }
            }
        });
        return y;
    }

    private static float[] buffer(int size) {
        float[] b = COL.get();
        if (b == null || b.length < size) {
            b = new float[size];
            COL.set(b);
        }
        return b;
    }

    // y[n, m, :] += bias[m]
    private static void addBias(float[] y, float[] bias, int batch, int outChannels, int outSize) {
        if (bias == null) return;
        for (int n = 0; n < batch; n++) {
            for (int m = 0; m < outChannels; m++) {
                int off = (n * outChannels + m) * outSize;
                float bv = bias[m];
                for (int o = 0; o < outSize; o++) y[off + o] += bv;
            }
        }
    }

    static boolean allZero(int[] a) {
        for (int v : a) if (v != 0) return false;
        return true;
    }

    static boolean allOnes(int[] a) {
        for (int v : a) if (v != 1) return false;
        return true;
    }
}
