package dev.kiln.ops.conv;

import dev.kiln.ops.common.Vectors;
import java.util.Arrays;

/**
 * float32 im2col for N-d convolution. Rows are (channel, kernel tap), columns are output
 * positions; padding reads as zero. The output grid is split into "lines" along its last axis,
 * and a call fills the columns of lines {@code [lineStart, lineEnd)} so that callers can bound
 * the buffer size.
 */
final class Im2Col {
    final Geometry g;
    private final int[][] kernelCoords;
    private final int[][] lineCoords;
    final int outLast;
    private final int inLast;
    /** {@link #lineBase} for every (line, tap), computed once: base[line * kernelSize + tap]. */
    final int[] bases;
    /** Per tap: the offset along the last input axis read by output 0 (tap * dilation - pad). */
    final int[] tapShift;
    /** Per tap: the outputs along the last axis that read inside the input, [tapLo, tapHi). */
    final int[] tapLo;
    final int[] tapHi;

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
        int s = g.stride[r - 1];
        this.tapShift = new int[taps];
        this.tapLo = new int[taps];
        this.tapHi = new int[taps];
        for (int kk = 0; kk < taps; kk++) {
            int kl = kernelCoords[r - 1][kk] * g.dilation[r - 1] - g.padBegin[r - 1];
            // output o along the last axis reads input o * s + kl; valid for o in [lo, hi)
            int lo = kl >= 0 ? 0 : Math.min(outLast, (-kl + s - 1) / s);
            int hi = inLast - 1 - kl < 0 ? 0 : Math.min(outLast, (inLast - 1 - kl) / s + 1);
            tapShift[kk] = kl;
            tapLo[kk] = lo;
            tapHi[kk] = Math.max(lo, hi);
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

    /**
     * Writes rows [pc, pc + kc) and columns [jc, jc + cols) of the im2col matrix of the
     * {@code channels} input planes at {@code x[xOff...]} as GEMM panels of {@code nr} columns:
     * {@code bp[q * nr * kc + p * nr + j] = col[pc + p, jc + q * nr + j]}, zero past {@code cols}
     * (the layout of {@link dev.kiln.ops.linalg.PanelSource#pack}).
     */
    void pack(float[] x, int xOff, int nr, int pc, int kc, int jc, int cols, float[] bp) {
        if (Vectors.ENABLED && g.stride[g.rank() - 1] == 1 && Im2ColVector.fits(nr)) {
            Im2ColVector.pack(this, x, xOff, nr, pc, kc, jc, cols, bp);
            return;
        }
        for (int q0 = 0; q0 < cols; q0 += nr) {
            int w = Math.min(nr, cols - q0);
            int panel = q0 * kc;
            if (w < nr) Arrays.fill(bp, panel, panel + kc * nr, 0f);
            // the panel's columns, cut into runs that stay on one output line
            for (int j0 = 0; j0 < w; ) {
                int pos = jc + q0 + j0;
                int len = Math.min(w - j0, outLast - pos % outLast);
                packRun(x, xOff, nr, pc, kc, pos, len, bp, panel + j0);
                j0 += len;
            }
        }
    }

    /**
     * Writes columns [pos, pos + len), which lie on one output line, of rows [pc, pc + kc) at
     * {@code bp[dst + p * nr + j]}.
     */
    void packRun(float[] x, int xOff, int nr, int pc, int kc, int pos, int len, float[] bp, int dst) {
        int kSize = g.kernelSize(), inSize = g.inSize();
        int s = g.stride[g.rank() - 1];
        int line = pos / outLast, o0 = pos - line * outLast, o1 = o0 + len;
        int lineTaps = line * kSize;
        int c = pc / kSize, kk = pc - c * kSize;
        for (int p = 0; p < kc; p++, dst += nr) {
            int base = bases[lineTaps + kk];
            int lo = Math.max(o0, tapLo[kk]), hi = Math.min(o1, tapHi[kk]);
            if (base < 0 || hi <= lo) {
                for (int j = 0; j < len; j++) bp[dst + j] = 0f;
            } else {
                int d = dst - o0;
                for (int o = o0; o < lo; o++) bp[d + o] = 0f;
                int src = xOff + c * inSize + base + tapShift[kk];
                if (s == 1) {
                    for (int o = lo; o < hi; o++) bp[d + o] = x[src + o];
                } else {
                    for (int o = lo; o < hi; o++) bp[d + o] = x[src + o * s];
                }
                for (int o = hi; o < o1; o++) bp[d + o] = 0f;
            }
            if (++kk == kSize) {
                kk = 0;
                c++;
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
