package dev.kiln.ops.linalg;

/**
 * Work a product hands each finished block of C while it is still in cache: a bias, a residual,
 * an activation. {@link Sgemm#gemm(boolean, int, float, float[], int, int, PackedMatrix, float[],
 * int, int, GemmEpilogue)} calls it once for every block of columns, on the thread that computed
 * the block, after the block's last depth step; blocks never overlap, so an epilogue may write
 * its block without locking.
 */
@FunctionalInterface
public interface GemmEpilogue {
    /**
     * Finishes {@code C[0:rows, from:to]}, element (i, j) being {@code c[cOff + i * ldc + j]}.
     */
    void finish(float[] c, int cOff, int ldc, int rows, int from, int to);
}
