package dev.kiln.ops.linalg;

/**
 * A register-tiled micro-kernel of {@link VectorSgemm}: {@code C[0:MR, 0:NR] (+)= A * B} over a
 * depth of kc from packed panels, {@code ap[ao + p * MR + r]} and {@code bp[bo + p * NR + j]}, with
 * every accumulator in a register. Per k it loads the NR / V vectors of B, broadcasts each of the
 * MR values of A and issues one fused multiply-add per accumulator. With {@code store} the tile
 * overwrites C, else it adds to it.
 *
 * <p>The accumulators, the vectors of B and the MR broadcasts of A (C2 loads them all ahead) must
 * fit the vector registers, or accumulators spill to the stack and the tile runs at half speed or
 * worse. Which shape and width runs fastest on a CPU is measured, not assumed ({@link TileChoice}):
 * the implementations ({@link NarrowTile}, {@link TallTile}, {@link WideTile}) are written once and loaded at each
 * width by {@link dev.kiln.ops.common.VectorWidths}.
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

    /**
     * Whether {@link #computeA} is implemented: {@link #compute} with A read in place, which saves
     * packing A when it would serve only a few panels of B (an attention head's products).
     */
    default boolean readsAInPlace() { return false; }

    /**
     * {@link #compute} with A read in place instead of from a packed panel: row r of the tile at
     * depth p is {@code a[aOff + r * lda + p]}. Only where {@link #readsAInPlace}.
     */
    default void computeA(int kc, float[] a, int aOff, int lda, float[] bp, int bo, float[] c, int co, int ldc,
                          boolean store) {
        throw new UnsupportedOperationException(getClass().getName() + " reads A only from packed panels");
    }
}
