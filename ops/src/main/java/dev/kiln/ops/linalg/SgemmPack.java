package dev.kiln.ops.linalg;

import dev.kiln.ops.common.VectorWidths;
import java.lang.invoke.MethodHandles;
import java.util.Arrays;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Packing of the operands of {@link VectorSgemm} into micro-panels. The tile shape is a
 * parameter; each {@link SgemmTile} calls these with its own constant, so that after inlining the
 * short loops over MR (or NR) have a constant trip count and are unrolled.
 *
 * <p>Where the source is read across rows (op(B) not transposed, op(A) transposed), the loop over
 * k is outermost and the MR (or NR) values of one row are read together: with k innermost, a row
 * stride of 4 KiB maps every row to the same L1 set, the cache line is evicted before its second
 * use, and a 1024^3 product loses half its speed.
 */
final class SgemmPack {
    private static final VectorSpecies<Float> S = VectorWidths.species(MethodHandles.lookup());
    private static final int V = S.length();

    private SgemmPack() {}

    /**
     * Packs op(A)[ic:ic+rows, pc:pc+kc] times alpha into MR-row panels: panel q holds
     * {@code ap[apOff + q * MR * kc + p * MR + r] = alpha * opA[ic + q * MR + r, pc + p]}, rows past
     * the end zero.
     */
    static void packA(int mr, boolean transA, float[] a, int aOff, int lda, int ic, int rows,
                      int pc, int kc, float alpha, float[] ap, int apOff) {
        for (int ir = 0; ir < rows; ir += mr) {
            int h = Math.min(mr, rows - ir);
            int dst = apOff + ir * kc;
            if (transA) {
                // A stored (K, M): the MR values of one k are adjacent
                for (int p = 0; p < kc; p++) {
                    int src = aOff + (pc + p) * lda + ic + ir;
                    int d = dst + p * mr;
                    for (int r = 0; r < h; r++) ap[d + r] = alpha * a[src + r];
                    for (int r = h; r < mr; r++) ap[d + r] = 0f;
                }
            } else {
                // the rows one after another, each read sequentially
                for (int r = 0; r < mr; r++) {
                    int s = aOff + (ic + ir + r) * lda + pc;
                    if (r < h) {
                        for (int p = 0; p < kc; p++) ap[dst + p * mr + r] = alpha * a[s + p];
                    } else {
                        for (int p = 0; p < kc; p++) ap[dst + p * mr + r] = 0f;
                    }
                }
            }
        }
    }

    /**
     * Packs op(B)[pc:pc+kc, jc:jc+cols] into NR-column panels: panel q holds
     * {@code bp[q * NR * kc + p * NR + j] = opB[pc + p, jc + q * NR + j]}, columns past the end zero.
     */
    static void packB(int nr, boolean transB, float[] b, int bOff, int ldb, int pc, int kc,
                      int jc, int cols, float[] bp) {
        for (int jr = 0; jr < cols; jr += nr) {
            int w = Math.min(nr, cols - jr);
            int dst = jr * kc;
            if (transB) {
                // B stored (N, K): column j of op(B) is row j of B, contiguous in k
                if (w < nr) Arrays.fill(bp, dst, dst + kc * nr, 0f);
                for (int j = 0; j < w; j++) {
                    int src = bOff + (jc + jr + j) * ldb + pc;
                    for (int p = 0; p < kc; p++) bp[dst + p * nr + j] = b[src + p];
                }
            } else {
                for (int p = 0; p < kc; p++) {
                    int src = bOff + (pc + p) * ldb + jc + jr;
                    int d = dst + p * nr;
                    if (w == nr && nr % V == 0) {
                        // whole vectors: faster than arraycopy
                        for (int v = 0; v < nr; v += V) FloatVector.fromArray(S, b, src + v).intoArray(bp, d + v);
                    } else {
                        System.arraycopy(b, src, bp, d, w);
                        Arrays.fill(bp, d + w, d + nr, 0f);
                    }
                }
            }
        }
    }

    /**
     * Packs rows [pc, pc + kc) and columns [jc, jc + cols) of the matrix whose row p is the run
     * {@code b[rowOff[p] ...]} into NR-column panels (the layout of {@link #packB}); reads past
     * the end of {@code b} and columns past {@code cols} give zero.
     */
    static void packRows(int nr, float[] b, int[] rowOff, int pc, int kc, int jc, int cols, float[] bp) {
        for (int jr = 0; jr < cols; jr += nr) {
            int w = Math.min(nr, cols - jr);
            int dst = jr * kc;
            for (int p = 0; p < kc; p++, dst += nr) {
                int src = rowOff[pc + p] + jc + jr;
                if (w == nr && nr % V == 0 && src >= 0 && src + nr <= b.length) {
                    for (int v = 0; v < nr; v += V) FloatVector.fromArray(S, b, src + v).intoArray(bp, dst + v);
                } else {
                    for (int j = 0; j < nr; j++) {
                        int i = src + j;
                        bp[dst + j] = j < w && i >= 0 && i < b.length ? b[i] : 0f;
                    }
                }
            }
        }
    }
}
