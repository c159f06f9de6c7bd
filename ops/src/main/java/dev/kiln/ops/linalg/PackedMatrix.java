package dev.kiln.ops.linalg;

/**
 * The right operand op(B) of a float32 product, (K, N), packed once into the micro-panels of
 * the chosen GEMM kernel so that repeated products with it (a layer's constant weights) skip
 * the packing. Made by {@link Sgemm#pack}; used by {@link Sgemm#gemm(boolean, int, float, float[],
 * int, int, PackedMatrix, float, float[], int, int)}. Immutable. With the vector kernel the
 * panels are all it holds (the source may be dropped by its owner); with the scalar kernel it
 * keeps the source array, which must then not change.
 */
public final class PackedMatrix {
    final int k;
    final int n;
    final boolean transB;
    /** The source, for the scalar kernel only (null when there are panels). */
    final float[] source;
    final int offset;
    final int ld;
    /** Panels of the vector kernel, or null when the product runs on the scalar kernel. */
    final float[] panels;
    /** Columns of one panel (the kernel's NR). */
    final int nr;
    /** Depth of one block (the kernel's KC). */
    final int kc;

    PackedMatrix(int k, int n, boolean transB, float[] source, int offset, int ld, float[] panels, int nr, int kc) {
        this.k = k;
        this.n = n;
        this.transB = transB;
        this.source = source;
        this.offset = offset;
        this.ld = ld;
        this.panels = panels;
        this.nr = nr;
        this.kc = kc;
    }

    /** Rows of op(B) (the product's K). */
    public int rows() { return k; }

    /** Columns of op(B) (the product's N). */
    public int cols() { return n; }

    /** Columns rounded up to whole panels. */
    int paddedCols() { return (n + nr - 1) / nr * nr; }

    /** Where the panel holding column {@code col} (a multiple of NR) of depth block {@code pc} starts. */
    int panelOffset(int pc, int col) {
        return pc * paddedCols() + col * Math.min(kc, k - pc);
    }
}
