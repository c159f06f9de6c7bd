package dev.kiln.ops.linalg;

import dev.kiln.ops.common.Parallel;
import dev.kiln.runtime.exec.ExecutionContext;

/**
 * Blocked float32 GEMM on the Vector API, in the BLIS loop order. For each (KC, NC) block of
 * op(B), packed into NR-column panels, and each (MC, KC) block of op(A), packed into MR-row
 * panels with alpha folded in, a register-tiled micro-kernel ({@link SgemmTile}) computes an
 * (MR, NR) tile of C with all its accumulators in registers. Tiles at the bottom and right edges
 * are computed into a small buffer (the packed panels are zero-padded) and copied into C.
 *
 * <p>Transposed operands are handled by the packing, never by copying the matrix. Problems with
 * fewer than MR rows skip the packing of B ({@link SmallSgemm}): there it would cost as much as
 * the product itself. The pack buffers are per thread and reused across calls.
 */
final class VectorSgemm implements SgemmKernel {
    /** Depth of a block: a (KC, NR) panel of B stays in L1 while every panel of A passes by. */
    private static final int KC = 256;
    /** Columns of a block of B; the packed (KC, NC) block stays in L3. */
    private static final int NC = 1024;
    /**
     * Columns of C one task computes in a product with packed B: small enough that two threads
     * balance when one core runs slower, large enough that each task runs tens of microseconds.
     */
    private static final int CHUNK = 64;
    /** Below this many floats of packed A, the caller packs it alone (a parallel call costs more). */
    private static final long PARALLEL_PACK = 1 << 15;
    /**
     * Up to this many floats (256 KiB, half an L2), a whole packed A is used from cache by every
     * chunk, so each chunk runs all its depth blocks in one task; a larger A is used one depth
     * block at a time, with a parallel call per block.
     */
    private static final long SHARED_A_FLOATS = 1 << 16;
    /** The largest whole packed A (4 Mi floats, 16 MiB) a thread keeps for the next product. */
    private static final int KEPT_WHOLE_A = 1 << 22;
    /** Row panels of A one packing task packs. */
    private static final int PACK_PANELS = 8;
    /**
     * Up to this many columns of C, op(A) (not transposed, alpha 1) is read in place instead of
     * packed: it serves at most this / NR panels of B, too few to repay its packing.
     */
    private static final int IN_PLACE_A_MAX_N = 256;
    /** Columns of a block of B produced by a {@link PanelSource}: packed, then used at once from L1 and L2. */
    private static final int SOURCE_NC = 128;

    private final SgemmTile tile;
    private final int mr;
    private final int nr;
    /** Rows of a block of A; the packed (MC, KC) block stays in L2 (144 or 480 KiB). */
    private final int mc;
    private final ThreadLocal<Buffers> buffers;

    /** The per-thread pack buffers: a block of A, a block of B and one edge tile. */
    private record Buffers(float[] a, float[] b, float[] tile, float[] wholeA) {}

    VectorSgemm(SgemmTile tile) {
        this.tile = tile;
        this.mr = tile.rows();
        this.nr = tile.cols();
        this.mc = tile.cols() >= 64 ? 480 : 144;
        this.buffers = ThreadLocal.withInitial(() -> new Buffers(new float[mc * KC],
                new float[KC * ((NC + nr - 1) / nr) * nr], new float[mr * nr], new float[0]));
    }

    /** The kernel on the tile {@link TileChoice} chose for this JVM. */
    static VectorSgemm preferred() {
        return new VectorSgemm(Sgemm.tileChoice().chosen().tile());
    }

    @Override
    public String name() { return "vector-" + tile.bits() + " " + mr + "x" + nr; }

    @Override
    public void gemm(boolean transA, boolean transB, int m, int n, int k, float alpha,
                     float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                     float beta, float[] c, int cOff, int ldc) {
        if (m == 0 || n == 0) return;
        if (k == 0 || alpha == 0f) {
            SgemmKernel.scale(m, n, beta, c, cOff, ldc);
            return;
        }
        if (m < mr) {
            SgemmKernel.scale(m, n, beta, c, cOff, ldc);
            SmallSgemm.gemm(transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, c, cOff, ldc);
            return;
        }
        // beta == 0: the first depth block stores into C without reading it (NaN there is dropped)
        if (beta != 0f) SgemmKernel.scale(m, n, beta, c, cOff, ldc);
        Buffers buf = buffers.get();
        boolean inPlaceA = tile.readsAInPlace() && !transA && alpha == 1f && n <= IN_PLACE_A_MAX_N;
        for (int jc = 0; jc < n; jc += NC) {
            int nc = Math.min(NC, n - jc);
            for (int pc = 0; pc < k; pc += KC) {
                ExecutionContext.checkActiveCancelled();
                int kc = Math.min(KC, k - pc);
                boolean store = beta == 0f && pc == 0;
                tile.packB(transB, b, bOff, ldb, pc, kc, jc, nc, buf.b);
                for (int ic = 0; ic < m; ic += mc) {
                    int rows = Math.min(mc, m - ic);
                    if (inPlaceA) {
                        blockInPlaceA(kc, rows, nc, a, aOff + ic * lda + pc, lda, buf, c, cOff + ic * ldc + jc, ldc,
                                store);
                    } else {
                        tile.packA(transA, a, aOff, lda, ic, rows, pc, kc, alpha, buf.a, 0);
                        block(kc, rows, nc, buf.a, 0, buf.b, 0, buf.tile, c, cOff + ic * ldc + jc, ldc, store);
                    }
                }
            }
        }
    }

    /** Packs all of op(B) (K, N): for each depth block pc, its column panels one after another. */
    PackedMatrix pack(boolean transB, int k, int n, float[] b, int bOff, int ldb) {
        int padded = (n + nr - 1) / nr * nr;
        float[] panels = new float[Math.max(1, k) * padded];
        float[] block = new float[Math.min(KC, Math.max(1, k)) * padded];
        for (int pc = 0; pc < k; pc += KC) {
            int kc = Math.min(KC, k - pc);
            tile.packB(transB, b, bOff, ldb, pc, kc, 0, n, block);
            System.arraycopy(block, 0, panels, pc * padded, kc * padded);
        }
        return new PackedMatrix(k, n, transB, null, bOff, ldb, panels, nr, KC);
    }

    /**
     * {@code C = alpha * op(A) * B + beta * C} with B packed by {@link #pack}, on at most
     * {@code threads} threads. op(A) is packed once, whole, into the calling thread's buffer (its
     * row panels split among the threads when it is large), then the threads claim column chunks
     * of {@link #CHUNK} from a shared counter (one depth block at a time when A is too large to
     * stay in cache whole): a thread on a slower core simply takes fewer chunks, no thread packs
     * A again for itself, and the block of A in use stays in both cores' caches. {@code
     * epilogue}, if not null, finishes each chunk right after it is computed.
     */
    void gemm(int threads, boolean transA, int m, float alpha, float[] a, int aOff, int lda, PackedMatrix b,
              float beta, float[] c, int cOff, int ldc, GemmEpilogue epilogue) {
        int n = b.n, k = b.k;
        if (m == 0 || n == 0) return;
        if (k == 0 || alpha == 0f) {
            SgemmKernel.scale(m, n, beta, c, cOff, ldc);
            if (epilogue != null) epilogue.finish(c, cOff, ldc, m, 0, n);
            return;
        }
        int paddedM = (m + mr - 1) / mr * mr;
        float[] ap = wholeA(Math.toIntExact((long) paddedM * k));
        int panels = paddedM / mr, groups = (panels + PACK_PANELS - 1) / PACK_PANELS;
        int depths = (k + KC - 1) / KC;
        // one pack task per (depth block, group of row panels); a small A is packed by the caller
        Parallel.forEach(depths * groups, (long) paddedM * k < PARALLEL_PACK ? 1 : threads, t -> {
            int pc = t / groups * KC, ir = t % groups * PACK_PANELS * mr;
            int kc = Math.min(KC, k - pc), rows = Math.min(PACK_PANELS * mr, m - ir);
            if (rows > 0) tile.packA(transA, a, aOff, lda, ir, rows, pc, kc, alpha, ap, pc * paddedM + ir * kc);
        });
        int chunks = (n + CHUNK - 1) / CHUNK;
        if ((long) paddedM * k <= SHARED_A_FLOATS) {
            // A stays in each core's L2 whole: every depth of a chunk in one task, one call in all
            Parallel.forEach(chunks, threads, t -> {
                int from = t * CHUNK, to = Math.min(n, from + CHUNK);
                for (int pc = 0; pc < k; pc += KC) {
                    columns(m, paddedM, from, to, pc, Math.min(KC, k - pc), ap, b, beta, c, cOff, ldc);
                }
                if (epilogue != null) epilogue.finish(c, cOff, ldc, m, from, to);
            });
            return;
        }
        // depth blocks in turn, so that both cores keep the block of A they share in cache
        for (int pc = 0; pc < k; pc += KC) {
            int depth = pc, kc = Math.min(KC, k - pc);
            boolean last = pc + kc == k;
            Parallel.forEach(chunks, threads, t -> {
                int from = t * CHUNK, to = Math.min(n, from + CHUNK);
                columns(m, paddedM, from, to, depth, kc, ap, b, beta, c, cOff, ldc);
                if (last && epilogue != null) epilogue.finish(c, cOff, ldc, m, from, to);
            });
        }
    }

    // C[:, from:to] (+)= packed op(A)[:, pc:pc+kc] * B[pc:pc+kc, from:to], scaling C by beta first at pc = 0
    private void columns(int m, int paddedM, int from, int to, int pc, int kc, float[] ap, PackedMatrix b, float beta,
                         float[] c, int cOff, int ldc) {
        int cols = to - from;
        if (pc == 0 && beta != 0f) SgemmKernel.scale(m, cols, beta, c, cOff + from, ldc);
        float[] edge = buffers.get().tile;
        boolean store = beta == 0f && pc == 0;
        int bBase = b.panelOffset(pc, from), aBase = pc * paddedM;
        for (int ic = 0; ic < m; ic += mc) {
            block(kc, Math.min(mc, m - ic), cols, ap, aBase + ic * kc, b.panels, bBase, edge,
                    c, cOff + ic * ldc + from, ldc, store);
        }
    }

    /**
     * The calling thread's buffer for a whole packed op(A), grown to at least {@code size}; above
     * {@link #KEPT_WHOLE_A} floats a fresh array, so that one large product does not leave a
     * thread holding its A for good.
     */
    private float[] wholeA(int size) {
        if (size > KEPT_WHOLE_A) return new float[size];
        Buffers buf = buffers.get();
        if (buf.wholeA.length < size) {
            buf = new Buffers(buf.a, buf.b, buf.tile, new float[size]);
            buffers.set(buf);
        }
        return buf.wholeA;
    }

    /** The micro-tile width: packed panels hold this many columns. */
    int panelWidth() { return nr; }

    /** The micro-tile height. */
    int tileRows() { return mr; }

    /** Packs op(A) (M, K) whole into this kernel's row panels, for {@link #gemm(PackedLeft, int, int, PanelSource, float[], float[], int, int)}. */
    PackedLeft packLeft(boolean transA, int m, int k, float[] a, int aOff, int lda) {
        return PackedLeft.pack(mr, KC, transA, m, k, a, aOff, lda);
    }

    /**
     * {@code C[:, from:to] = A * B[:, from:to] (+ bias[row])} with A packed by {@link #packLeft}
     * and B produced block by block by {@code src}: each block of {@link #SOURCE_NC} columns and one
     * depth is packed into the per-thread buffer and used at once, while it is still in cache.
     */
    void gemm(PackedLeft a, int from, int to, PanelSource src, float[] bias, float[] c, int cOff, int ldc) {
        int m = a.m, k = a.k;
        if (m == 0 || to <= from) return;
        Buffers buf = buffers.get();
        for (int jc = from; jc < to; jc += SOURCE_NC) {
            int nc = Math.min(SOURCE_NC, to - jc);
            if (k == 0) SgemmKernel.scale(m, nc, 0f, c, cOff + jc, ldc);
            for (int pc = 0; pc < k; pc += a.kc) {
                int kc = a.depth(pc);
                src.pack(nr, pc, kc, jc, nc, buf.b);
                int base = a.blockOffset(pc);
                for (int ic = 0; ic < m; ic += mc) {
                    int rows = Math.min(mc, m - ic);
                    block(kc, rows, nc, a.panels, base + ic * kc, buf.b, 0, buf.tile, c, cOff + ic * ldc + jc, ldc,
                            pc == 0);
                }
            }
            if (bias != null) Sgemm.addRowBias(m, nc, bias, c, cOff + jc, ldc);
        }
    }

    /**
     * {@code C[:, from:to] = A * B[:, from:to] (+ bias[row])} with A packed by {@link #packLeft} and
     * B read in place, row p being {@code b[bOff + rowOff[p] ...]}: no packing of B at all. Every
     * row must extend NR floats past column {@code to} inside {@code b}.
     */
    void gemmRows(PackedLeft a, int from, int to, float[] b, int bOff, int[] rowOff, float[] bias, float[] c,
                  int cOff, int ldc) {
        int m = a.m, k = a.k;
        if (m == 0 || to <= from) return;
        float[] edge = buffers.get().tile;
        for (int jc = from; jc < to; jc += SOURCE_NC) {
            int nc = Math.min(SOURCE_NC, to - jc);
            if (k == 0) SgemmKernel.scale(m, nc, 0f, c, cOff + jc, ldc);
            for (int pc = 0; pc < k; pc += a.kc) {
                int kc = a.depth(pc);
                int base = a.blockOffset(pc);
                for (int ic = 0; ic < m; ic += mc) {
                    int rows = Math.min(mc, m - ic);
                    int co = cOff + ic * ldc + jc, aBase = base + ic * kc;
                    boolean store = pc == 0;
                    for (int jr = 0; jr < nc; jr += nr) {
                        int w = Math.min(nr, nc - jr);
                        for (int ir = 0; ir < rows; ir += mr) {
                            int h = Math.min(mr, rows - ir);
                            int ao = aBase + ir * kc, cij = co + ir * ldc + jr;
                            if (h == mr && w == nr) {
                                tile.computeRows(kc, a.panels, ao, b, rowOff, pc, bOff + jc + jr, c, cij, ldc, store);
                            } else {
                                tile.computeRows(kc, a.panels, ao, b, rowOff, pc, bOff + jc + jr, edge, 0, nr, true);
                                copyEdge(edge, h, w, c, cij, ldc, store);
                            }
                        }
                    }
                }
            }
            if (bias != null) Sgemm.addRowBias(m, nc, bias, c, cOff + jc, ldc);
        }
    }

    // C[0:rows, 0:cols] (+)= packed A (rows, kc) from ap[aBase] * packed B (kc, cols) from bp[bBase]
    private void block(int kc, int rows, int cols, float[] ap, int aBase, float[] bp, int bBase, float[] edge,
                       float[] c, int co, int ldc, boolean store) {
        for (int jr = 0; jr < cols; jr += nr) {
            int w = Math.min(nr, cols - jr);
            int bo = bBase + jr * kc;
            for (int ir = 0; ir < rows; ir += mr) {
                int h = Math.min(mr, rows - ir);
                int ao = aBase + ir * kc;
                int cij = co + ir * ldc + jr;
                if (h == mr && w == nr) {
                    tile.compute(kc, ap, ao, bp, bo, c, cij, ldc, store);
                } else {
                    tile.compute(kc, ap, ao, bp, bo, edge, 0, nr, true);
                    copyEdge(edge, h, w, c, cij, ldc, store);
                }
            }
        }
    }

    // C[0:rows, 0:cols] (+)= A (rows, kc) read in place from a[aOff + i * lda + p] * packed B (kc, cols) in
    // buf.b; the last rows % MR rows are packed (zero-padded) into buf.a for the ordinary tile
    private void blockInPlaceA(int kc, int rows, int cols, float[] a, int aOff, int lda, Buffers buf, float[] c,
                               int co, int ldc, boolean store) {
        int full = rows / mr * mr;
        if (full < rows) tile.packA(false, a, aOff, lda, full, rows - full, 0, kc, 1f, buf.a, 0);
        float[] bp = buf.b, edge = buf.tile;
        for (int jr = 0; jr < cols; jr += nr) {
            int w = Math.min(nr, cols - jr);
            int bo = jr * kc;
            for (int ir = 0; ir < full; ir += mr) {
                int cij = co + ir * ldc + jr;
                if (w == nr) {
                    tile.computeA(kc, a, aOff + ir * lda, lda, bp, bo, c, cij, ldc, store);
                } else {
                    tile.computeA(kc, a, aOff + ir * lda, lda, bp, bo, edge, 0, nr, true);
                    copyEdge(edge, mr, w, c, cij, ldc, store);
                }
            }
            if (full < rows) {
                tile.compute(kc, buf.a, 0, bp, bo, edge, 0, nr, true);
                copyEdge(edge, rows - full, w, c, co + full * ldc + jr, ldc, store);
            }
        }
    }

    // C[cij + r * ldc + j] (+)= edge[r * NR + j] for r < h, j < w
    private void copyEdge(float[] edge, int h, int w, float[] c, int cij, int ldc, boolean store) {
        for (int r = 0; r < h; r++) {
            int row = cij + r * ldc;
            for (int j = 0; j < w; j++) {
                c[row + j] = store ? edge[r * nr + j] : c[row + j] + edge[r * nr + j];
            }
        }
    }
}
