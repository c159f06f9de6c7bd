package dev.kiln.ops.shape;

import dev.kiln.runtime.tensor.DType;
import dev.kiln.runtime.tensor.Shape;
import dev.kiln.runtime.tensor.Tensor;

/**
 * Element moves shared by the shape ops, for every dtype: strided copies (transpose, slice,
 * broadcast), gathers through an index map, and fills. Contiguous runs go through
 * {@link System#arraycopy}; single elements through one loop per Java storage type.
 */
final class Moves {
    private Moves() {}

    /**
     * A new tensor of shape {@code outDims} with
     * {@code out[i_0, ..., i_k] = src[base + Σ i_j * strides[j]]} (flat index into src's data).
     * Strides may be zero (broadcast) or negative (reversal).
     */
    static Tensor strided(Tensor src, long base, long[] outDims, long[] strides) {
        Tensor out = Tensor.zeros(src.dtype(), Shape.of(outDims));
        stridedInto(src.data(), base, outDims, strides, out.data(), 0);
        return out;
    }

    /** As {@link #strided}, writing the elements row-major into {@code dst} from {@code dstOff}. */
    static void stridedInto(Object src, long base, long[] dims, long[] strides, Object dst, int dstOff) {
        long n = 1;
        for (long d : dims) n *= d;
        if (n == 0) return;
        // drop unit dims, then merge neighbours that are contiguous in the source
        long[] md = new long[dims.length];
        long[] ms = new long[dims.length];
        int r = 0;
        for (int i = dims.length - 1; i >= 0; i--) {
            if (dims[i] == 1) continue;
            if (r > 0 && strides[i] == ms[r - 1] * md[r - 1]) {
                md[r - 1] *= dims[i];
            } else {
                md[r] = dims[i];
                ms[r] = strides[i];
                r++;
            }
        }
        // md/ms hold dims innermost first; put them outermost first
        long[] d = new long[r];
        long[] s = new long[r];
        for (int i = 0; i < r; i++) {
            d[i] = md[r - 1 - i];
            s[i] = ms[r - 1 - i];
        }
        if (r == 0) {
            System.arraycopy(src, (int) base, dst, dstOff, 1);
            return;
        }
        if (s[r - 1] == 1) {
            int run = (int) d[r - 1];
            int outer = (int) (n / run);
            long[] od = java.util.Arrays.copyOf(d, r - 1);
            long[] os = java.util.Arrays.copyOf(s, r - 1);
            long[] ctr = new long[r - 1];
            long off = base;
            int o = dstOff;
            for (int k = 0; k < outer; k++) {
                System.arraycopy(src, (int) off, dst, o, run);
                o += run;
                off = advance(ctr, od, os, off);
            }
        } else if (r >= 2 && s[r - 2] == 1 && src instanceof float[] from && dst instanceof float[] to) {
            // each (d[r-2], d[r-1]) tile is a 2-D transpose of a source block with stride 1 down
            // its rows: copy it in small squares, so both sides stay in cache
            int rows = (int) d[r - 2], cols = (int) d[r - 1], colStride = (int) s[r - 1];
            long[] od = java.util.Arrays.copyOf(d, r - 2);
            long[] os = java.util.Arrays.copyOf(s, r - 2);
            long[] ctr = new long[r - 2];
            int tiles = (int) (n / ((long) rows * cols));
            long off = base;
            int o = dstOff;
            for (int t = 0; t < tiles; t++) {
                transpose(from, (int) off, colStride, to, o, rows, cols);
                o += rows * cols;
                off = advance(ctr, od, os, off);
            }
        } else {
            gatherInto(src, indexMap(base, d, s), dst, dstOff);
        }
    }

    /** {@code to[o + i * cols + j] = from[off + i + j * colStride]} for i < rows, j < cols. */
    private static void transpose(float[] from, int off, int colStride, float[] to, int o, int rows, int cols) {
        final int b = 8;
        for (int i0 = 0; i0 < rows; i0 += b) {
            int i1 = Math.min(rows, i0 + b);
            for (int j0 = 0; j0 < cols; j0 += b) {
                int j1 = Math.min(cols, j0 + b);
                for (int i = i0; i < i1; i++) {
                    int dst = o + i * cols;
                    for (int j = j0; j < j1; j++) to[dst + j] = from[off + i + j * colStride];
                }
            }
        }
    }

    /**
     * For each element (row-major) of a strided view of shape {@code dims}, the flat index it
     * reads: {@code base + Σ i_j * strides[j]}.
     */
    static int[] indexMap(long base, long[] dims, long[] strides) {
        int[] map = new int[(int) product(dims, 0, dims.length)];
        long[] ctr = new long[dims.length];
        long off = base;
        for (int k = 0; k < map.length; k++) {
            map[k] = (int) off;
            off = advance(ctr, dims, strides, off);
        }
        return map;
    }

    /** Steps a row-major counter over {@code dims}, returning the updated source offset. */
    private static long advance(long[] ctr, long[] dims, long[] strides, long off) {
        for (int d = ctr.length - 1; d >= 0; d--) {
            ctr[d]++;
            off += strides[d];
            if (ctr[d] < dims[d]) return off;
            off -= strides[d] * dims[d];
            ctr[d] = 0;
        }
        return off;
    }

    /** {@code dst[dstOff + k] = src[map[k]]} for every k, for any storage type. */
    static void gatherInto(Object src, int[] map, Object dst, int dstOff) {
        int n = map.length;
        if (src instanceof float[] a) {
            float[] b = (float[]) dst;
            for (int k = 0; k < n; k++) b[dstOff + k] = a[map[k]];
        } else if (src instanceof double[] a) {
            double[] b = (double[]) dst;
            for (int k = 0; k < n; k++) b[dstOff + k] = a[map[k]];
        } else if (src instanceof long[] a) {
            long[] b = (long[]) dst;
            for (int k = 0; k < n; k++) b[dstOff + k] = a[map[k]];
        } else if (src instanceof int[] a) {
            int[] b = (int[]) dst;
            for (int k = 0; k < n; k++) b[dstOff + k] = a[map[k]];
        } else if (src instanceof short[] a) {
            short[] b = (short[]) dst;
            for (int k = 0; k < n; k++) b[dstOff + k] = a[map[k]];
        } else if (src instanceof byte[] a) {
            byte[] b = (byte[]) dst;
            for (int k = 0; k < n; k++) b[dstOff + k] = a[map[k]];
        } else if (src instanceof boolean[] a) {
            boolean[] b = (boolean[]) dst;
            for (int k = 0; k < n; k++) b[dstOff + k] = a[map[k]];
        } else {
            for (int k = 0; k < n; k++) System.arraycopy(src, map[k], dst, dstOff + k, 1);
        }
    }

    /** A tensor of shape {@code shape} whose element {@code k} is {@code src[map[k]]}. */
    static Tensor gather(Tensor src, int[] map, Shape shape) {
        Tensor out = Tensor.zeros(src.dtype(), shape);
        gatherInto(src.data(), map, out.data(), 0);
        return out;
    }

    /** Sets {@code dst[from, to)} to element 0 of {@code value} (an array of the same type). */
    static void fill(Object dst, int from, int to, Object value) {
        if (to <= from) return;
        System.arraycopy(value, 0, dst, from, 1);
        int len = 1;
        while (from + len < to) {
            int n = Math.min(len, to - from - len);
            System.arraycopy(dst, from, dst, from + len, n);
            len += n;
        }
    }

    /** A one-element array of {@code dtype}'s storage holding {@code v} converted to it. */
    static Object scalarOf(DType dtype, double v) {
        Tensor t = Tensor.zeros(dtype, Shape.SCALAR);
        if (dtype != DType.STRING) t.setDouble(0, v);
        return t.data();
    }

    /** Product of {@code dims[from, to)}. */
    static long product(long[] dims, int from, int to) {
        long n = 1;
        for (int i = from; i < to; i++) n *= dims[i];
        return n;
    }
}
