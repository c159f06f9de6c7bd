package dev.kiln.ops.linalg;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Blocked float32 GEMM on the Vector API. C is processed in column blocks of {@link #NC} and
 * depth blocks of {@link #KC}; inside a block a 4-row strip of op(A) is packed (alpha folded in)
 * and a register-tiled micro-kernel computes 4 rows by 2 vectors of C per step, streaming rows of
 * op(B). op(B) is read in place when it is not transposed, else a (KC, NC) panel is packed first.
 */
final class VectorSgemm implements SgemmKernel {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int V = S.length();
    private static final int MR = 4;
    private static final int KC = 256;
    private static final int NC = 256;
    /** With B transposed and at most this many rows of A, dot products beat packing B. */
    private static final int DOT_ROWS = 8;

    @Override
    public String name() { return "vector-" + S.vectorBitSize(); }

    @Override
    public void gemm(boolean transA, boolean transB, int m, int n, int k, float alpha,
                     float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                     float beta, float[] c, int cOff, int ldc) {
        SgemmKernel.scale(m, n, beta, c, cOff, ldc);
        if (m == 0 || n == 0 || k == 0 || alpha == 0f) return;
        if (transB && !transA && m <= DOT_ROWS) {
            dotRows(m, n, k, alpha, a, aOff, lda, b, bOff, ldb, c, cOff, ldc);
            return;
        }
        float[] packA = new float[MR * Math.min(KC, k)];
        float[] packB = transB ? new float[Math.min(KC, k) * Math.min(NC, n)] : null;
        for (int jc = 0; jc < n; jc += NC) {
            int nc = Math.min(NC, n - jc);
            for (int pc = 0; pc < k; pc += KC) {
                int kc = Math.min(KC, k - pc);
                float[] bp;
                int bpOff;
                int bs;
                if (transB) {
                    // packB: (kc, nc) = B[jc:jc+nc, pc:pc+kc]^T
                    for (int p = 0; p < kc; p++) {
                        int src = bOff + jc * ldb + pc + p;
                        int dst = p * nc;
                        for (int j = 0; j < nc; j++, src += ldb) packB[dst + j] = b[src];
                    }
                    bp = packB;
                    bpOff = 0;
                    bs = nc;
                } else {
                    bp = b;
                    bpOff = bOff + pc * ldb + jc;
                    bs = ldb;
                }
                int i = 0;
                for (; i + MR <= m; i += MR) {
                    packA(transA, a, aOff, lda, i, MR, pc, kc, alpha, packA);
                    kernel4(kc, nc, packA, bp, bpOff, bs, c, cOff + i * ldc + jc, ldc);
                }
                for (; i < m; i++) {
                    packA(transA, a, aOff, lda, i, 1, pc, kc, alpha, packA);
                    kernel1(kc, nc, packA, bp, bpOff, bs, c, cOff + i * ldc + jc);
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
                float sum = acc.reduceLanes(VectorOperators.ADD);
                for (; p < k; p++) sum += a[ar + p] * b[br + p];
                c[cOff + i * ldc + j] += alpha * sum;
            }
        }
    }

    // ap[p * rows + r] = alpha * opA[i + r, pc + p]
    private static void packA(boolean transA, float[] a, int aOff, int lda, int i, int rows,
                              int pc, int kc, float alpha, float[] ap) {
        for (int r = 0; r < rows; r++) {
            if (transA) {
                int src = aOff + pc * lda + i + r;
                for (int p = 0; p < kc; p++) ap[p * rows + r] = alpha * a[src + p * lda];
            } else {
                int src = aOff + (i + r) * lda + pc;
                for (int p = 0; p < kc; p++) ap[p * rows + r] = alpha * a[src + p];
            }
        }
    }

    // C[0:4, 0:nc] += ap(kc, 4)^T * bp(kc, nc)
    private static void kernel4(int kc, int nc, float[] ap, float[] bp, int bpOff, int bs,
                                float[] c, int co, int ldc) {
        int j = 0;
        for (; j + 2 * V <= nc; j += 2 * V) {
            FloatVector c00 = FloatVector.zero(S), c01 = FloatVector.zero(S);
            FloatVector c10 = FloatVector.zero(S), c11 = FloatVector.zero(S);
            FloatVector c20 = FloatVector.zero(S), c21 = FloatVector.zero(S);
            FloatVector c30 = FloatVector.zero(S), c31 = FloatVector.zero(S);
            for (int p = 0; p < kc; p++) {
                int bo = bpOff + p * bs + j;
                FloatVector b0 = FloatVector.fromArray(S, bp, bo);
                FloatVector b1 = FloatVector.fromArray(S, bp, bo + V);
                int ao = p * MR;
                FloatVector a0 = FloatVector.broadcast(S, ap[ao]);
                c00 = b0.fma(a0, c00);
                c01 = b1.fma(a0, c01);
                FloatVector a1 = FloatVector.broadcast(S, ap[ao + 1]);
                c10 = b0.fma(a1, c10);
                c11 = b1.fma(a1, c11);
                FloatVector a2 = FloatVector.broadcast(S, ap[ao + 2]);
                c20 = b0.fma(a2, c20);
                c21 = b1.fma(a2, c21);
                FloatVector a3 = FloatVector.broadcast(S, ap[ao + 3]);
                c30 = b0.fma(a3, c30);
                c31 = b1.fma(a3, c31);
            }
            addInto(c, co + j, c00, c01);
            addInto(c, co + ldc + j, c10, c11);
            addInto(c, co + 2 * ldc + j, c20, c21);
            addInto(c, co + 3 * ldc + j, c30, c31);
        }
        for (; j + V <= nc; j += V) {
            FloatVector c0 = FloatVector.zero(S), c1 = FloatVector.zero(S);
            FloatVector c2 = FloatVector.zero(S), c3 = FloatVector.zero(S);
            for (int p = 0; p < kc; p++) {
                FloatVector bv = FloatVector.fromArray(S, bp, bpOff + p * bs + j);
                int ao = p * MR;
                c0 = bv.fma(FloatVector.broadcast(S, ap[ao]), c0);
                c1 = bv.fma(FloatVector.broadcast(S, ap[ao + 1]), c1);
                c2 = bv.fma(FloatVector.broadcast(S, ap[ao + 2]), c2);
                c3 = bv.fma(FloatVector.broadcast(S, ap[ao + 3]), c3);
            }
            FloatVector.fromArray(S, c, co + j).add(c0).intoArray(c, co + j);
            FloatVector.fromArray(S, c, co + ldc + j).add(c1).intoArray(c, co + ldc + j);
            FloatVector.fromArray(S, c, co + 2 * ldc + j).add(c2).intoArray(c, co + 2 * ldc + j);
            FloatVector.fromArray(S, c, co + 3 * ldc + j).add(c3).intoArray(c, co + 3 * ldc + j);
        }
        for (; j < nc; j++) {
            float s0 = 0f, s1 = 0f, s2 = 0f, s3 = 0f;
            for (int p = 0; p < kc; p++) {
                float bv = bp[bpOff + p * bs + j];
                int ao = p * MR;
                s0 += ap[ao] * bv;
                s1 += ap[ao + 1] * bv;
                s2 += ap[ao + 2] * bv;
                s3 += ap[ao + 3] * bv;
            }
            c[co + j] += s0;
            c[co + ldc + j] += s1;
            c[co + 2 * ldc + j] += s2;
            c[co + 3 * ldc + j] += s3;
        }
    }

    // C[0, 0:nc] += ap(kc)^T * bp(kc, nc)
    private static void kernel1(int kc, int nc, float[] ap, float[] bp, int bpOff, int bs,
                                float[] c, int co) {
        int j = 0;
        for (; j + 2 * V <= nc; j += 2 * V) {
            FloatVector c0 = FloatVector.zero(S), c1 = FloatVector.zero(S);
            for (int p = 0; p < kc; p++) {
                int bo = bpOff + p * bs + j;
                FloatVector av = FloatVector.broadcast(S, ap[p]);
                c0 = FloatVector.fromArray(S, bp, bo).fma(av, c0);
                c1 = FloatVector.fromArray(S, bp, bo + V).fma(av, c1);
            }
            addInto(c, co + j, c0, c1);
        }
        for (; j + V <= nc; j += V) {
            FloatVector c0 = FloatVector.zero(S);
            for (int p = 0; p < kc; p++) {
                c0 = FloatVector.fromArray(S, bp, bpOff + p * bs + j)
                        .fma(FloatVector.broadcast(S, ap[p]), c0);
            }
            FloatVector.fromArray(S, c, co + j).add(c0).intoArray(c, co + j);
        }
        for (; j < nc; j++) {
            float s = 0f;
            for (int p = 0; p < kc; p++) s += ap[p] * bp[bpOff + p * bs + j];
            c[co + j] += s;
        }
    }

    private static void addInto(float[] c, int off, FloatVector v0, FloatVector v1) {
        FloatVector.fromArray(S, c, off).add(v0).intoArray(c, off);
        FloatVector.fromArray(S, c, off + V).add(v1).intoArray(c, off + V);
    }
}
