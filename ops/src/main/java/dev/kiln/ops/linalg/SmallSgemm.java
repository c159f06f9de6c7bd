package dev.kiln.ops.linalg;

import dev.kiln.ops.common.VectorWidths;
import dev.kiln.ops.common.VectorMath;
import java.lang.invoke.MethodHandles;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The Vector API product for few rows of op(A) (fewer than a micro-tile), where packing op(B)
 * would cost as much as the product: rows of op(B) are streamed in place, or, when B is
 * transposed, each output is a dot product of two contiguous rows. Adds into C (the caller has
 * applied beta).
 */
final class SmallSgemm {
    private static final VectorSpecies<Float> S = VectorWidths.species(MethodHandles.lookup());
    private static final int V = S.length();
    private static final int KC = 256;

    private SmallSgemm() {}

    // C[0:m, 0:n] += alpha * opA (m, k) * opB (k, n)
    static void gemm(boolean transA, boolean transB, int m, int n, int k, float alpha,
                     float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                     float[] c, int cOff, int ldc) {
        if (transB && !transA) {
            dotRows(m, n, k, alpha, a, aOff, lda, b, bOff, ldb, c, cOff, ldc);
            return;
        }
        float[] ap = new float[Math.min(KC, k)];
        for (int pc = 0; pc < k; pc += KC) {
            int kc = Math.min(KC, k - pc);
            for (int i = 0; i < m; i++) {
                // ap[p] = alpha * opA[i, pc + p]
                for (int p = 0; p < kc; p++) {
                    ap[p] = alpha * (transA ? a[aOff + (pc + p) * lda + i] : a[aOff + i * lda + pc + p]);
                }
                if (transB) {
                    for (int j = 0; j < n; j++) {
                        int br = bOff + j * ldb + pc;
                        float s = 0f;
                        for (int p = 0; p < kc; p++) s += ap[p] * b[br + p];
                        c[cOff + i * ldc + j] += s;
                    }
                } else {
                    row(kc, n, ap, b, bOff + pc * ldb, ldb, c, cOff + i * ldc);
                }
            }
        }
    }

    // C[i, j] += alpha * dot(A[i, :], B[j, :]): both rows are contiguous in K
    private static void dotRows(int m, int n, int k, float alpha, float[] a, int aOff, int lda,
                                float[] b, int bOff, int ldb, float[] c, int cOff, int ldc) {
        int kv = k - k % V;
        for (int i = 0; i < m; i++) {
            int ar = aOff + i * lda;
            for (int j = 0; j < n; j++) {
                int br = bOff + j * ldb;
                FloatVector acc = FloatVector.zero(S);
                int p = 0;
                for (; p < kv; p += V) {
                    acc = FloatVector.fromArray(S, a, ar + p).fma(FloatVector.fromArray(S, b, br + p), acc);
                }
                float sum = VectorMath.sumLanes(acc);
                for (; p < k; p++) sum += a[ar + p] * b[br + p];
                c[cOff + i * ldc + j] += alpha * sum;
            }
        }
    }

    // C[0, 0:n] += ap(kc)^T * B(kc, n), B rows ldb apart
    private static void row(int kc, int n, float[] ap, float[] b, int bo, int ldb, float[] c, int co) {
        int j = 0;
        for (; j + 4 * V <= n; j += 4 * V) {
            FloatVector c0 = FloatVector.zero(S), c1 = c0, c2 = c0, c3 = c0;
            for (int p = 0; p < kc; p++) {
                int o = bo + p * ldb + j;
                FloatVector x = FloatVector.broadcast(S, ap[p]);
                c0 = FloatVector.fromArray(S, b, o).fma(x, c0);
                c1 = FloatVector.fromArray(S, b, o + V).fma(x, c1);
                c2 = FloatVector.fromArray(S, b, o + 2 * V).fma(x, c2);
                c3 = FloatVector.fromArray(S, b, o + 3 * V).fma(x, c3);
            }
            FloatVector.fromArray(S, c, co + j).add(c0).intoArray(c, co + j);
            FloatVector.fromArray(S, c, co + j + V).add(c1).intoArray(c, co + j + V);
            FloatVector.fromArray(S, c, co + j + 2 * V).add(c2).intoArray(c, co + j + 2 * V);
            FloatVector.fromArray(S, c, co + j + 3 * V).add(c3).intoArray(c, co + j + 3 * V);
        }
        for (; j + V <= n; j += V) {
            FloatVector c0 = FloatVector.zero(S);
            for (int p = 0; p < kc; p++) {
                c0 = FloatVector.fromArray(S, b, bo + p * ldb + j).fma(FloatVector.broadcast(S, ap[p]), c0);
            }
            FloatVector.fromArray(S, c, co + j).add(c0).intoArray(c, co + j);
        }
        for (; j < n; j++) {
            float s = 0f;
            for (int p = 0; p < kc; p++) s += ap[p] * b[bo + p * ldb + j];
            c[co + j] += s;
        }
    }
}
