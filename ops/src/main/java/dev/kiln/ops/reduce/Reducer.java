package dev.kiln.ops.reduce;

import dev.kiln.ops.cast.Conversions;
import dev.kiln.ops.cast.NarrowCodec.E8M0Rounding;
import dev.kiln.runtime.tensor.DType;
import dev.kiln.runtime.tensor.Shape;
import dev.kiln.runtime.tensor.Tensor;

/**
 * The reduction core shared by every {@code Reduce*} op: one pass over the input in row-major
 * order, each element folded into the accumulator of its output cell. Floats accumulate in double,
 * integers (and bool) in long, exactly, wrapping like the element type.
 *
 * <p>The input is walked row by row (a row = the last axis). The last axis is either reduced
 * (the whole row folds into one cell) or kept (the row maps onto consecutive cells), so the inner
 * loops are simple.
 */
final class Reducer {
    private Reducer() {}

    /** How elements fold into an accumulator. */
    enum Fold { SUM, SUM_SQUARE, ABS_SUM, PROD, MAX, MIN, EXP_SUM }

    /** The input shape, which axes are reduced, and where each input row lands in the output. */
    static final class Plan {
        final Shape in;
        final boolean[] reduced;
        final int outSize;
        final int rowLength;
        final boolean lastReduced;
        final int[] rowOut;
        final long count;

        Plan(Shape in, boolean[] reduced) {
            this.in = in;
            this.reduced = reduced;
            int r = in.rank();
            long[] d = in.dims();
            long[] outStride = new long[r];
            long size = 1;
            long cnt = 1;
            for (int i = r - 1; i >= 0; i--) {
                if (reduced[i]) {
                    cnt *= d[i];
                } else {
                    outStride[i] = size;
                    size *= d[i];
                }
            }
            this.outSize = Math.toIntExact(size);
            this.count = cnt;
            this.rowLength = r == 0 ? 1 : (int) d[r - 1];
            this.lastReduced = r > 0 && reduced[r - 1];
            int rows = rowLength == 0 ? 0 : in.sizeInt() / rowLength;
            this.rowOut = new int[rows];
            int[] counter = new int[Math.max(r - 1, 0)];
            long o = 0;
            for (int row = 0; row < rows; row++) {
                rowOut[row] = (int) o;
                for (int k = r - 2; k >= 0; k--) {
                    o += outStride[k];
                    if (++counter[k] < d[k]) break;
                    o -= outStride[k] * counter[k];
                    counter[k] = 0;
                }
            }
        }

        /** For every input element (row-major), the flat index of the output cell it folds into. */
        int[] cells() {
            int[] c = new int[in.sizeInt()];
            for (int row = 0; row < rowOut.length; row++) {
                int o = rowOut[row];
                int base = row * rowLength;
                for (int j = 0; j < rowLength; j++) c[base + j] = lastReduced ? o : o + j;
            }
            return c;
        }

        /** The output shape: reduced axes become 1 with {@code keepdims}, else disappear. */
        Shape outShape(boolean keepdims) {
            long[] d = in.dims();
            int kept = 0;
            for (int i = 0; i < d.length; i++) if (keepdims || !reduced[i]) kept++;
            long[] out = new long[kept];
            for (int i = 0, j = 0; i < d.length; i++) {
                if (reduced[i]) {
                    if (keepdims) out[j++] = 1;
                } else {
                    out[j++] = d[i];
                }
            }
            return Shape.of(out);
        }
    }

    /**
     * Folds a numeric tensor in double. {@code shift} (one per output cell, or null) is
     * subtracted before {@link Fold#EXP_SUM}'s exponential.
     */
    static double[] foldDouble(Tensor x, Plan p, Fold f, double[] shift) {
        double[] acc = new double[p.outSize];
        java.util.Arrays.fill(acc, switch (f) {
            case PROD -> 1.0;
            case MAX -> Double.NEGATIVE_INFINITY;
            case MIN -> Double.POSITIVE_INFINITY;
            default -> 0.0;
        });
        int len = p.rowLength;
        float[] fl = x.dtype() == DType.FLOAT32 ? x.floats() : null;
        double[] src = fl != null ? null : x.dtype() == DType.FLOAT64 ? x.doubles() : Conversions.toDoubles(x);
        double[] buf = new double[len];
        for (int row = 0; row < p.rowOut.length; row++) {
            int ib = row * len;
            if (fl != null) {
                for (int j = 0; j < len; j++) buf[j] = fl[ib + j];
            } else {
                System.arraycopy(src, ib, buf, 0, len);
            }
            int o = p.rowOut[row];
            if (p.lastReduced) acc[o] = foldRow(acc[o], buf, len, f, shift == null ? 0 : shift[o]);
            else foldInto(acc, o, buf, len, f, shift);
        }
        return acc;
    }

    // a whole row into one cell
    private static double foldRow(double a, double[] v, int n, Fold f, double shift) {
        switch (f) {
            case SUM -> { for (int j = 0; j < n; j++) a += v[j]; }
            case SUM_SQUARE -> { for (int j = 0; j < n; j++) a += v[j] * v[j]; }
            case ABS_SUM -> { for (int j = 0; j < n; j++) a += Math.abs(v[j]); }
            case PROD -> { for (int j = 0; j < n; j++) a *= v[j]; }
            case MAX -> { for (int j = 0; j < n; j++) a = Math.max(a, v[j]); }
            case MIN -> { for (int j = 0; j < n; j++) a = Math.min(a, v[j]); }
            case EXP_SUM -> { for (int j = 0; j < n; j++) a += Math.exp(v[j] - shift); }
        }
        return a;
    }

    // a row onto consecutive cells acc[o .. o+n)
    private static void foldInto(double[] acc, int o, double[] v, int n, Fold f, double[] shift) {
        switch (f) {
            case SUM -> { for (int j = 0; j < n; j++) acc[o + j] += v[j]; }
            case SUM_SQUARE -> { for (int j = 0; j < n; j++) acc[o + j] += v[j] * v[j]; }
            case ABS_SUM -> { for (int j = 0; j < n; j++) acc[o + j] += Math.abs(v[j]); }
            case PROD -> { for (int j = 0; j < n; j++) acc[o + j] *= v[j]; }
            case MAX -> { for (int j = 0; j < n; j++) acc[o + j] = Math.max(acc[o + j], v[j]); }
            case MIN -> { for (int j = 0; j < n; j++) acc[o + j] = Math.min(acc[o + j], v[j]); }
            case EXP_SUM -> { for (int j = 0; j < n; j++) acc[o + j] += Math.exp(v[j] - shift[o + j]); }
        }
    }

    /**
     * Folds an integer or bool tensor in long. MAX and MIN start from the type's smallest and
     * largest values (the result of an empty reduction); uint64 compares unsigned.
     */
    static long[] foldLong(Tensor x, Plan p, Fold f) {
        DType t = x.dtype();
        boolean u64 = t == DType.UINT64;
        long[] acc = new long[p.outSize];
        java.util.Arrays.fill(acc, switch (f) {
            case PROD -> 1L;
            case MAX -> flip(minValue(t), u64);
            case MIN -> flip(maxValue(t), u64);
            case SUM, SUM_SQUARE, ABS_SUM -> 0L;
            case EXP_SUM -> throw new IllegalStateException("EXP_SUM folds in double");
        });
        long[] src = Conversions.readLongs(x);
        int len = p.rowLength;
        for (int row = 0; row < p.rowOut.length; row++) {
            int ib = row * len;
            int o = p.rowOut[row];
            int step = p.lastReduced ? 0 : 1;
            switch (f) {
                case SUM -> { for (int j = 0; j < len; j++) acc[o + j * step] += src[ib + j]; }
                case SUM_SQUARE -> { for (int j = 0; j < len; j++) acc[o + j * step] += src[ib + j] * src[ib + j]; }
                case ABS_SUM -> { for (int j = 0; j < len; j++) acc[o + j * step] += Math.abs(src[ib + j]); }
                case PROD -> { for (int j = 0; j < len; j++) acc[o + j * step] *= src[ib + j]; }
                case MAX -> {
                    for (int j = 0; j < len; j++) acc[o + j * step] = Math.max(acc[o + j * step], flip(src[ib + j], u64));
                }
                case MIN -> {
                    for (int j = 0; j < len; j++) acc[o + j * step] = Math.min(acc[o + j * step], flip(src[ib + j], u64));
                }
                default -> throw new IllegalStateException(f + " folds in double");
            }
        }
        if (u64 && (f == Fold.MAX || f == Fold.MIN)) {
            for (int i = 0; i < acc.length; i++) acc[i] = flip(acc[i], true);
        }
        return acc;
    }

    // uint64 bit patterns compare as unsigned once the sign bit is flipped
    private static long flip(long v, boolean u64) {
        return u64 ? v ^ Long.MIN_VALUE : v;
    }

    private static long minValue(DType t) {
        return switch (t) {
            case INT8 -> Byte.MIN_VALUE;
            case INT16 -> Short.MIN_VALUE;
            case INT32 -> Integer.MIN_VALUE;
            case INT64 -> Long.MIN_VALUE;
            case INT4 -> -8;
            case INT2 -> -2;
            default -> 0; // unsigned types and bool
        };
    }

    private static long maxValue(DType t) {
        return switch (t) {
            case INT8 -> Byte.MAX_VALUE;
            case UINT8 -> 0xff;
            case INT16 -> Short.MAX_VALUE;
            case UINT16 -> 0xffff;
            case INT32 -> Integer.MAX_VALUE;
            case UINT32 -> 0xffffffffL;
            case INT64 -> Long.MAX_VALUE;
            case UINT64 -> -1L;
            case INT4 -> 7;
            case UINT4 -> 15;
            case INT2 -> 1;
            case UINT2 -> 3;
            default -> 1; // bool
        };
    }

    /**
     * A plain fold as a tensor of x's type: in long for integers and bool, in double otherwise.
     */
    static Tensor fold(Tensor x, Plan p, Fold f, Shape out) {
        if (isExact(x.dtype())) return fromLongs(foldLong(x, p, f), out, x.dtype());
        return fromDoubles(foldDouble(x, p, f, null), out, x.dtype());
    }

    /** Double results as a tensor of {@code dtype} (rounded, or truncated for integer types). */
    static Tensor fromDoubles(double[] v, Shape shape, DType dtype) {
        return Conversions.convert(Tensor.wrap(DType.FLOAT64, shape, v), dtype, true, E8M0Rounding.UP);
    }

    /** Long results as a tensor of integer or bool {@code dtype} (low bits kept). */
    static Tensor fromLongs(long[] v, Shape shape, DType dtype) {
        DType carrier = dtype == DType.UINT64 ? DType.UINT64 : DType.INT64;
        return Conversions.convert(Tensor.wrap(carrier, shape, v), dtype, true, E8M0Rounding.UP);
    }

    /** Whether a tensor reduces in long (integers and bool) rather than double. */
    static boolean isExact(DType t) {
        return t.isInteger() || t == DType.BOOL;
    }
}
