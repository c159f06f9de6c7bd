package dev.kiln.ops.linalg;

import dev.kiln.ops.common.VectorWidths;
import java.lang.invoke.MethodHandles;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The {@link SgemmTile} of 6 rows by 2 vectors (6 x 32 floats at 512 bits): 12 accumulators, 2
 * vectors of B and the broadcasts of A, which need more than 16 vector registers once C2 hoists
 * the broadcasts, so it is timed at 512 bits only (32 registers with AVX-512). Half again as many
 * multiply-adds per load of B as {@link NarrowTile}. Its width is the species it was loaded with.
 */
final class TallTile implements SgemmTile {
    private static final VectorSpecies<Float> S = VectorWidths.species(MethodHandles.lookup());
    private static final int V = S.length();

    TallTile() {}

    @Override public int rows() { return 6; }

    @Override public int cols() { return 2 * V; }

    @Override public int bits() { return S.vectorBitSize(); }

    @Override
    public void packA(boolean transA, float[] a, int aOff, int lda, int ic, int rows, int pc, int kc,
                      float alpha, float[] ap, int apOff) {
        SgemmPack.packA(6, transA, a, aOff, lda, ic, rows, pc, kc, alpha, ap, apOff);
    }

    @Override
    public void packB(boolean transB, float[] b, int bOff, int ldb, int pc, int kc, int jc, int cols, float[] bp) {
        SgemmPack.packB(2 * V, transB, b, bOff, ldb, pc, kc, jc, cols, bp);
    }

    // C[0:6, 0:2V] (+)= ap[p * 6 + r] * bp[p * 2V + j] summed over p < kc
    @Override
    public void compute(int kc, float[] ap, int ao, float[] bp, int bo, float[] c, int co,
                                int ldc, boolean store) {
        FloatVector c00 = FloatVector.zero(S), c01 = c00;
        FloatVector c10 = c00, c11 = c00;
        FloatVector c20 = c00, c21 = c00;
        FloatVector c30 = c00, c31 = c00;
        FloatVector c40 = c00, c41 = c00;
        FloatVector c50 = c00, c51 = c00;
        for (int p = 0; p < kc; p++) {
            int b = bo + p * 2 * V;
            FloatVector b0 = FloatVector.fromArray(S, bp, b);
            FloatVector b1 = FloatVector.fromArray(S, bp, b + V);
            int a = ao + p * 6;
            FloatVector x = FloatVector.broadcast(S, ap[a]);
            c00 = b0.fma(x, c00); c01 = b1.fma(x, c01);
            x = FloatVector.broadcast(S, ap[a + 1]);
            c10 = b0.fma(x, c10); c11 = b1.fma(x, c11);
            x = FloatVector.broadcast(S, ap[a + 2]);
            c20 = b0.fma(x, c20); c21 = b1.fma(x, c21);
            x = FloatVector.broadcast(S, ap[a + 3]);
            c30 = b0.fma(x, c30); c31 = b1.fma(x, c31);
            x = FloatVector.broadcast(S, ap[a + 4]);
            c40 = b0.fma(x, c40); c41 = b1.fma(x, c41);
            x = FloatVector.broadcast(S, ap[a + 5]);
            c50 = b0.fma(x, c50); c51 = b1.fma(x, c51);
        }
        put(c, co, store, c00, c01);
        put(c, co + ldc, store, c10, c11);
        put(c, co + 2 * ldc, store, c20, c21);
        put(c, co + 3 * ldc, store, c30, c31);
        put(c, co + 4 * ldc, store, c40, c41);
        put(c, co + 5 * ldc, store, c50, c51);
    }

    // C[0:6, 0:2V] (+)= ap[p * 6 + r] * b[rowOff[ro + p] + col + j] summed over p < kc
    @Override
    public void computeRows(int kc, float[] ap, int ao, float[] bs, int[] rowOff, int ro, int col, float[] c,
                            int co, int ldc, boolean store) {
        FloatVector c00 = FloatVector.zero(S), c01 = c00;
        FloatVector c10 = c00, c11 = c00;
        FloatVector c20 = c00, c21 = c00;
        FloatVector c30 = c00, c31 = c00;
        FloatVector c40 = c00, c41 = c00;
        FloatVector c50 = c00, c51 = c00;
        for (int p = 0; p < kc; p++) {
            int b = rowOff[ro + p] + col;
            FloatVector b0 = FloatVector.fromArray(S, bs, b);
            FloatVector b1 = FloatVector.fromArray(S, bs, b + V);
            int a = ao + p * 6;
            FloatVector x = FloatVector.broadcast(S, ap[a]);
            c00 = b0.fma(x, c00); c01 = b1.fma(x, c01);
            x = FloatVector.broadcast(S, ap[a + 1]);
            c10 = b0.fma(x, c10); c11 = b1.fma(x, c11);
            x = FloatVector.broadcast(S, ap[a + 2]);
            c20 = b0.fma(x, c20); c21 = b1.fma(x, c21);
            x = FloatVector.broadcast(S, ap[a + 3]);
            c30 = b0.fma(x, c30); c31 = b1.fma(x, c31);
            x = FloatVector.broadcast(S, ap[a + 4]);
            c40 = b0.fma(x, c40); c41 = b1.fma(x, c41);
            x = FloatVector.broadcast(S, ap[a + 5]);
            c50 = b0.fma(x, c50); c51 = b1.fma(x, c51);
        }
        put(c, co, store, c00, c01);
        put(c, co + ldc, store, c10, c11);
        put(c, co + 2 * ldc, store, c20, c21);
        put(c, co + 3 * ldc, store, c30, c31);
        put(c, co + 4 * ldc, store, c40, c41);
        put(c, co + 5 * ldc, store, c50, c51);
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
