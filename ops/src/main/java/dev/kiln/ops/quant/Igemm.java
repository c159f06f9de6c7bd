package dev.kiln.ops.quant;

/**
 * The 8-bit integer matrix product of MatMulInteger:
 * {@code C[i, j] = sum_p (A[i, p] - za) * (B[p, j] - zb[j])}, accumulated in int32 exactly (with
 * int32 wraparound, as the ONNX reference and ORT accumulate). A is (M, K) and B (K, N), both
 * already widened to int with their zero points subtracted ({@link #shiftRows},
 * {@link #shiftColumns}). {@link #multiply} is blocked for the cache and leaves its inner loop to
 * the JIT's vectorizer; {@link #reference} is the plain triple loop it is tested against.
 */
final class Igemm {
    /** Columns of C per block: a block row of C (1 KiB) stays in L1. */
    private static final int NC = 256;
    /** Depth per block: a (KC, NC) panel of B (128 KiB) stays in L2 while every row of A uses it. */
    private static final int KC = 128;

    private Igemm() {}

    /** {@code C(M, N) = A(M, K) * B(K, N)}, overwriting C. */
    static void multiply(int m, int n, int k, int[] a, int[] b, int[] c) {
        java.util.Arrays.fill(c, 0, m * n, 0);
        for (int jc = 0; jc < n; jc += NC) {
            int jEnd = Math.min(n, jc + NC);
            for (int pc = 0; pc < k; pc += KC) {
                int pEnd = Math.min(k, pc + KC);
                for (int i = 0; i < m; i++) {
                    int aRow = i * k, cRow = i * n;
                    for (int p = pc; p < pEnd; p++) {
                        int av = a[aRow + p];
                        if (av == 0) continue;
                        int bRow = p * n;
                        for (int j = jc; j < jEnd; j++) c[cRow + j] += av * b[bRow + j];
                    }
                }
            }
        }
    }

    /** The reference: one dot product per element of C. */
    static void reference(int m, int n, int k, int[] a, int[] b, int[] c) {
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                int s = 0;
                for (int p = 0; p < k; p++) s += a[i * k + p] * b[p * n + j];
                c[i * n + j] = s;
            }
        }
    }

    /** The 8-bit values of {@code v} (signed or not) widened, minus the scalar zero point {@code zp}. */
    static int[] shiftRows(byte[] v, boolean unsigned, int zp) {
        int[] out = new int[v.length];
        for (int i = 0; i < v.length; i++) out[i] = (unsigned ? v[i] & 0xFF : v[i]) - zp;
        return out;
    }

    /**
     * The (K, N) 8-bit matrix {@code v} widened, minus a zero point per column ({@code zp} of
     * length N) or one for all ({@code zp} of length 1).
     */
    static int[] shiftColumns(byte[] v, boolean unsigned, int[] zp, int n) {
        int[] out = new int[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = (unsigned ? v[i] & 0xFF : v[i]) - zp[zp.length == 1 ? 0 : i % n];
        }
        return out;
    }
}
