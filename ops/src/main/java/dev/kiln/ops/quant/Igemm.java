package dev.kiln.ops.quant;

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
 * are added in int32. {@link #reference} is the plain int32 triple loop it is tested against.
 */
public final class Igemm {
    /** Most products a float32 partial sum may hold and stay an exact integer. */
    public static final int EXACT_DEPTH = 256;

    /** One growing scratch for block sums per thread. */
    private static final ThreadLocal<float[]> SCRATCH = ThreadLocal.withInitial(() -> new float[0]);

    private Igemm() {}

    /** {@code C(M, N) = A(M, K) * B(K, N)} for shifted 8-bit operands held as floats, overwriting C. */
    public static void multiply(int m, int n, int k, float[] a, float[] b, int[] c) {
        multiply(m, n, k, a, 0, b, 0, c, 0);
    }

    /** The same product on the matrices starting at offsets {@code ao}, {@code bo} and {@code co}. */
    public static void multiply(int m, int n, int k, float[] a, int ao, float[] b, int bo, int[] c, int co) {
        java.util.Arrays.fill(c, co, co + m * n, 0);
        float[] part = SCRATCH.get();
        if (part.length < m * n) {
            MemoryBudget.check(DType.FLOAT32, (long) m * n);
            part = new float[Math.toIntExact((long) m * n)];
            SCRATCH.set(part);
        }
        for (int pc = 0; pc < k; pc += EXACT_DEPTH) {
            ExecutionContext.checkActiveCancelled();
            int kc = Math.min(EXACT_DEPTH, k - pc);
            // part = A[:, pc:pc+kc] * B[pc:pc+kc, :], exact
            Sgemm.gemm(false, false, m, n, kc, 1f, a, ao + pc, k, b, bo + pc * n, n, 0f, part, 0, n);
            for (int i = 0; i < m * n; i++) c[co + i] += (int) part[i];
        }
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
        for (int i = 0; i < v.length; i++) out[i] = (unsigned ? v[i] & 0xFF : v[i]) - zp;
        return out;
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
