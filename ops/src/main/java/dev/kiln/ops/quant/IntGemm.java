package dev.kiln.ops.quant;

import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * int32 GEMM on the Vector API for MatMulInteger: {@code C(M, N) = A(M, K) @ B(K, N)}, row-major,
 * with int arithmetic (wrapping like int32). Rows of A are packed four at a time and a
 * register-tiled micro-kernel computes 4 rows by 2 vectors of C per step, streaming rows of B.
 * {@link QMatMul#multiply(double[], dev.kiln.runtime.tensor.Shape, double[], dev.kiln.runtime.tensor.Shape)}
 * is the scalar reference it is tested against.
 */
final class IntGemm {
    private static final VectorSpecies<Integer> S = IntVector.SPECIES_PREFERRED;
    private static final int V = S.length();
    private static final int MR = 4;

    private IntGemm() {}

    // c[co:, :] = a[ao:, :] @ b[bo:, :]; a: (m, k), b: (k, n), c: (m, n), c zero on entry
    static void gemm(int m, int n, int k, int[] a, int ao, int[] b, int bo, int[] c, int co) {
        int[] packed = new int[MR * k];
        int i = 0;
        for (; i + MR <= m; i += MR) {
            // packed[p * 4 + r] = a[i + r, p]
            for (int r = 0; r < MR; r++) {
                int src = ao + (i + r) * k;
                for (int p = 0; p < k; p++) packed[p * MR + r] = a[src + p];
            }
            kernel4(n, k, packed, b, bo, c, co + i * n);
        }
        for (; i < m; i++) kernel1(n, k, a, ao + i * k, b, bo, c, co + i * n);
    }

    // c[0:4, :] = packed(k, 4)^T @ b(k, n)
    private static void kernel4(int n, int k, int[] ap, int[] b, int bo, int[] c, int co) {
        int j = 0;
        for (; j + 2 * V <= n; j += 2 * V) {
            IntVector c00 = IntVector.zero(S), c01 = IntVector.zero(S);
            IntVector c10 = IntVector.zero(S), c11 = IntVector.zero(S);
            IntVector c20 = IntVector.zero(S), c21 = IntVector.zero(S);
            IntVector c30 = IntVector.zero(S), c31 = IntVector.zero(S);
            for (int p = 0; p < k; p++) {
                int row = bo + p * n + j;
                IntVector b0 = IntVector.fromArray(S, b, row);
                IntVector b1 = IntVector.fromArray(S, b, row + V);
                int pa = p * MR;
                c00 = c00.add(b0.mul(ap[pa]));
                c01 = c01.add(b1.mul(ap[pa]));
                c10 = c10.add(b0.mul(ap[pa + 1]));
                c11 = c11.add(b1.mul(ap[pa + 1]));
                c20 = c20.add(b0.mul(ap[pa + 2]));
                c21 = c21.add(b1.mul(ap[pa + 2]));
                c30 = c30.add(b0.mul(ap[pa + 3]));
                c31 = c31.add(b1.mul(ap[pa + 3]));
            }
            c00.intoArray(c, co + j);
            c01.intoArray(c, co + j + V);
            c10.intoArray(c, co + n + j);
            c11.intoArray(c, co + n + j + V);
            c20.intoArray(c, co + 2 * n + j);
            c21.intoArray(c, co + 2 * n + j + V);
            c30.intoArray(c, co + 3 * n + j);
            c31.intoArray(c, co + 3 * n + j + V);
        }
        for (; j < n; j++) {
            int s0 = 0, s1 = 0, s2 = 0, s3 = 0;
            for (int p = 0; p < k; p++) {
                int bv = b[bo + p * n + j];
                int pa = p * MR;
                s0 += ap[pa] * bv;
                s1 += ap[pa + 1] * bv;
                s2 += ap[pa + 2] * bv;
                s3 += ap[pa + 3] * bv;
            }
            c[co + j] = s0;
            c[co + n + j] = s1;
            c[co + 2 * n + j] = s2;
            c[co + 3 * n + j] = s3;
        }
    }

    // c[0, :] = a[ar:ar+k] @ b(k, n)
    private static void kernel1(int n, int k, int[] a, int ar, int[] b, int bo, int[] c, int co) {
        int j = 0;
        for (; j + V <= n; j += V) {
            IntVector acc = IntVector.zero(S);
            for (int p = 0; p < k; p++) acc = acc.add(IntVector.fromArray(S, b, bo + p * n + j).mul(a[ar + p]));
            acc.intoArray(c, co + j);
        }
        for (; j < n; j++) {
            int s = 0;
            for (int p = 0; p < k; p++) s += a[ar + p] * b[bo + p * n + j];
            c[co + j] = s;
        }
    }
}
