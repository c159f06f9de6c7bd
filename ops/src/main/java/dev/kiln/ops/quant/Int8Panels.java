package dev.kiln.ops.quant;

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
    /** Largest integer below which every float32 integer is exact. */
    private static final long EXACT = 1L << 24;
    /** Largest magnitude of an 8-bit value minus an 8-bit zero point. */
    private static final long MAX_A = 255;

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
        int[] cut = blockStarts(shifted, k, n);
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
        if (blocks.length == 1) {
            // one block: every partial sum is exact, the float result is the integer itself
            Sgemm.gemm(false, m, 1f, a, 0, k, blocks[0], 0f, y, 0, n);
            return;
        }
        int size = m * n;
        float[] part = PART.get();
        if (part.length < size) {
            part = new float[size];
            PART.set(part);
        }
        int[] sum = SUM.get();
        if (sum.length < size) {
            sum = new int[size];
            SUM.set(sum);
        }
        for (int b = 0; b < blocks.length; b++) {
            // part = A[:, starts[b]:starts[b+1]] * B[starts[b]:starts[b+1], :], exact
            Sgemm.gemm(false, m, 1f, a, starts[b], k, blocks[b], 0f, part, 0, n);
            if (b == 0) {
                for (int i = 0; i < size; i++) sum[i] = (int) part[i];
            } else {
                for (int i = 0; i < size; i++) sum[i] += (int) part[i];
            }
        }
        for (int i = 0; i < size; i++) y[i] = sum[i];
    }

    /**
     * The first row of each depth block, then K: each block as long as
     * {@code 255 * max_j sum_p |b[p, j]|} stays within 2^24, and at least {@link Igemm#EXACT_DEPTH}.
     */
    private static int[] blockStarts(float[] b, int k, int n) {
        long limit = EXACT / MAX_A;
        // a block of up to EXACT_DEPTH rows always fits (256 * 255 <= limit), so blocks are longer
        int[] cut = new int[k / Igemm.EXACT_DEPTH + 2];
        int count = 0;
        long[] col = new long[n];
        cut[count++] = 0;
        for (int p = 0; p < k; p++) {
            boolean fits = true;
            for (int j = 0, o = p * n; j < n; j++, o++) {
                if (col[j] + (long) Math.abs(b[o]) > limit) fits = false;
            }
            if (!fits) {
                cut[count++] = p;
                java.util.Arrays.fill(col, 0);
            }
            for (int j = 0, o = p * n; j < n; j++, o++) col[j] += (long) Math.abs(b[o]);
        }
        cut[count++] = k;
        return java.util.Arrays.copyOf(cut, count);
    }
}
