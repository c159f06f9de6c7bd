package dev.kiln.ops.conv;

import java.util.Arrays;

/**
 * float32 im2col for N-d convolution. Rows are (channel, kernel tap), columns are output
 * positions; padding reads as zero. The output grid is split into "lines" along its last axis,
 * and a call fills the columns of lines {@code [lineStart, lineEnd)} so that callers can bound
 * the buffer size.
 */
final class Im2Col {
    private final Geometry g;
    private final int[][] kernelCoords;
    private final int[][] lineCoords;
    private final int outLast;
    private final int inLast;
    /** {@link #lineBase} for every (line, tap), computed once: base[line * kernelSize + tap]. */
    private final int[] bases;

    Im2Col(Geometry g) {
        this.g = g;
        int r = g.rank();
        this.kernelCoords = Geometry.coords(g.kernel);
        this.lineCoords = Geometry.coords(Arrays.copyOf(g.out, r - 1));
        this.outLast = g.out[r - 1];
        this.inLast = g.in[r - 1];
        int taps = g.kernelSize();
        this.bases = new int[lines() * taps];
        for (int line = 0; line < lines(); line++) {
            for (int kk = 0; kk < taps; kk++) bases[line * taps + kk] = lineBase(line, kk);
        }
    }

    /** Number of lines (output positions divided by the last output dim). */
    int lines() { return lineCoords.length == 0 ? 1 : lineCoords[0].length; }

    /** Output positions per line. */
    int lineLength() { return outLast; }

    /**
     * Fills {@code col} (channels * kernelSize, (lineEnd - lineStart) * outLast) from the
     * {@code channels} input planes at {@code x[xOff...]}.
     */
    void fill(float[] x, int xOff, int channels, int lineStart, int lineEnd, float[] col) {
        int r = g.rank();
        int kSize = g.kernelSize();
        int inSize = g.inSize();
        int cols = (lineEnd - lineStart) * outLast;
        int last = r - 1;
        int s = g.stride[last], d = g.dilation[last], p = g.padBegin[last];
        for (int c = 0; c < channels; c++) {
            int plane = xOff + c * inSize;
            for (int kk = 0; kk < kSize; kk++) {
                int row = (c * kSize + kk) * cols;
                int kl = kernelCoords[last][kk] * d - p;
                // output o along the last axis reads input o * s + kl; valid for o in [lo, hi)
                int lo = kl >= 0 ? 0 : Math.min(outLast, (-kl + s - 1) / s);
                int hi = inLast - 1 - kl < 0 ? 0 : Math.min(outLast, (inLast - 1 - kl) / s + 1);
                if (hi < lo) hi = lo;
                for (int line = lineStart; line < lineEnd; line++) {
                    int dst = row + (line - lineStart) * outLast;
                    int base = bases[line * kSize + kk];
                    if (base < 0) {
                        Arrays.fill(col, dst, dst + outLast, 0f);
                        continue;
                    }
                    base += plane;
                    for (int o = 0; o < lo; o++) col[dst + o] = 0f;
                    if (s == 1) {
                        if (hi > lo) System.arraycopy(x, base + lo + kl, col, dst + lo, hi - lo);
                    } else {
                        for (int o = lo, src = base + lo * s + kl; o < hi; o++, src += s) col[dst + o] = x[src];
                    }
                    for (int o = hi; o < outLast; o++) col[dst + o] = 0f;
                }
            }
        }
    }

    /** Offset of input row (all axes but the last) read by output line and tap, or -1 if in padding. */
    private int lineBase(int line, int kk) {
        int r = g.rank();
        int off = 0;
        for (int a = 0; a < r - 1; a++) {
            int i = lineCoords[a][line] * g.stride[a] - g.padBegin[a] + kernelCoords[a][kk] * g.dilation[a];
            if (i < 0 || i >= g.in[a]) return -1;
            off = off * g.in[a] + i;
        }
        return off * inLast;
    }
}
