package dev.kiln.ops.linalg;

/**
 * One implementation of the float32 matrix product {@code C = alpha * op(A) * op(B) + beta * C}
 * on row-major arrays with leading dimensions, as BLAS {@code sgemm} defines it.
 *
 * <p>Shapes: op(A) is (M, K), op(B) is (K, N), C is (M, N). {@code op(X)} is X or its transpose.
 * When {@code beta == 0} the old contents of C are not read (NaN there does not propagate).
 */
interface SgemmKernel {
    /** A short name for logs ("scalar", "vector-256", ...). */
    String name();

    void gemm(boolean transA, boolean transB, int m, int n, int k, float alpha,
              float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
              float beta, float[] c, int cOff, int ldc);

    /** Scales the (M, N) block of C by beta; beta == 0 clears it without reading. */
    static void scale(int m, int n, float beta, float[] c, int cOff, int ldc) {
        if (beta == 1f) return;
        for (int i = 0; i < m; i++) {
            int row = cOff + i * ldc;
            if (beta == 0f) {
                java.util.Arrays.fill(c, row, row + n, 0f);
            } else {
                for (int j = 0; j < n; j++) c[row + j] *= beta;
            }
        }
    }
}
