package dev.kiln.ops.linalg;

import dev.kiln.ops.common.Parallel;
import dev.kiln.ops.common.Vectors;

/**
 * The shared float32 matrix product {@code C = alpha * op(A) * op(B) + beta * C} (row-major,
 * BLAS sgemm conventions). The implementation is chosen once when the class loads: the Vector
 * API kernel when {@link Vectors#ENABLED}, else the scalar reference (so {@code -Dkiln.vector=false}
 * forces the scalar kernel). The choice is logged once (System.Logger, level DEBUG).
 *
 * <p>Large products are split across the intra-op threads ({@link Parallel}) into column blocks
 * of C (each thread packs op(A) for itself, the smaller operand when N >= M) or else row blocks.
 * Products with B packed ahead ({@link #pack}) pack op(A) once and let the threads claim blocks of
 * 64 columns of C as they go, so that a thread on a slower core takes fewer.
 */
public final class Sgemm {
    /** Below this many multiply-adds the scalar loop wins over packing and vector setup. */
    private static final long SMALL = 2048;
    /**
     * Below this many multiply-adds (about 0.2 ms on one AVX2 core) one thread does the whole
     * product: waking a helper costs tens of microseconds, more when the cores are busy. Kernels
     * built on GEMM (Conv, batched MatMul) use the same bound.
     */
    public static final long PARALLEL_MACS = 1L << 23;
    /**
     * With B packed ahead, the split pays off from this many multiply-adds (about 25 us on one
     * core): each thread only packs its own copy of the (small) A, and the helpers of
     * {@link Parallel} spin between kernels, so handing work over costs about a microsecond.
     */
    static final long PARALLEL_MACS_PACKED = 1L << 20;
    /** Column blocks are multiples of this (a multiple of every micro-tile width). */
    private static final int COL_ALIGN = 64;
    /** Row blocks are multiples of this (a multiple of every micro-tile height). */
    private static final int ROW_ALIGN = 12;

    private static final SgemmKernel SCALAR = new ScalarSgemm();
    /** The fast kernel, on the micro-tile chosen by {@link TileChoice} (waited for when first needed). */
    private static final SgemmKernel FAST = choose();

    private Sgemm() {}

    /** The name of the chosen kernel ("scalar", "vector-256 4x16", ...). */
    public static String implementation() { return FAST.name(); }

    /**
     * How the micro-kernel was chosen for this JVM: every candidate with its measured GFLOP/s,
     * the chosen one and how (timed or pinned by {@code -Dkiln.gemm.tile}); null when the scalar
     * kernel runs (Vector API off).
     */
    public static TileChoice.Result tileChoice() { return Vectors.ENABLED ? TileChoice.result() : null; }

    /**
     * Starts choosing the micro-kernel on a background thread, if that has not begun, so that
     * its timing (a few hundred milliseconds once per JVM, most of it the JIT compiling each
     * candidate) overlaps other work such as reading a model. The first product waits for it.
     */
    public static void prepare() {
        if (Vectors.ENABLED) TileChoice.start();
    }

    /**
     * {@code C = alpha * op(A) * op(B) + beta * C}, where op(A) is (M, K), op(B) is (K, N) and C
     * is (M, N), each addressed as {@code x[off + row * ld + col]}; large products use the
     * intra-op threads of the running session.
     *
     * @param transA whether A is stored as (K, M)
     * @param transB whether B is stored as (N, K)
     */
    public static void gemm(boolean transA, boolean transB, int m, int n, int k, float alpha,
                            float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                            float beta, float[] c, int cOff, int ldc) {
        gemm(Parallel.threads(), transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
    }

    /** The product on at most {@code threads} threads (one when it is too small to split). */
    static void gemm(int threads, boolean transA, boolean transB, int m, int n, int k, float alpha,
                     float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                     float beta, float[] c, int cOff, int ldc) {
        SgemmKernel kernel = (long) m * n * k < SMALL ? SCALAR : FAST;
        if (threads > 1 && (long) m * n * k >= PARALLEL_MACS) {
            // split N when op(A) is the smaller operand to pack in every thread, else M
            boolean cols = n >= 2 * COL_ALIGN, rows = m >= 2 * ROW_ALIGN;
            boolean byCols = cols && (n >= m || !rows);
            int len = byCols ? n : m, align = byCols ? COL_ALIGN : ROW_ALIGN;
            int chunk = roundUp((len + threads - 1) / threads, align);
            int tasks = (len + chunk - 1) / chunk;
            if ((cols || rows) && tasks > 1) {
                Parallel.forEach(tasks, threads, t -> {
                    int from = t * chunk, size = Math.min(chunk, len - from);
                    if (byCols) {
                        // C[:, from:from+size] = op(A) * op(B)[:, from:from+size]
                        kernel.gemm(transA, transB, m, size, k, alpha, a, aOff, lda,
                                b, bOff + (transB ? from * ldb : from), ldb, beta, c, cOff + from, ldc);
                    } else {
                        // C[from:from+size, :] = op(A)[from:from+size, :] * op(B)
                        kernel.gemm(transA, transB, size, n, k, alpha, a, aOff + (transA ? from : from * lda), lda,
                                b, bOff, ldb, beta, c, cOff + from * ldc, ldc);
                    }
                });
                return;
            }
        }
        kernel.gemm(transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
    }

    /**
     * Packs op(B) (K, N) once for repeated products with {@link #gemm(boolean, int, float, float[],
     * int, int, PackedMatrix, float, float[], int, int)}. With the scalar kernel nothing is copied.
     *
     * @param transB whether B is stored as (N, K)
     */
    public static PackedMatrix pack(boolean transB, int k, int n, float[] b, int bOff, int ldb) {
        if (FAST instanceof VectorSgemm v) return v.pack(transB, k, n, b, bOff, ldb);
        return new PackedMatrix(k, n, transB, b, bOff, ldb, null, 1, Math.max(1, k));
    }

    /**
     * {@code C = alpha * op(A) * B + beta * C} with B packed by {@link #pack}: the same result as
     * {@link #gemm(boolean, boolean, int, int, int, float, float[], int, int, float[], int, int,
     * float, float[], int, int)} on B's source, without packing it again. Large products split
     * the columns across the intra-op threads.
     *
     * @param m rows of op(A) and C
     */
    public static void gemm(boolean transA, int m, float alpha, float[] a, int aOff, int lda, PackedMatrix b,
                            float beta, float[] c, int cOff, int ldc) {
        gemm(Parallel.threads(), transA, m, alpha, a, aOff, lda, b, beta, c, cOff, ldc);
    }

    /** The product with packed B on at most {@code threads} threads. */
    static void gemm(int threads, boolean transA, int m, float alpha, float[] a, int aOff, int lda, PackedMatrix b,
                     float beta, float[] c, int cOff, int ldc) {
        gemm(threads, transA, m, alpha, a, aOff, lda, b, beta, c, cOff, ldc, null);
    }

    /**
     * {@code C = alpha * op(A) * B} with B packed by {@link #pack}, then {@code epilogue} on every
     * block of columns of C as soon as it is computed (see {@link GemmEpilogue}), while the block
     * is still in cache. C's previous contents are ignored.
     *
     * @param m rows of op(A) and C
     */
    public static void gemm(boolean transA, int m, float alpha, float[] a, int aOff, int lda, PackedMatrix b,
                            float[] c, int cOff, int ldc, GemmEpilogue epilogue) {
        gemm(Parallel.threads(), transA, m, alpha, a, aOff, lda, b, 0f, c, cOff, ldc, epilogue);
    }

    private static void gemm(int threads, boolean transA, int m, float alpha, float[] a, int aOff, int lda,
                             PackedMatrix b, float beta, float[] c, int cOff, int ldc, GemmEpilogue epilogue) {
        int n = b.n, k = b.k;
        if (b.panels == null || !(FAST instanceof VectorSgemm v)) {
            gemm(threads, transA, b.transB, m, n, k, alpha, a, aOff, lda, b.source, b.offset, b.ld, beta, c, cOff, ldc);
            if (epilogue != null && m > 0 && n > 0) epilogue.finish(c, cOff, ldc, m, 0, n);
            return;
        }
        v.gemm((long) m * n * k >= PARALLEL_MACS_PACKED ? threads : 1, transA, m, alpha, a, aOff, lda, b, beta,
                c, cOff, ldc, epilogue);
    }

    /**
     * Packs op(A) (M, K) once for repeated products with {@link #gemm(PackedLeft, int, int,
     * PanelSource, float[], float[], int, int)}.
     *
     * @param transA whether A is stored as (K, M)
     */
    public static PackedLeft packLeft(boolean transA, int m, int k, float[] a, int aOff, int lda) {
        if (FAST instanceof VectorSgemm v) return v.packLeft(transA, m, k, a, aOff, lda);
        return PackedLeft.pack(1, 256, transA, m, k, a, aOff, lda);
    }

    /**
     * {@code C[i, j] = sum_p A[i, p] * B[p, j] + bias[i]} for the columns {@code from <= j < to},
     * with A packed by {@link #packLeft} and B (K, N) produced a block at a time by {@code src}
     * (so it is never stored whole). Runs on the calling thread; callers split the columns.
     *
     * @param bias (M) added to every row of C, or null
     */
    public static void gemm(PackedLeft a, int from, int to, PanelSource src, float[] bias, float[] c, int cOff,
                            int ldc) {
        if (FAST instanceof VectorSgemm v && a.mr == v.tileRows()) {
            v.gemm(a, from, to, src, bias, c, cOff, ldc);
        } else {
            gemmScalar(a, from, to, src, bias, c, cOff, ldc);
        }
    }

    /**
     * Floats a row of B read in place must extend past the last column: the widest micro-tile,
     * a multiple of every tile width.
     */
    public static final int ROW_SLACK = 64;

    /**
     * {@code C[i, j] = sum_p A[i, p] * B[p, j] + bias[i]} for the columns {@code from <= j < to},
     * with A packed by {@link #packLeft} and B read in place: its row p is the run
     * {@code b[bOff + rowOff[p] ...]} (rows may overlap, as the im2col rows of a stride-1 convolution
     * over a padded input do). Unless {@code to - from} is a multiple of {@link #ROW_SLACK}, every
     * row must extend {@code ROW_SLACK} floats past column {@code to} inside {@code b}; what
     * those extra columns hold does not matter. Runs on the calling thread.
     *
     * @param bias (M) added to every row of C, or null
     */
    public static void gemm(PackedLeft a, int from, int to, float[] b, int bOff, int[] rowOff, float[] bias,
                            float[] c, int cOff, int ldc) {
        if (FAST instanceof VectorSgemm v && a.mr == v.tileRows()) {
            v.gemmRows(a, from, to, b, bOff, rowOff, bias, c, cOff, ldc);
        } else {
            gemmScalar(a, from + bOff, to + bOff, PanelSource.rows(b, rowOff), bias, c, cOff - bOff, ldc);
        }
    }

    // the same on the scalar kernel: single-column panels bp[j * kc + p], one dot product per element of C
    static void gemmScalar(PackedLeft a, int from, int to, PanelSource src, float[] bias, float[] c,
                                   int cOff, int ldc) {
        int m = a.m, k = a.k, block = 64;
        float[] bp = new float[Math.max(1, a.kc * block)];
        for (int jc = from; jc < to; jc += block) {
            int cols = Math.min(block, to - jc);
            if (k == 0) SgemmKernel.scale(m, cols, 0f, c, cOff + jc, ldc);
            for (int pc = 0; pc < k; pc += a.kc) {
                int kc = a.depth(pc);
                src.pack(1, pc, kc, jc, cols, bp);
                for (int i = 0; i < m; i++) {
                    int row = cOff + i * ldc + jc;
                    for (int j = 0; j < cols; j++) {
                        float sum = 0f;
                        for (int p = 0; p < kc; p++) sum += a.get(i, pc + p) * bp[j * kc + p];
                        c[row + j] = pc == 0 ? sum : c[row + j] + sum;
                    }
                }
            }
            if (bias != null) addRowBias(m, cols, bias, c, cOff + jc, ldc);
        }
    }

    /** C[i, j] += bias[i] over an (M, N) block of C. */
    static void addRowBias(int m, int n, float[] bias, float[] c, int cOff, int ldc) {
        for (int i = 0; i < m; i++) {
            float b = bias[i];
            int row = cOff + i * ldc;
            for (int j = 0; j < n; j++) c[row + j] += b;
        }
    }

    /** Whether the Vector API kernel is in use (panels may be packed with vectors). */
    static boolean vectorized() { return FAST instanceof VectorSgemm; }

    /** {@code C(M, N) = A(M, K) * B(K, N)}, all dense with no transposes, overwriting C. */
    public static void multiply(int m, int n, int k, float[] a, int aOff, float[] b, int bOff,
                                float[] c, int cOff) {
        gemm(false, false, m, n, k, 1f, a, aOff, k, b, bOff, n, 0f, c, cOff, n);
    }

    private static int roundUp(int x, int to) { return (x + to - 1) / to * to; }

    private static SgemmKernel choose() {
        TileChoice.Result choice = tileChoice();
        SgemmKernel chosen = choice == null || choice.chosen() == null ? SCALAR : new VectorSgemm(choice.chosen().tile());
        System.getLogger(Sgemm.class.getName()).log(System.Logger.Level.DEBUG, "float32 GEMM kernel: "
                + chosen.name() + (choice == null ? "" : " (" + choice.how() + ": " + choice.candidates() + ")"));
        return chosen;
    }
}
