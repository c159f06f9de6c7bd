package dev.kiln.ops.linalg;

/**
 * Produces blocks of the right operand op(B) (K, N) of a product already in the GEMM kernel's
 * panel layout, so that a matrix which exists only implicitly (a convolution's im2col matrix) is
 * never written out whole. See {@link Sgemm#gemm(PackedLeft, int, int, PanelSource, float[],
 * float[], int, int)}.
 */
@FunctionalInterface
public interface PanelSource {
    /**
     * Writes op(B)[pc:pc+kc, jc:jc+cols] as panels of {@code nr} columns:
     * {@code bp[q * nr * kc + p * nr + j] = opB[pc + p, jc + q * nr + j]}, with the columns of the
     * last panel past {@code cols} set to zero.
     */
    void pack(int nr, int pc, int kc, int jc, int cols, float[] bp);

    /** The source for a dense, stored op(B) (K, N) read as {@code b[bOff + row * ldb + col]}. */
    static PanelSource dense(float[] b, int bOff, int ldb) {
        return (nr, pc, kc, jc, cols, bp) -> {
            if (Sgemm.vectorized()) {
                SgemmPack.packB(nr, false, b, bOff, ldb, pc, kc, jc, cols, bp);
            } else {
                packScalar(b, bOff, ldb, nr, pc, kc, jc, cols, bp);
            }
        };
    }

    // bp[q * nr * kc + p * nr + j] = b[bOff + (pc + p) * ldb + jc + q * nr + j], zero past cols
    private static void packScalar(float[] b, int bOff, int ldb, int nr, int pc, int kc, int jc, int cols,
                                   float[] bp) {
        for (int jr = 0; jr < cols; jr += nr) {
            int w = Math.min(nr, cols - jr);
            for (int p = 0; p < kc; p++) {
                int src = bOff + (pc + p) * ldb + jc + jr, dst = jr * kc + p * nr;
                for (int j = 0; j < w; j++) bp[dst + j] = b[src + j];
                for (int j = w; j < nr; j++) bp[dst + j] = 0f;
            }
        }
    }

    /**
     * The source for a matrix whose row {@code p} is the contiguous run {@code b[rowOff[p]...]}
     * (rows may overlap: a stride-1 convolution's im2col matrix over a zero-padded input); reads
     * past the end of {@code b} give zero.
     */
    static PanelSource rows(float[] b, int[] rowOff) {
        return (nr, pc, kc, jc, cols, bp) -> {
            if (Sgemm.vectorized()) {
                SgemmPack.packRows(nr, b, rowOff, pc, kc, jc, cols, bp);
                return;
            }
            for (int jr = 0; jr < cols; jr += nr) {
                int w = Math.min(nr, cols - jr);
                for (int p = 0; p < kc; p++) {
                    int src = rowOff[pc + p] + jc + jr, dst = jr * kc + p * nr;
                    for (int j = 0; j < nr; j++) {
                        int i = src + j;
                        bp[dst + j] = j < w && i >= 0 && i < b.length ? b[i] : 0f;
                    }
                }
            }
        };
    }
}
