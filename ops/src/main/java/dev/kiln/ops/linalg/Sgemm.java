package dev.kiln.ops.linalg;

/**
 * The shared float32 matrix product {@code C = alpha * op(A) * op(B) + beta * C} (row-major,
 * BLAS sgemm conventions). The implementation is chosen once when the class loads: the Vector
 * API kernel when {@code jdk.incubator.vector} is present, else the scalar reference. Setting
 * the system property {@code kiln.vector=false} forces the scalar kernel.
 */
public final class Sgemm {
    /** Below this many multiply-adds the scalar loop wins over packing and vector setup. */
    private static final long SMALL = 2048;

    private static final SgemmKernel SCALAR = new ScalarSgemm();
    private static final SgemmKernel FAST = choose();

    private Sgemm() {}

    /** The name of the chosen kernel ("scalar", "vector-256", ...). */
    public static String implementation() { return FAST.name(); }

    /**
     * {@code C = alpha * op(A) * op(B) + beta * C}, where op(A) is (M, K), op(B) is (K, N) and C
     * is (M, N), each addressed as {@code x[off + row * ld + col]}.
     *
     * @param transA whether A is stored as (K, M)
     * @param transB whether B is stored as (N, K)
     */
    public static void gemm(boolean transA, boolean transB, int m, int n, int k, float alpha,
                            float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                            float beta, float[] c, int cOff, int ldc) {
        SgemmKernel kernel = (long) m * n * k < SMALL ? SCALAR : FAST;
        kernel.gemm(transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
    }

    /** {@code C(M, N) = A(M, K) * B(K, N)}, all dense with no transposes, overwriting C. */
    public static void multiply(int m, int n, int k, float[] a, int aOff, float[] b, int bOff,
                                float[] c, int cOff) {
        gemm(false, false, m, n, k, 1f, a, aOff, k, b, bOff, n, 0f, c, cOff, n);
    }

    private static SgemmKernel choose() {
        SgemmKernel chosen = SCALAR;
        boolean wanted = !"false".equalsIgnoreCase(System.getProperty("kiln.vector"));
        if (wanted && ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent()) {
            try {
                chosen = new VectorSgemm();
            } catch (LinkageError e) {
                chosen = SCALAR;
            }
        }
        System.getLogger(Sgemm.class.getName()).log(System.Logger.Level.DEBUG,
                "float32 GEMM kernel: " + chosen.name());
        return chosen;
    }
}
