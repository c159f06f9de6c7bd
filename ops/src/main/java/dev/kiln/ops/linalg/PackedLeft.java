package dev.kiln.ops.linalg;

/**
 * The left operand op(A) of a float32 product, (M, K), packed once into the row panels of the
 * chosen GEMM kernel, for repeated products whose right operand is produced on the fly by a
 * {@link PanelSource} (a convolution's constant weights times its im2col matrix). Made by
 * {@link Sgemm#packLeft}; used by {@link Sgemm#gemm(PackedLeft, int, int, PanelSource, float[],
 * float[], int, int)}. Immutable.
 *
 * <p>K is cut into depth blocks of equal size (the last may be shorter), at most the kernel's
 * block depth. Block {@code pc} holds the panels of MR rows one after another: row {@code i},
 * depth {@code pc + p} is at {@code panels[pc * paddedRows + (i / MR) * MR * kc + p * MR + i % MR]},
 * rows past M zero.
 */
public final class PackedLeft {
    final int m;
    final int k;
    /** Rows of one panel (the kernel's MR). */
    final int mr;
    /** Depth of every block but maybe the last. */
    final int kc;
    final float[] panels;

    PackedLeft(int m, int k, int mr, int kc, float[] panels) {
        this.m = m;
        this.k = k;
        this.mr = mr;
        this.kc = kc;
        this.panels = panels;
    }

    /** Rows of op(A) (the product's M). */
    public int rows() { return m; }

    /** Columns of op(A) (the product's K). */
    public int cols() { return k; }

    /** Rows rounded up to whole panels. */
    int paddedRows() { return (m + mr - 1) / mr * mr; }

    /** Depth of the block starting at {@code pc}. */
    int depth(int pc) { return Math.min(kc, k - pc); }

    /** Where the panels of depth block {@code pc} start. */
    int blockOffset(int pc) { return pc * paddedRows(); }

    /** op(A)[i, p]. */
    float get(int i, int p) {
        int pc = p / kc * kc;
        return panels[blockOffset(pc) + (i / mr) * mr * depth(pc) + (p - pc) * mr + i % mr];
    }

    /** Depth blocks of at most {@code max}, all of the same size but the last. */
    static int blockDepth(int k, int max) {
        int blocks = Math.max(1, (k + max - 1) / max);
        return Math.max(1, (k + blocks - 1) / blocks);
    }

    /** Packs op(A) (M, K) into panels of {@code mr} rows and depth blocks of at most {@code maxDepth}. */
    static PackedLeft pack(int mr, int maxDepth, boolean transA, int m, int k, float[] a, int aOff, int lda) {
        int kc = blockDepth(k, maxDepth);
        int padded = (m + mr - 1) / mr * mr;
        float[] panels = new float[Math.max(1, padded * k)];
        for (int pc = 0; pc < k; pc += kc) {
            int depth = Math.min(kc, k - pc), block = pc * padded;
            for (int i = 0; i < m; i++) {
                int dst = block + (i / mr) * mr * depth + i % mr;
                for (int p = 0; p < depth; p++) {
                    panels[dst + p * mr] = transA ? a[aOff + (pc + p) * lda + i] : a[aOff + i * lda + pc + p];
                }
            }
        }
        return new PackedLeft(m, k, mr, kc, panels);
    }
}
