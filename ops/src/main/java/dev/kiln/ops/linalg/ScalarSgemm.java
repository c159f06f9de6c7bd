package dev.kiln.ops.linalg;

import dev.kiln.runtime.exec.ExecutionContext;

/** The reference float32 GEMM: a plain triple loop, the control for the fast kernel. */
final class ScalarSgemm implements SgemmKernel {
    @Override
    public String name() { return "scalar"; }

    // C[i, j] = alpha * sum_p opA[i, p] * opB[p, j] + beta * C[i, j]
    @Override
    public void gemm(boolean transA, boolean transB, int m, int n, int k, float alpha,
                     float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                     float beta, float[] c, int cOff, int ldc) {
        SgemmKernel.scale(m, n, beta, c, cOff, ldc);
        if (k == 0 || alpha == 0f) return;
        for (int i = 0; i < m; i++) {
            ExecutionContext.checkActiveCancelled();
            for (int j = 0; j < n; j++) {
                float sum = 0f;
                for (int p = 0; p < k; p++) {
                    float av = transA ? a[aOff + p * lda + i] : a[aOff + i * lda + p];
                    float bv = transB ? b[bOff + j * ldb + p] : b[bOff + p * ldb + j];
                    sum += av * bv;
                }
                c[cOff + i * ldc + j] += alpha * sum;
            }
        }
    }
}
