package dev.kiln.ops.linalg;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Blocked float32 GEMM on the Vector API, in the BLIS loop order. For each (KC, NC) block of
 * op(B), packed into NR-column panels, and each (MC, KC) block of op(A), packed into MR-row
 * panels with alpha folded in, a register-tiled micro-kernel computes an (MR, NR) tile of C with
 * all its accumulators in registers: per k it loads NV vectors of B, broadcasts each of the MR
 * values of A and issues MR * NV fused multiply-adds. Tiles at the bottom and right edges are
 * computed into a small buffer (the packed panels are zero-padded) and copied into C.
 *
 * <p>Transposed operands are handled by the packing, never by copying the matrix. Problems with
 * fewer than MR rows skip the packing of B ({@link SmallSgemm}): there it would cost as much as
 * the product itself. The pack buffers are per thread and reused across calls.
 */
final class VectorSgemm implements SgemmKernel {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int V = S.length();
    /**
     * The micro-tile is MR rows by NV vectors. Its MR * NV accumulators, NV vectors of B and the MR
     * broadcasts of A (C2 loads them all ahead) must fit the vector registers, or accumulators spill
     * to the stack and the tile runs at half speed: with 32 registers (AVX-512) 6 x 4 fits, with
     * 16 (AVX2) 4 x 2 does (6 x 2 already spills on JDK 25).
     */
    static final int MR = V >= 16 ? 6 : 4;
    /** Vectors per micro-tile row. */
    static final int NV = V >= 16 ? 4 : 2;
    /** Columns of a micro-tile. */
    static final int NR = NV * V;
    /** Depth of a block: a (KC, NR) panel of B stays in L1 while every panel of A passes by. */
    private static final int KC = 256;
    /** Rows of a block of A; the packed (MC, KC) block stays in L2 (480 KiB with AVX-512). */
    private static final int MC = V >= 16 ? 480 : 144;
    /** Columns of a block of B; the packed (KC, NC) block stays in L3. */
    private static final int NC = 1024;

    private static final ThreadLocal<Buffers> BUFFERS = ThreadLocal.withInitial(Buffers::new);

    /** The per-thread pack buffers: a block of A, a block of B and one edge tile. */
    private static final class Buffers {
        final float[] a = new float[MC * KC];
        final float[] b = new float[KC * ceil(NC, NR) * NR];
        final float[] tile = new float[MR * NR];
    }

    @Override
    public String name() { return "vector-" + S.vectorBitSize() + " " + MR + "x" + NR; }

    @Override
    public void gemm(boolean transA, boolean transB, int m, int n, int k, float alpha,
                     float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                     float beta, float[] c, int cOff, int ldc) {
        if (m == 0 || n == 0) return;
        if (k == 0 || alpha == 0f) {
            SgemmKernel.scale(m, n, beta, c, cOff, ldc);
            return;
        }
        if (m < MR) {
            SgemmKernel.scale(m, n, beta, c, cOff, ldc);
            SmallSgemm.gemm(transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, c, cOff, ldc);
            return;
        }
        // beta == 0: the first depth block stores into C without reading it (NaN there is dropped)
        if (beta != 0f) SgemmKernel.scale(m, n, beta, c, cOff, ldc);
        Buffers buf = BUFFERS.get();
        for (int jc = 0; jc < n; jc += NC) {
            int nc = Math.min(NC, n - jc);
            for (int pc = 0; pc < k; pc += KC) {
                int kc = Math.min(KC, k - pc);
                boolean store = beta == 0f && pc == 0;
                packB(transB, b, bOff, ldb, pc, kc, jc, nc, buf.b);
                for (int ic = 0; ic < m; ic += MC) {
                    int mc = Math.min(MC, m - ic);
                    packA(transA, a, aOff, lda, ic, mc, pc, kc, alpha, buf.a);
                    block(kc, mc, nc, buf, c, cOff + ic * ldc + jc, ldc, store);
                }
            }
        }
    }

    // C[0:mc, 0:nc] (+)= packed A (mc, kc) * packed B (kc, nc)
    private static void block(int kc, int mc, int nc, Buffers buf, float[] c, int co, int ldc,
                              boolean store) {
        float[] ap = buf.a, bp = buf.b, tile = buf.tile;
        for (int jr = 0; jr < nc; jr += NR) {
            int nr = Math.min(NR, nc - jr);
            int bo = jr * kc;
            for (int ir = 0; ir < mc; ir += MR) {
                int mr = Math.min(MR, mc - ir);
                int ao = ir * kc;
                int cij = co + ir * ldc + jr;
                if (mr == MR && nr == NR) {
                    tile(kc, ap, ao, bp, bo, c, cij, ldc, store);
                } else {
                    tile(kc, ap, ao, bp, bo, tile, 0, NR, true);
                    for (int r = 0; r < mr; r++) {
                        int row = cij + r * ldc;
                        for (int j = 0; j < nr; j++) {
                            c[row + j] = store ? tile[r * NR + j] : c[row + j] + tile[r * NR + j];
                        }
                    }
                }
            }
        }
    }

    private static void tile(int kc, float[] ap, int ao, float[] bp, int bo, float[] c, int co,
                             int ldc, boolean store) {
        if (MR == 6) tile6x4(kc, ap, ao, bp, bo, c, co, ldc, store);
        else tile4x2(kc, ap, ao, bp, bo, c, co, ldc, store);
    }

    // C[0:6, 0:4V] (+)= ap[p * 6 + r] * bp[p * 4V + j] summed over p < kc
    private static void tile6x4(int kc, float[] ap, int ao, float[] bp, int bo, float[] c, int co,
                                int ldc, boolean store) {
        FloatVector c00 = FloatVector.zero(S), c01 = c00, c02 = c00, c03 = c00;
        FloatVector c10 = c00, c11 = c00, c12 = c00, c13 = c00;
        FloatVector c20 = c00, c21 = c00, c22 = c00, c23 = c00;
        FloatVector c30 = c00, c31 = c00, c32 = c00, c33 = c00;
        FloatVector c40 = c00, c41 = c00, c42 = c00, c43 = c00;
        FloatVector c50 = c00, c51 = c00, c52 = c00, c53 = c00;
        for (int p = 0; p < kc; p++) {
            int b = bo + p * 4 * V;
            FloatVector b0 = FloatVector.fromArray(S, bp, b);
            FloatVector b1 = FloatVector.fromArray(S, bp, b + V);
            FloatVector b2 = FloatVector.fromArray(S, bp, b + 2 * V);
            FloatVector b3 = FloatVector.fromArray(S, bp, b + 3 * V);
            int a = ao + p * MR;
            FloatVector x = FloatVector.broadcast(S, ap[a]);
            c00 = b0.fma(x, c00); c01 = b1.fma(x, c01); c02 = b2.fma(x, c02); c03 = b3.fma(x, c03);
            x = FloatVector.broadcast(S, ap[a + 1]);
            c10 = b0.fma(x, c10); c11 = b1.fma(x, c11); c12 = b2.fma(x, c12); c13 = b3.fma(x, c13);
            x = FloatVector.broadcast(S, ap[a + 2]);
            c20 = b0.fma(x, c20); c21 = b1.fma(x, c21); c22 = b2.fma(x, c22); c23 = b3.fma(x, c23);
            x = FloatVector.broadcast(S, ap[a + 3]);
            c30 = b0.fma(x, c30); c31 = b1.fma(x, c31); c32 = b2.fma(x, c32); c33 = b3.fma(x, c33);
            x = FloatVector.broadcast(S, ap[a + 4]);
            c40 = b0.fma(x, c40); c41 = b1.fma(x, c41); c42 = b2.fma(x, c42); c43 = b3.fma(x, c43);
            x = FloatVector.broadcast(S, ap[a + 5]);
            c50 = b0.fma(x, c50); c51 = b1.fma(x, c51); c52 = b2.fma(x, c52); c53 = b3.fma(x, c53);
        }
        put(c, co, store, c00, c01, c02, c03);
        put(c, co + ldc, store, c10, c11, c12, c13);
        put(c, co + 2 * ldc, store, c20, c21, c22, c23);
        put(c, co + 3 * ldc, store, c30, c31, c32, c33);
        put(c, co + 4 * ldc, store, c40, c41, c42, c43);
        put(c, co + 5 * ldc, store, c50, c51, c52, c53);
    }

    // C[0:4, 0:2V] (+)= ap[p * 4 + r] * bp[p * 2V + j] summed over p < kc
    private static void tile4x2(int kc, float[] ap, int ao, float[] bp, int bo, float[] c, int co,
                                int ldc, boolean store) {
        FloatVector c00 = FloatVector.zero(S), c01 = c00;
        FloatVector c10 = c00, c11 = c00;
        FloatVector c20 = c00, c21 = c00;
        FloatVector c30 = c00, c31 = c00;
        for (int p = 0; p < kc; p++) {
            int b = bo + p * 2 * V;
            FloatVector b0 = FloatVector.fromArray(S, bp, b);
            FloatVector b1 = FloatVector.fromArray(S, bp, b + V);
            int a = ao + p * 4;
            FloatVector x = FloatVector.broadcast(S, ap[a]);
            c00 = b0.fma(x, c00); c01 = b1.fma(x, c01);
            x = FloatVector.broadcast(S, ap[a + 1]);
            c10 = b0.fma(x, c10); c11 = b1.fma(x, c11);
            x = FloatVector.broadcast(S, ap[a + 2]);
            c20 = b0.fma(x, c20); c21 = b1.fma(x, c21);
            x = FloatVector.broadcast(S, ap[a + 3]);
            c30 = b0.fma(x, c30); c31 = b1.fma(x, c31);
        }
        put(c, co, store, c00, c01);
        put(c, co + ldc, store, c10, c11);
        put(c, co + 2 * ldc, store, c20, c21);
        put(c, co + 3 * ldc, store, c30, c31);
    }

    private static void put(float[] c, int off, boolean store, FloatVector v0, FloatVector v1) {
        put(c, off, store, v0);
        put(c, off + V, store, v1);
    }

    private static void put(float[] c, int off, boolean store, FloatVector v0, FloatVector v1,
                            FloatVector v2, FloatVector v3) {
        put(c, off, store, v0);
        put(c, off + V, store, v1);
        put(c, off + 2 * V, store, v2);
        put(c, off + 3 * V, store, v3);
    }

    private static void put(float[] c, int off, boolean store, FloatVector v) {
        (store ? v : FloatVector.fromArray(S, c, off).add(v)).intoArray(c, off);
    }

    /**
     * Packs op(A)[ic:ic+mc, pc:pc+kc] times alpha into MR-row panels: panel q holds
     * {@code ap[q * MR * kc + p * MR + r] = alpha * opA[ic + q * MR + r, pc + p]}, rows past mc zero.
     */
    private static void packA(boolean transA, float[] a, int aOff, int lda, int ic, int mc,
                              int pc, int kc, float alpha, float[] ap) {
        for (int ir = 0; ir < mc; ir += MR) {
            int mr = Math.min(MR, mc - ir);
            int dst = ir * kc;
            if (transA) {
                // A stored (K, M): the MR values of one k are adjacent
                for (int p = 0; p < kc; p++) {
                    int src = aOff + (pc + p) * lda + ic + ir;
                    int d = dst + p * MR;
                    for (int r = 0; r < mr; r++) ap[d + r] = alpha * a[src + r];
                    for (int r = mr; r < MR; r++) ap[d + r] = 0f;
                }
            } else if (mr == MR) {
                // MR rows read side by side, each sequentially
                for (int r = 0; r < MR; r++) {
                    int s = aOff + (ic + ir + r) * lda + pc;
                    for (int p = 0; p < kc; p++) ap[dst + p * MR + r] = alpha * a[s + p];
                }
            } else {
                for (int r = 0; r < MR; r++) {
                    int s = aOff + (ic + ir + r) * lda + pc;
                    for (int p = 0; p < kc; p++) ap[dst + p * MR + r] = r < mr ? alpha * a[s + p] : 0f;
                }
            }
        }
    }

    /**
     * Packs op(B)[pc:pc+kc, jc:jc+nc] into NR-column panels: panel q holds
     * {@code bp[q * NR * kc + p * NR + j] = opB[pc + p, jc + q * NR + j]}, columns past nc zero.
     */
    private static void packB(boolean transB, float[] b, int bOff, int ldb, int pc, int kc,
                              int jc, int nc, float[] bp) {
        for (int jr = 0; jr < nc; jr += NR) {
            int nr = Math.min(NR, nc - jr);
            int dst = jr * kc;
            if (transB) {
                // B stored (N, K): column j of op(B) is row j of B, contiguous in k
                if (nr < NR) java.util.Arrays.fill(bp, dst, dst + kc * NR, 0f);
                for (int j = 0; j < nr; j++) {
                    int src = bOff + (jc + jr + j) * ldb + pc;
                    for (int p = 0; p < kc; p++) bp[dst + p * NR + j] = b[src + p];
                }
            } else if (nr == NR) {
                for (int p = 0; p < kc; p++) {
                    int src = bOff + (pc + p) * ldb + jc + jr;
                    int d = dst + p * NR;
                    for (int v = 0; v < NR; v += V) FloatVector.fromArray(S, b, src + v).intoArray(bp, d + v);
                }
            } else {
                for (int p = 0; p < kc; p++) {
                    int src = bOff + (pc + p) * ldb + jc + jr;
                    int d = dst + p * NR;
                    System.arraycopy(b, src, bp, d, nr);
                    java.util.Arrays.fill(bp, d + nr, d + NR, 0f);
                }
            }
        }
    }

    private static int ceil(int x, int y) { return (x + y - 1) / y; }
}
