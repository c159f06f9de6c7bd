package dev.kiln.ops.quant;

import dev.kiln.ops.common.Vectors;
import dev.kiln.ops.linalg.Sgemm;
import dev.kiln.runtime.exec.ExecutionContext;
import dev.kiln.runtime.tensor.DType;
import dev.kiln.runtime.tensor.MemoryBudget;

/**
 * The 8-bit integer matrix product of MatMulInteger, QLinearMatMul and the reference path of the fused
 * {@code dev.kiln:MatMulIntegerToFloat} (whose fast path packs B with {@link Int8Panels}):
 * {@code C[i, j] = sum_p (A[i, p] - za) * (B[p, j] - zb[j])}, exact in int32 (wrapping as the ONNX
 * reference and ORT do). A is (M, K) and B (K, N), both already shifted by their zero points
 * ({@link #shiftRows}, {@link #shiftColumns}), so every operand lies in [-255, 255].
 *
 * <p>{@link #multiply} runs on the float32 GEMM, which is exact here: a product has magnitude at
 * most 255 * 255 = 65025, so any partial sum of at most {@link #EXACT_DEPTH} = 256 products is an
 * integer below 256 * 65025 = 16,646,400 < 2^24 and float32 holds it exactly, whatever the
 * summation order or fused multiply-adds. K is cut into blocks of that depth and the block sums
 * are added in int32 (in practice the operands' magnitudes allow much longer blocks, see
 * {@link #depthBlocks}). {@link #reference} is the plain int32 triple loop it is tested against.
 *
 * <p>Why float32 and not 16-bit integer multiply-adds: on AVX-512 with VNNI, C2 compiles
 * {@code c[j] += a[2j] * b[2j] + a[2j+1] * b[2j+1]} over {@code short[]} to vpmaddwd/vpdpwssd, two
 * multiply-adds per 32-bit lane where a float32 FMA does one. But that is the only form it
 * vectorises: the same shape as a reduction ({@code s += ...}) stays scalar, and the Vector API has
 * no 16-bit pair multiply-add. So the accumulators cannot stay in registers: every vector of C is
 * loaded and stored per pair of depth rows, and a row of A must first be broadcast into a buffer.
 * Measured on the BERT feed-forward product (128 x 384) * (384 x 1536), one thread of the
 * 2-core AVX-512 VNNI EPYC, JDK 25 ({@code ops/src/test/.../bench/Int8KernelBench}): the float32
 * panels (this class, {@link Int8Panels}) 55.7 GMAC/s; a Vector API int32 kernel with 4 x 2
 * register accumulators (a multiply and an add per vector) 31.7; the vpmaddwd loop 3.2 with the
 * broadcast and 20.4 without it (its ceiling); the pair reduction 1.6. The register-blocked
 * float32 GEMM stays, and there is no variant to choose between at run time.
 */
public final class Igemm {
    /** Most products a float32 partial sum may hold and stay an exact integer. */
    public static final int EXACT_DEPTH = 256;

    /** Largest integer below which every float32 integer is exact. */
    private static final long EXACT = 1L << 24;
    /** Largest magnitude of an 8-bit value minus an 8-bit zero point. */
    private static final long MAX_A = 255;

    /** One growing scratch for block sums per thread. */
    private static final ThreadLocal<float[]> SCRATCH = ThreadLocal.withInitial(() -> new float[0]);

    private Igemm() {}

    /** {@code C(M, N) = A(M, K) * B(K, N)} for shifted 8-bit operands held as floats, overwriting C. */
    public static void multiply(int m, int n, int k, float[] a, float[] b, int[] c) {
        multiply(m, n, k, a, 0, b, 0, c, 0);
    }

    /**
     * The same product on the matrices starting at offsets {@code ao}, {@code bo} and {@code co}
     * (row-major, A with K columns, B and C with N). K is cut into the longest blocks on which the
     * float32 GEMM is exact ({@link #depthBlocks}); usually one.
     */
    public static void multiply(int m, int n, int k, float[] a, int ao, float[] b, int bo, int[] c, int co) {
        if (m == 0 || n == 0) return;
        if (k == 0) {
            java.util.Arrays.fill(c, co, co + m * n, 0);
            return;
        }
        float[] part = SCRATCH.get();
        if (part.length < m * n) {
            MemoryBudget.check(DType.FLOAT32, (long) m * n);
            part = new float[Math.toIntExact((long) m * n)];
            SCRATCH.set(part);
        }
        int[] cut = depthBlocks(b, bo, k, n);
        for (int blk = 0; blk + 1 < cut.length; blk++) {
            ExecutionContext.checkActiveCancelled();
            int pc = cut[blk], kc = cut[blk + 1] - pc;
            // part = A[:, pc:pc+kc] * B[pc:pc+kc, :], exact
            Sgemm.gemm(false, false, m, n, kc, 1f, a, ao + pc, k, b, bo + pc * n, n, 0f, part, 0, n);
            if (blk == 0) {
                for (int i = 0; i < m * n; i++) c[co + i] = (int) part[i];
            } else {
                for (int i = 0; i < m * n; i++) c[co + i] += (int) part[i];
            }
        }
    }

    /**
     * The first row of each depth block of the (K, N) operand {@code b} (from {@code bo}), then K:
     * each block as long as {@code 255 * max_j sum_p |b[p, j]|} stays within 2^24, so that every
     * partial sum of a product with an A of magnitude at most 255 is an exact float32 integer; at
     * least {@link #EXACT_DEPTH} rows, which is exact for any 8-bit data.
     */
    static int[] depthBlocks(float[] b, int bo, int k, int n) {
        long limit = EXACT / MAX_A;
        // a block of up to EXACT_DEPTH rows always fits (256 * 255 <= limit), so blocks are longer
        int[] cut = new int[k / EXACT_DEPTH + 2];
        int count = 0;
        long[] col = new long[n];
        cut[count++] = 0;
        for (int p = 0; p < k; p++) {
            boolean fits = true;
            for (int j = 0, o = bo + p * n; j < n; j++, o++) {
                if (col[j] + (long) Math.abs(b[o]) > limit) fits = false;
            }
            if (!fits) {
                cut[count++] = p;
                java.util.Arrays.fill(col, 0);
            }
            for (int j = 0, o = bo + p * n; j < n; j++, o++) col[j] += (long) Math.abs(b[o]);
        }
        cut[count++] = k;
        return java.util.Arrays.copyOf(cut, count);
    }

    /** The reference: one int32 dot product per element of C. */
    public static void reference(int m, int n, int k, int[] a, int[] b, int[] c) {
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                int s = 0;
                for (int p = 0; p < k; p++) s += a[i * k + p] * b[p * n + j];
                c[i * n + j] = s;
            }
        }
    }

    /** The 8-bit values of {@code v} (signed or not) minus the scalar zero point {@code zp}. */
    public static float[] shiftRows(byte[] v, boolean unsigned, int zp) {
        float[] out = new float[v.length];
        shiftRows(v, unsigned, zp, out, v.length);
        return out;
    }

    /**
     * {@code out[i] = v[i] - zp} for i < n, v read as uint8 when {@code unsigned}: the Vector API
     * pass ({@link Int8Vectors#shift}) when {@link Vectors#ENABLED}, else {@link #shiftRowsScalar}.
     */
    public static void shiftRows(byte[] v, boolean unsigned, int zp, float[] out, int n) {
        if (Vectors.ENABLED) {
            Int8Vectors.shift(Int8Vectors.FLOATS, Int8Vectors.BYTES, v, unsigned, zp, out, n);
        } else {
            shiftRowsScalar(v, unsigned, zp, out, n);
        }
    }

    /** The scalar reference of {@link #shiftRows(byte[], boolean, int, float[], int)}. */
    static void shiftRowsScalar(byte[] v, boolean unsigned, int zp, float[] out, int n) {
        if (unsigned) {
            for (int i = 0; i < n; i++) out[i] = (v[i] & 0xFF) - zp;
        } else {
            for (int i = 0; i < n; i++) out[i] = v[i] - zp;
        }
    }

    /**
     * The (K, N) 8-bit matrix {@code v} minus a zero point per column ({@code zp} of length N) or
     * one for all ({@code zp} of length 1).
     */
    public static float[] shiftColumns(byte[] v, boolean unsigned, int[] zp, int n) {
        float[] out = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = (unsigned ? v[i] & 0xFF : v[i]) - zp[zp.length == 1 ? 0 : i % n];
        }
        return out;
    }
}
