package dev.kiln.ops.quant;

import dev.kiln.ops.common.Vectors;
import dev.kiln.ops.linalg.GemmEpilogue;
import dev.kiln.ops.linalg.PackedMatrix;
import dev.kiln.ops.linalg.Sgemm;

/**
 * An 8-bit right operand B (K, N) minus its zero points, packed once into the float32 GEMM's
 * panels for exact integer products with {@link #multiply}: the int8 counterpart of a layer's
 * packed float weights.
 *
 * <p>The float32 GEMM is exact as long as every partial sum it forms is an integer of magnitude
 * at most 2^24. Whatever the summation order, a partial sum of column j over the depth rows of a
 * block is bounded by {@code 255 * sum_p |B[p, j] - zb[j]|} (A minus its zero point lies in
 * [-255, 255]). So K is cut greedily into the longest blocks whose bound stays within 2^24 for
 * every column; each block is packed on its own. One block (the common case: int8 weights of a
 * dense layer with K up to about a thousand) gives the product directly as floats; more blocks
 * are added in int32, wrapping as the reference does. A block is never shorter than
 * {@link Igemm#EXACT_DEPTH}, which is exact for any 8-bit data.
 */
public final class Int8Panels {
    private static final ThreadLocal<float[]> PART = ThreadLocal.withInitial(() -> new float[0]);
    private static final ThreadLocal<int[]> SUM = ThreadLocal.withInitial(() -> new int[0]);

    private final int k;
    private final int n;
    /** First depth row of each block, then K. */
    private final int[] starts;
    private final PackedMatrix[] blocks;

    private Int8Panels(int k, int n, int[] starts, PackedMatrix[] blocks) {
        this.k = k;
        this.n = n;
        this.starts = starts;
        this.blocks = blocks;
    }

    /**
     * Packs the (K, N) 8-bit matrix {@code v} (uint8 when {@code unsigned}) minus a zero point per
     * column ({@code zp} of length N) or one for all ({@code zp} of length 1).
     */
    public static Int8Panels pack(byte[] v, boolean unsigned, int[] zp, int k, int n) {
        float[] shifted = Igemm.shiftColumns(v, unsigned, zp, n);
        int[] cut = Igemm.depthBlocks(shifted, 0, k, n);
        PackedMatrix[] blocks = new PackedMatrix[cut.length - 1];
        for (int i = 0; i < blocks.length; i++) {
            blocks[i] = Sgemm.pack(false, cut[i + 1] - cut[i], n, shifted, cut[i] * n, n);
        }
        return new Int8Panels(k, n, cut, blocks);
    }

    /** Rows of B (the product's K). */
    public int rows() { return k; }

    /** Columns of B (the product's N). */
    public int cols() { return n; }

    /** How many depth blocks the product takes (1 when the whole sum is exact in float32). */
    public int blockCount() { return blocks.length; }

    /**
     * {@code Y(M, N) = float(A(M, K) * B)}: the exact int32 product (wrapping) converted to
     * float32, overwriting {@code y[0, M * N)}. A holds 8-bit values minus their zero point as
     * floats, row-major with K columns.
     */
    public void multiply(int m, float[] a, float[] y) {
        multiply(m, a, y, null, null);
    }

    /**
     * {@code Y(M, N) = float(A(M, K) * B) * scale + bias}, the scale and bias per column (either
     * may be null), rounded after the product and again after the sum as a Mul then an Add would.
     * The scale and bias are applied by the GEMM's epilogue to each block of columns while it is in
     * cache; with several depth blocks the epilogue of every block adds it into an int32 sum, the
     * last one converting the sum back to float.
     */
    public void multiply(int m, float[] a, float[] y, float[] scale, float[] bias) {
        multiply(m, a, y, scale, bias, null);
    }

    /**
     * The same, then {@code then} (may be null) on each finished block of columns, after the scale
     * and bias, while the block is still in cache: a residual, an activation.
     */
    public void multiply(int m, float[] a, float[] y, float[] scale, float[] bias, GemmEpilogue then) {
        int size = m * n;
        int[] sum = null;
        if (blocks.length > 1) {
            sum = SUM.get();
            if (sum.length < size) {
                sum = new int[size];
                SUM.set(sum);
            }
        }
        int[] s = sum;
        for (int b = 0; b < blocks.length; b++) {
            boolean first = b == 0, last = b == blocks.length - 1;
            // y = A[:, starts[b]:starts[b+1]] * B[starts[b]:starts[b+1], :], exact, then the epilogue
            Sgemm.gemm(false, m, 1f, a, starts[b], k, blocks[b], y, 0, n, (c, cOff, ldc, rows, from, to) -> {
                if (last) {
                    finish(c, cOff, ldc, rows, from, to, first ? null : s, scale, bias);
                    if (then != null) then.finish(c, cOff, ldc, rows, from, to);
                } else {
                    accumulate(c, cOff, ldc, rows, from, to, s, first);
                }
            });
        }
    }

    /**
     * {@code C(M, N) = A(M, K) * B} exactly in int32 (wrapping as the reference), overwriting
     * {@code c[0, M * N)}; each depth block's float32 result is added into C by the GEMM's
     * epilogue while it is in cache.
     */
    public void multiply(int m, float[] a, int[] c) {
        int size = m * n;
        float[] part = PART.get();
        if (part.length < size) {
            part = new float[size];
            PART.set(part);
        }
        for (int b = 0; b < blocks.length; b++) {
            boolean first = b == 0;
            // part = A[:, starts[b]:starts[b+1]] * B[starts[b]:starts[b+1], :], exact; c (= or +=) int(part)
            Sgemm.gemm(false, m, 1f, a, starts[b], k, blocks[b], part, 0, n, (y, yOff, ldy, rows, from, to) -> {
                for (int i = 0; i < rows; i++) {
                    int o = yOff + i * ldy;
                    if (first) {
                        for (int j = from; j < to; j++) c[o + j] = (int) y[o + j];
                    } else {
                        for (int j = from; j < to; j++) c[o + j] += (int) y[o + j];
                    }
                }
            });
        }
        if (blocks.length == 0) java.util.Arrays.fill(c, 0, size, 0);
    }

    // sum[i, from:to] (= or +=) int(c[i, from:to]); c and sum share the layout (ldc = N)
    private static void accumulate(float[] c, int cOff, int ldc, int rows, int from, int to, int[] sum,
                                   boolean first) {
        for (int i = 0; i < rows; i++) {
            int o = cOff + i * ldc;
            if (first) {
                for (int j = from; j < to; j++) sum[o + j] = (int) c[o + j];
            } else {
                for (int j = from; j < to; j++) sum[o + j] += (int) c[o + j];
            }
        }
    }

    // c[i, j] = float(sum[i, j] + int(c[i, j])) * scale[j] + bias[j] for j in [from, to)
    private static void finish(float[] c, int cOff, int ldc, int rows, int from, int to, int[] sum,
                               float[] scale, float[] bias) {
        for (int i = 0; i < rows; i++) {
            int o = cOff + i * ldc;
            if (sum != null) {
                for (int j = from; j < to; j++) c[o + j] = sum[o + j] + (int) c[o + j];
            }
            if (scale != null && Vectors.ENABLED) {
                Int8Vectors.scaleBias(Int8Vectors.FLOATS, c, o + from, scale, bias, from, to - from);
            } else if (scale != null && bias != null) {
                for (int j = from; j < to; j++) c[o + j] = c[o + j] * scale[j] + bias[j];
            } else if (scale != null) {
                for (int j = from; j < to; j++) c[o + j] = c[o + j] * scale[j];
            } else if (bias != null) {
                for (int j = from; j < to; j++) c[o + j] = c[o + j] + bias[j];
            }
        }
    }
}
