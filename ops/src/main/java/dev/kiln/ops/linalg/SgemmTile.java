package dev.kiln.ops.linalg;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The register-tiled micro-kernel of {@link VectorSgemm}: {@code C[0:MR, 0:NR] (+)= A * B} over a
 * depth of kc from packed panels, {@code ap[ao + p * MR + r]} and {@code bp[bo + p * NR + j]}, with
 * every accumulator in a register. Per k it loads the NR / V vectors of B, broadcasts each of the
 * MR values of A and issues one fused multiply-add per accumulator. With {@code store} the tile
 * overwrites C, else it adds to it.
 *
 * <p>The accumulators, the vectors of B and the MR broadcasts of A (C2 loads them all ahead) must
 * fit the vector registers, or accumulators spill to the stack and the tile runs at half speed:
 * with 16 registers (AVX2) 4 rows by 2 vectors fit (6 by 2 already spills on JDK 25), with 32
 * (AVX-512) 6 rows by 4 vectors do.
 */
interface SgemmTile {
    /** Rows of the tile (MR). */
    int rows();

    /** Columns of the tile (NR). */
    int cols();

    /** The width of the vectors, in bits. */
    int bits();

    void compute(int kc, float[] ap, int ao, float[] bp, int bo, float[] c, int co, int ldc, boolean store);

    /**
     * {@link #compute} with B read in place: its row p is {@code b[rowOff[ro + p] + col ...]}, NR
     * floats, all inside {@code b}.
     */
    void computeRows(int kc, float[] ap, int ao, float[] b, int[] rowOff, int ro, int col, float[] c, int co, int ldc,
                     boolean store);

    /** {@link SgemmPack#packA} with this tile's rows, into {@code ap} from {@code apOff}. */
    void packA(boolean transA, float[] a, int aOff, int lda, int ic, int rows, int pc, int kc, float alpha, float[] ap,
               int apOff);

    /** {@link SgemmPack#packB} with this tile's columns. */
    void packB(boolean transB, float[] b, int bOff, int ldb, int pc, int kc, int jc, int cols, float[] bp);

    /** 4 rows by 2 preferred vectors (4 x 16 floats with AVX2), for 16 vector registers. */
    final class Narrow implements SgemmTile {
        private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
        private static final int V = S.length();

        @Override public int rows() { return 4; }

        @Override public int cols() { return 2 * V; }

        @Override public int bits() { return S.vectorBitSize(); }

        @Override
        public void packA(boolean transA, float[] a, int aOff, int lda, int ic, int rows, int pc, int kc,
                          float alpha, float[] ap, int apOff) {
            SgemmPack.packA(4, transA, a, aOff, lda, ic, rows, pc, kc, alpha, ap, apOff);
        }

        @Override
        public void packB(boolean transB, float[] b, int bOff, int ldb, int pc, int kc, int jc, int cols, float[] bp) {
            SgemmPack.packB(2 * V, transB, b, bOff, ldb, pc, kc, jc, cols, bp);
        }

        // C[0:4, 0:2V] (+)= ap[p * 4 + r] * bp[p * 2V + j] summed over p < kc
        @Override
        public void compute(int kc, float[] ap, int ao, float[] bp, int bo, float[] c, int co,
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

        /**
         * {@link #compute} with A read in place instead of from a packed panel: row r of the
         * tile at depth p is {@code a[aOff + r * lda + p]}. Saves packing A when it would be used
         * for only a few panels of B (an attention head's products).
         */
        // C[0:4, 0:2V] (+)= a[aOff + r * lda + p] * bp[p * 2V + j] summed over p < kc
        public void computeA(int kc, float[] a, int aOff, int lda, float[] bp, int bo, float[] c, int co, int ldc,
                             boolean store) {
            FloatVector c00 = FloatVector.zero(S), c01 = c00;
            FloatVector c10 = c00, c11 = c00;
            FloatVector c20 = c00, c21 = c00;
            FloatVector c30 = c00, c31 = c00;
            int a1 = aOff + lda, a2 = a1 + lda, a3 = a2 + lda;
            for (int p = 0; p < kc; p++) {
                int b = bo + p * 2 * V;
                FloatVector b0 = FloatVector.fromArray(S, bp, b);
                FloatVector b1 = FloatVector.fromArray(S, bp, b + V);
                FloatVector x = FloatVector.broadcast(S, a[aOff + p]);
                c00 = b0.fma(x, c00); c01 = b1.fma(x, c01);
                x = FloatVector.broadcast(S, a[a1 + p]);
                c10 = b0.fma(x, c10); c11 = b1.fma(x, c11);
                x = FloatVector.broadcast(S, a[a2 + p]);
                c20 = b0.fma(x, c20); c21 = b1.fma(x, c21);
                x = FloatVector.broadcast(S, a[a3 + p]);
                c30 = b0.fma(x, c30); c31 = b1.fma(x, c31);
            }
            put(c, co, store, c00, c01);
            put(c, co + ldc, store, c10, c11);
            put(c, co + 2 * ldc, store, c20, c21);
            put(c, co + 3 * ldc, store, c30, c31);
        }

        // C[0:4, 0:2V] (+)= ap[p * 4 + r] * b[rowOff[ro + p] + col + j] summed over p < kc
        @Override
        public void computeRows(int kc, float[] ap, int ao, float[] bs, int[] rowOff, int ro, int col, float[] c,
                                int co, int ldc, boolean store) {
            FloatVector c00 = FloatVector.zero(S), c01 = c00;
            FloatVector c10 = c00, c11 = c00;
            FloatVector c20 = c00, c21 = c00;
            FloatVector c30 = c00, c31 = c00;
            for (int p = 0; p < kc; p++) {
                int b = rowOff[ro + p] + col;
                FloatVector b0 = FloatVector.fromArray(S, bs, b);
                FloatVector b1 = FloatVector.fromArray(S, bs, b + V);
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

        private static void put(float[] c, int off, boolean store, FloatVector v) {
            // two branches, not a conditional expression: a vector chosen by a branch that went both
            // ways is boxed on the heap by C2
            if (store) {
                v.intoArray(c, off);
            } else {
                FloatVector.fromArray(S, c, off).add(v).intoArray(c, off);
            }
        }
    }

    /** 6 rows by 4 vectors of 16 floats (512 bits), for 32 vector registers (AVX-512). */
    final class Wide implements SgemmTile {
        private static final VectorSpecies<Float> S = FloatVector.SPECIES_512;
        private static final int V = S.length();

        @Override public int rows() { return 6; }

        @Override public int cols() { return 4 * V; }

        @Override public int bits() { return S.vectorBitSize(); }

        @Override
        public void packA(boolean transA, float[] a, int aOff, int lda, int ic, int rows, int pc, int kc,
                          float alpha, float[] ap, int apOff) {
            SgemmPack.packA(6, transA, a, aOff, lda, ic, rows, pc, kc, alpha, ap, apOff);
        }

        @Override
        public void packB(boolean transB, float[] b, int bOff, int ldb, int pc, int kc, int jc, int cols, float[] bp) {
            SgemmPack.packB(4 * V, transB, b, bOff, ldb, pc, kc, jc, cols, bp);
        }

        // C[0:6, 0:64] (+)= ap[p * 6 + r] * bp[p * 64 + j] summed over p < kc
        @Override
        public void compute(int kc, float[] ap, int ao, float[] bp, int bo, float[] c, int co,
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
                int a = ao + p * 6;
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

        // C[0:6, 0:64] (+)= ap[p * 6 + r] * b[rowOff[ro + p] + col + j] summed over p < kc
        @Override
        public void computeRows(int kc, float[] ap, int ao, float[] bs, int[] rowOff, int ro, int col, float[] c,
                                int co, int ldc, boolean store) {
            FloatVector c00 = FloatVector.zero(S), c01 = c00, c02 = c00, c03 = c00;
            FloatVector c10 = c00, c11 = c00, c12 = c00, c13 = c00;
            FloatVector c20 = c00, c21 = c00, c22 = c00, c23 = c00;
            FloatVector c30 = c00, c31 = c00, c32 = c00, c33 = c00;
            FloatVector c40 = c00, c41 = c00, c42 = c00, c43 = c00;
            FloatVector c50 = c00, c51 = c00, c52 = c00, c53 = c00;
            for (int p = 0; p < kc; p++) {
                int b = rowOff[ro + p] + col;
                FloatVector b0 = FloatVector.fromArray(S, bs, b);
                FloatVector b1 = FloatVector.fromArray(S, bs, b + V);
                FloatVector b2 = FloatVector.fromArray(S, bs, b + 2 * V);
                FloatVector b3 = FloatVector.fromArray(S, bs, b + 3 * V);
                int a = ao + p * 6;
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

        private static void put(float[] c, int off, boolean store, FloatVector v0, FloatVector v1,
                                FloatVector v2, FloatVector v3) {
            put(c, off, store, v0);
            put(c, off + V, store, v1);
            put(c, off + 2 * V, store, v2);
            put(c, off + 3 * V, store, v3);
        }

        private static void put(float[] c, int off, boolean store, FloatVector v) {
            // two branches, not a conditional expression: a vector chosen by a branch that went both
            // ways is boxed on the heap by C2
            if (store) {
                v.intoArray(c, off);
            } else {
                FloatVector.fromArray(S, c, off).add(v).intoArray(c, off);
            }
        }
    }
}
