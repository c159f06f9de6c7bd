package dev.kiln.ops.conv;

import dev.kiln.ops.linalg.PackedLeft;
import dev.kiln.ops.linalg.Sgemm;
import java.util.Arrays;

/**
 * The stride-1 convolution over a zero-padded copy of the input. With every stride 1, row
 * (channel, taps) of the im2col matrix is the padded input shifted by a constant, provided the
 * output is computed on a "wide" grid: the padded input's grid along every axis but the first,
 * the output's along the first. So the GEMM reads its right operand straight from the padded
 * input with no im2col and no packing at all, at the price of the wide grid's extra
 * columns, which are computed into a small per-thread block of C and dropped when the block is
 * copied (bias added) into Y.
 */
final class ConvShifted {
    /** Wide-grid columns per block of C (a multiple of every micro-tile width). */
    private static final int BLOCK = 256;
    /**
     * Row stride of the block of C: one cache line more than BLOCK, so that its rows do not all
     * fall into the same few L1 sets (a stride of 1 KiB would map 64 rows onto 4 of them).
     */
    private static final int LDC = BLOCK + 16;
    /** Per-thread block of C. */
    private static final ThreadLocal<float[]> C_BLOCK = new ThreadLocal<>();
    /** Per-thread padded input (of the thread that calls the convolution). */
    private static final ThreadLocal<float[]> PADDED = new ThreadLocal<>();

    final Geometry g;
    /** The padded input dims. */
    private final int[] padded;
    /** Floats per padded channel plane. */
    final int plane;
    /** Columns of the wide grid. */
    final int wideCols;
    /** Padded-input floats per wide-grid line (the padded last axis). */
    private final int lineLen;
    /** Per wide line, the Y offset of its output line, or -1 when it lies in the extra columns. */
    private final int[] lineOut;
    /** Offset of each tap's window in a padded plane. */
    private final int[] tapOffset;
    /** Per row (all axes but the last) of a padded plane, the offset of its input row, or -1 in the padding. */
    private final int[] padRowSource;

    ConvShifted(Geometry g) {
        this.g = g;
        int r = g.rank();
        padded = new int[r];
        for (int a = 0; a < r; a++) padded[a] = g.in[a] + g.padBegin[a] + g.padEnd[a];
        plane = Geometry.product(padded);
        lineLen = padded[r - 1];
        wideCols = plane / padded[0] * g.out[0];
        // wide lines: coords (o0, i1 .. i_{r-2}) over (out[0], padded[1..r-2])
        int[] lineDims = new int[r - 1];
        for (int a = 0; a < r - 1; a++) lineDims[a] = a == 0 ? g.out[0] : padded[a];
        int[][] lc = Geometry.coords(lineDims);
        int lines = lc[0].length;
        lineOut = new int[lines];
        for (int l = 0; l < lines; l++) {
            int off = 0;
            for (int a = 0; a < r - 1 && off >= 0; a++) {
                off = lc[a][l] < g.out[a] ? off * g.out[a] + lc[a][l] : -1;
            }
            lineOut[l] = off < 0 ? -1 : off * g.out[r - 1];
        }
        int[][] pc = Geometry.coords(Arrays.copyOf(padded, r - 1));
        padRowSource = new int[pc[0].length];
        for (int row = 0; row < padRowSource.length; row++) {
            int off = 0;
            for (int a = 0; a < r - 1 && off >= 0; a++) {
                int i = pc[a][row] - g.padBegin[a];
                off = i >= 0 && i < g.in[a] ? off * g.in[a] + i : -1;
            }
            padRowSource[row] = off < 0 ? -1 : off * g.in[r - 1];
        }
        int[][] kc = Geometry.coords(g.kernel);
        tapOffset = new int[g.kernelSize()];
        for (int t = 0; t < tapOffset.length; t++) {
            int off = 0;
            for (int a = 0; a < r; a++) off = off * padded[a] + kc[a][t] * g.dilation[a];
            tapOffset[t] = off;
        }
    }

    /**
     * Whether {@code g} runs this way: every stride 1, no negative pad, rank 2 or 3, and the wide
     * grid at most a quarter larger than the output.
     */
    static boolean applies(Geometry g) {
        if (!ConvGemm.allOnes(g.stride) || g.rank() < 2 || g.rank() > 3) return false;
        long wide = g.out[0];
        for (int a = 0; a < g.rank(); a++) {
            if (g.padBegin[a] < 0 || g.padEnd[a] < 0) return false;
            if (a > 0) wide *= g.in[a] + g.padBegin[a] + g.padEnd[a];
        }
        return wide * 4 <= (long) g.outSize() * 5;
    }

    /** Floats of the padded copy of {@code images} times {@code channels} planes, with the slack GEMM reads need. */
    int paddedSize(int images, int channels) {
        return Math.addExact(Math.multiplyExact(images * channels, plane), plane / padded[0] + Sgemm.ROW_SLACK);
    }

    /** Writes the zero-padded copy of {@code channels} planes of x at xOff: xp[xpOff...] (channels, padded...). */
    void pad(float[] x, int xOff, int channels, float[] xp, int xpOff) {
        int r = g.rank(), inLast = g.in[r - 1], inSize = g.inSize(), before = g.padBegin[r - 1];
        int rows = plane / lineLen;
        for (int c = 0; c < channels; c++) {
            int dst = xpOff + c * plane, src = xOff + c * inSize;
            for (int row = 0; row < rows; row++, dst += lineLen) {
                int in = padRowSource[row];
                if (in < 0) {
                    Arrays.fill(xp, dst, dst + lineLen, 0f);
                } else {
                    Arrays.fill(xp, dst, dst + before, 0f);
                    System.arraycopy(x, src + in, xp, dst + before, inLast);
                    Arrays.fill(xp, dst + before + inLast, dst + lineLen, 0f);
                }
            }
        }
    }

    /** The offsets in the padded copy at {@code base} of the im2col rows (channel, tap). */
    int[] rowOffsets(int channels, int base) {
        int taps = tapOffset.length;
        int[] off = new int[channels * taps];
        for (int c = 0; c < channels; c++) {
            for (int t = 0; t < taps; t++) off[c * taps + t] = base + c * plane + tapOffset[t];
        }
        return off;
    }

    /**
     * Y[yOff + m * outSize + o] = W (rows of w) * im2col + bias[m] for the wide columns [from, to),
     * reading the im2col rows in place from the padded copy at {@code xp[xpOff + rowOff[p]]}.
     */
    void run(PackedLeft w, float[] xp, int xpOff, int[] rowOff, float[] bias, int from, int to, float[] y, int yOff) {
        int m = w.rows(), outSize = g.outSize(), outLast = g.out[g.rank() - 1];
        float[] c = buffer(m * LDC);
        for (int b0 = from; b0 < to; b0 += BLOCK) {
            int b1 = Math.min(to, b0 + BLOCK);
            // c (m, LDC) holds wide columns [b0, b1)
            Sgemm.gemm(w, b0, b1, xp, xpOff, rowOff, null, c, -b0, LDC);
            for (int l = b0 / lineLen; l * lineLen < b1; l++) {
                int out = lineOut[l];
                if (out < 0) continue;
                int lo = Math.max(b0, l * lineLen), hi = Math.min(b1, l * lineLen + outLast);
                if (hi <= lo) continue;
                int dst = yOff + out + lo - l * lineLen, cs = lo - b0;
                for (int i = 0; i < m; i++) {
                    float bv = bias == null ? 0f : bias[i];
                    int yRow = dst + i * outSize, cRow = cs + i * LDC;
                    for (int j = 0; j < hi - lo; j++) y[yRow + j] = c[cRow + j] + bv;
                }
            }
        }
    }

    /** This thread's buffer for the padded input, of at least {@code size} floats. */
    static float[] paddedBuffer(int size) { return buffer(PADDED, size); }

    private static float[] buffer(int size) { return buffer(C_BLOCK, size); }

    private static float[] buffer(ThreadLocal<float[]> local, int size) {
        float[] b = local.get();
        if (b == null || b.length < size) {
            b = new float[size];
            local.set(b);
        }
        return b;
    }
}
