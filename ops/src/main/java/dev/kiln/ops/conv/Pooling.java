package dev.kiln.ops.conv;

import dev.kiln.runtime.exec.ExecutionContext;
import dev.kiln.runtime.tensor.DType;
import dev.kiln.runtime.tensor.MemoryBudget;
import java.util.Arrays;

/**
 * The shared N-d pooling loop (max, average, Lp) in double precision. Each output position
 * visits the taps of its window that fall inside the input; for every axis and output index
 * the valid input indices are precomputed once.
 */
final class Pooling {
    enum Kind { MAX, AVG, LP }

    private final Geometry g;
    /** validIdx[a][o]: input indices along axis a read by output index o. */
    private final int[][][] validIdx;
    /** padCount[a][o]: taps of output index o inside the padded extent [-padBegin, in + padEnd). */
    private final int[][] padCount;

    Pooling(Geometry g) {
        this.g = g;
        long cells = 1;
        for (int o : g.out) cells = Math.multiplyExact(cells, Math.max(o, 1));
        MemoryBudget.check(DType.FLOAT32, cells);
        int r = g.rank();
        validIdx = new int[r][][];
        padCount = new int[r][];
        for (int a = 0; a < r; a++) {
            validIdx[a] = new int[g.out[a]][];
            padCount[a] = new int[g.out[a]];
            for (int o = 0; o < g.out[a]; o++) {
                int[] buf = new int[g.kernel[a]];
                int n = 0, padded = 0;
                for (int k = 0; k < g.kernel[a]; k++) {
                    int i = o * g.stride[a] - g.padBegin[a] + k * g.dilation[a];
                    if (i >= 0 && i < g.in[a]) buf[n++] = i;
                    if (i >= -g.padBegin[a] && i < g.in[a] + g.padEnd[a]) padded++;
                }
                validIdx[a][o] = Arrays.copyOf(buf, n);
                padCount[a][o] = padded;
            }
        }
    }

    /**
     * Pools {@code planes} input planes of size {@code in...} into planes of size {@code out...}.
     *
     * @param indices when not null (MAX only), receives for each output the flat input index of
     *     its maximum, row-major over the whole input or, with {@code columnMajor}, column-major
     *     over the spatial axes within each plane
     */
    double[] run(double[] x, int planes, Kind kind, boolean countIncludePad, double p,
                 long[] indices, boolean columnMajor) {
        int r = g.rank();
        int inSize = g.inSize(), outSize = g.outSize();
        int[][] oc = Geometry.coords(g.out);
        int[] rowStride = inputRowStrides(), colStride = new int[r];
        int acc = 1;
        for (int a = 0; a < r; a++) { colStride[a] = acc; acc *= g.in[a]; }
        MemoryBudget.check(DType.FLOAT64, (long) planes * outSize);
        double[] y = new double[Math.toIntExact((long) planes * outSize)];
        int[][] lists = new int[r][];
        int[] pos = new int[r];
        for (int o = 0; o < outSize; o++) {
            ExecutionContext.checkActiveCancelled();
            int combos = 1, padded = 1;
            for (int a = 0; a < r; a++) {
                lists[a] = validIdx[a][oc[a][o]];
                combos *= lists[a].length;
                padded *= padCount[a][oc[a][o]];
            }
            for (int plane = 0; plane < planes; plane++) {
                int base = plane * inSize;
                double best = Double.NEGATIVE_INFINITY, sum = 0;
                int bestAt = -1;
                Arrays.fill(pos, 0);
                for (int c = 0; c < combos; c++) {
                    int off = 0;
                    for (int a = 0; a < r; a++) off += lists[a][pos[a]] * rowStride[a];
                    double v = x[base + off];
                    switch (kind) {
                        case MAX -> {
                            // NaN inputs are skipped unless the whole window is NaN
                            if (bestAt < 0 || v > best || Double.isNaN(best)) {
                                best = v;
                                bestAt = c;
                            }
                        }
                        case AVG -> sum += v;
                        case LP -> sum += Math.pow(Math.abs(v), p);
                    }
                    for (int a = r - 1; a >= 0; a--) {
                        if (++pos[a] < lists[a].length) break;
                        pos[a] = 0;
                    }
                }
                int yi = plane * outSize + o;
                switch (kind) {
                    case MAX -> {
                        y[yi] = best;
                        if (indices != null) indices[yi] = bestAt < 0 ? -1 : plane * (long) inSize
                                + flatIndex(lists, bestAt, columnMajor ? colStride : rowStride);
                    }
                    case AVG -> y[yi] = sum / (countIncludePad ? padded : combos);
                    case LP -> y[yi] = Math.pow(sum, 1.0 / p);
                }
            }
        }
        return y;
    }

    /** The taps of every output: output o reads the input offsets {@code offs[start[o] .. start[o + 1])}. */
    private record Taps(int[] start, int[] offs) {}

    /** Lists the in-plane input offset of every tap of every output once, in the order {@link #run} visits them. */
    private Taps taps() {
        int r = g.rank();
        int outSize = g.outSize();
        int[][] oc = Geometry.coords(g.out);
        int[] rowStride = inputRowStrides();
        int[] start = new int[outSize + 1];
        int[][] lists = new int[r][];
        long taps = 0;
        for (int o = 0; o < outSize; o++) {
            long combos = 1;
            for (int a = 0; a < r; a++) combos *= validIdx[a][oc[a][o]].length;
            taps += combos;
            if (taps > Integer.MAX_VALUE - 8) {
                throw new IllegalArgumentException("the pooling windows hold more than " + taps + " taps in all");
            }
            start[o + 1] = (int) taps;
        }
        MemoryBudget.check(DType.INT32, taps);
        int[] offs = new int[(int) taps];
        int[] pos = new int[r];
        for (int o = 0; o < outSize; o++) {
            if ((o & 255) == 0) ExecutionContext.checkActiveCancelled();
            for (int a = 0; a < r; a++) lists[a] = validIdx[a][oc[a][o]];
            Arrays.fill(pos, 0);
            for (int c = start[o]; c < start[o + 1]; c++) {
                int off = 0;
                for (int a = 0; a < r; a++) off += lists[a][pos[a]] * rowStride[a];
                offs[c] = off;
                for (int a = r - 1; a >= 0; a--) {
                    if (++pos[a] < lists[a].length) break;
                    pos[a] = 0;
                }
            }
        }
        return new Taps(start, offs);
    }

    /**
     * float32 max pooling without indices, the same values as {@link #run} with {@link Kind#MAX}:
     * the window offsets of every output are listed once, then each plane is a short max loop.
     * x: (planes, in...) → (planes, out...).
     */
    float[] maxFloat(float[] x, int planes) {
        int inSize = g.inSize(), outSize = g.outSize();
        Taps t = taps();
        int[] start = t.start, offs = t.offs;
        MemoryBudget.check(DType.FLOAT32, (long) planes * outSize);
        float[] y = new float[Math.toIntExact((long) planes * outSize)];
        for (int plane = 0; plane < planes; plane++) {
            ExecutionContext.checkActiveCancelled();
            int base = plane * inSize, yo = plane * outSize;
            for (int o = 0; o < outSize; o++) {
                int c0 = start[o], c1 = start[o + 1];
                // NaN inputs are skipped unless the whole window is NaN; an empty window gives -inf
                float best = c1 > c0 ? x[base + offs[c0]] : Float.NEGATIVE_INFINITY;
                for (int c = c0 + 1; c < c1; c++) {
                    float v = x[base + offs[c]];
                    if (v > best || best != best) best = v;
                }
                y[yo + o] = best;
            }
        }
        return y;
    }

    /**
     * float32 average pooling, the same values as {@link #run} with {@link Kind#AVG} rounded to
     * float: each window is summed in double in the same order and divided once.
     * x: (planes, in...) → (planes, out...).
     */
    float[] averageFloat(float[] x, int planes, boolean countIncludePad) {
        int r = g.rank();
        int inSize = g.inSize(), outSize = g.outSize();
        int[][] oc = Geometry.coords(g.out);
        double[] divisor = new double[outSize];
        for (int o = 0; o < outSize; o++) {
            int combos = 1, padded = 1;
            for (int a = 0; a < r; a++) {
                combos *= validIdx[a][oc[a][o]].length;
                padded *= padCount[a][oc[a][o]];
            }
            divisor[o] = countIncludePad ? padded : combos;
        }
        Taps t = taps();
        int[] start = t.start, offs = t.offs;
        float[] y = new float[planes * outSize];
        for (int plane = 0; plane < planes; plane++) {
            int base = plane * inSize, yo = plane * outSize;
            for (int o = 0; o < outSize; o++) {
                double sum = 0;
                for (int c = start[o]; c < start[o + 1]; c++) sum += x[base + offs[c]];
                y[yo + o] = (float) (sum / divisor[o]);
            }
        }
        return y;
    }

    /**
     * The gradient of an AVG {@link #run}: {@code Y[o] = sum of the taps / divisor(o)}, so each
     * tap of window o receives {@code dY[o] / divisor(o)}. dy: (planes, out...) → dX: (planes, in...).
     */
    double[] averageBackward(double[] dy, int planes, boolean countIncludePad) {
        int r = g.rank();
        int inSize = g.inSize(), outSize = g.outSize();
        int[][] oc = Geometry.coords(g.out);
        int[] rowStride = inputRowStrides();
        double[] dx = new double[planes * inSize];
        int[][] lists = new int[r][];
        int[] pos = new int[r];
        int[] offs = new int[0];
        for (int o = 0; o < outSize; o++) {
            ExecutionContext.checkActiveCancelled();
            int combos = 1, padded = 1;
            for (int a = 0; a < r; a++) {
                lists[a] = validIdx[a][oc[a][o]];
                combos *= lists[a].length;
                padded *= padCount[a][oc[a][o]];
            }
            if (combos == 0) continue;
            if (offs.length < combos) offs = new int[combos];
            Arrays.fill(pos, 0);
            for (int c = 0; c < combos; c++) {
                int off = 0;
                for (int a = 0; a < r; a++) off += lists[a][pos[a]] * rowStride[a];
                offs[c] = off;
                for (int a = r - 1; a >= 0; a--) {
                    if (++pos[a] < lists[a].length) break;
                    pos[a] = 0;
                }
            }
            double divisor = countIncludePad ? padded : combos;
            for (int plane = 0; plane < planes; plane++) {
                double share = dy[plane * outSize + o] / divisor;
                int base = plane * inSize;
                for (int c = 0; c < combos; c++) dx[base + offs[c]] += share;
            }
        }
        return dx;
    }

    /** The input offset of combination {@code c} (row-major over the per-axis lists). */
    private static int flatIndex(int[][] lists, int c, int[] strides) {
        int off = 0;
        for (int a = lists.length - 1; a >= 0; a--) {
            int n = lists[a].length;
            off += lists[a][c % n] * strides[a];
            c /= n;
        }
        return off;
    }

    /** The row-major strides of the input plane: element (i0, i1, ...) is at sum of i_a * stride[a]. */
    private int[] inputRowStrides() {
        int[] stride = new int[g.rank()];
        for (int a = g.rank() - 1, acc = 1; a >= 0; a--) {
            stride[a] = acc;
            acc *= g.in[a];
        }
        return stride;
    }
}
