package dev.kiln.ops.linalg;

import dev.kiln.ops.common.Floats;
import dev.kiln.runtime.tensor.DType;
import dev.kiln.runtime.tensor.Shape;
import dev.kiln.runtime.tensor.Tensor;

/**
 * Working arrays for the matrix ops: each numeric dtype is computed in one Java array type.
 * float32, float16 and bfloat16 work in {@code float[]} (the 16-bit types are widened),
 * float64 in {@code double[]}, int32/uint32 in {@code int[]} and every other integer type in
 * {@code long[]}. Integer arithmetic wraps, so unsigned types share the signed loops bit for bit.
 */
final class Numeric {
    private Numeric() {}

    /** Input {@code i}, which the op requires (an empty name in the model arrives as null). */
    static Tensor require(Tensor[] inputs, int i, String name) {
        Tensor t = i < inputs.length ? inputs[i] : null;
        if (t == null) throw new IllegalArgumentException("input " + name + " is required");
        return t;
    }

    /** Whether the matrix ops accept this element type. */
    static boolean supported(DType t) {
        return (t.isFloatingPoint() && !t.isNarrow()) || (t.isInteger() && !t.isNarrow());
    }

    /** The working array of {@code t}; the tensor's own array when no conversion is needed. */
    static Object load(Tensor t, String what) {
        DType d = t.dtype();
        if (!supported(d)) {
            throw new IllegalArgumentException("input '" + what + "' has unsupported element type " + d);
        }
        return switch (d) {
            case FLOAT32, FLOAT64, INT32, UINT32, INT64, UINT64 -> t.data();
            case FLOAT16, BFLOAT16 -> Floats.widen(t);
            default -> t.toLongArray();
        };
    }

    /** A tensor of {@code dtype} from a working array produced for that dtype. */
    static Tensor store(DType dtype, Shape shape, Object work) {
        return switch (dtype) {
            case FLOAT32, FLOAT64, INT32, UINT32, INT64, UINT64 -> Tensor.wrap(dtype, shape, work);
            case FLOAT16, BFLOAT16 -> Floats.narrow(dtype, shape, (float[]) work);
            default -> Tensor.fromLongs(dtype, shape, (long[]) work);
        };
    }

    /** A zeroed working array of the same kind as {@code like}. */
    static Object alloc(Object like, int n) {
        if (like instanceof float[]) return new float[n];
        if (like instanceof double[]) return new double[n];
        if (like instanceof int[]) return new int[n];
        return new long[n];
    }

    /** Copies {@code out[i] = in[map[i]]} for a working array of any kind. */
    static Object gather(Object in, int[] map) {
        int n = map.length;
        if (in instanceof float[] f) {
            float[] o = new float[n];
            for (int i = 0; i < n; i++) o[i] = f[map[i]];
            return o;
        }
        if (in instanceof double[] f) {
            double[] o = new double[n];
            for (int i = 0; i < n; i++) o[i] = f[map[i]];
            return o;
        }
        if (in instanceof int[] f) {
            int[] o = new int[n];
            for (int i = 0; i < n; i++) o[i] = f[map[i]];
            return o;
        }
        long[] f = (long[]) in;
        long[] o = new long[n];
        for (int i = 0; i < n; i++) o[i] = f[map[i]];
        return o;
    }

    /** Sums each run of {@code inner} consecutive elements: (outer, inner) → (outer). */
    static Object sumInner(Object in, int outer, int inner) {
        if (in instanceof float[] f) {
            float[] o = new float[outer];
            for (int i = 0; i < outer; i++) {
                double s = 0;
                for (int j = 0; j < inner; j++) s += f[i * inner + j];
                o[i] = (float) s;
            }
            return o;
        }
        if (in instanceof double[] f) {
            double[] o = new double[outer];
            for (int i = 0; i < outer; i++) {
                double s = 0;
                for (int j = 0; j < inner; j++) s += f[i * inner + j];
                o[i] = s;
            }
            return o;
        }
        if (in instanceof int[] f) {
            int[] o = new int[outer];
            for (int i = 0; i < outer; i++) {
                int s = 0;
                for (int j = 0; j < inner; j++) s += f[i * inner + j];
                o[i] = s;
            }
            return o;
        }
        long[] f = (long[]) in;
        long[] o = new long[outer];
        for (int i = 0; i < outer; i++) {
            long s = 0;
            for (int j = 0; j < inner; j++) s += f[i * inner + j];
            o[i] = s;
        }
        return o;
    }

    /** {@code C(M, N) = A(M, K) * B(K, N)} on dense working arrays, overwriting C. */
    static void matmul(Object a, int aOff, Object b, int bOff, Object c, int cOff, int m, int n, int k) {
        if (a instanceof float[] fa) {
            Sgemm.multiply(m, n, k, fa, aOff, (float[]) b, bOff, (float[]) c, cOff);
        } else if (a instanceof double[] da) {
            double[] db = (double[]) b, dc = (double[]) c;
            for (int i = 0; i < m; i++) {
                int row = cOff + i * n;
                java.util.Arrays.fill(dc, row, row + n, 0.0);
                for (int p = 0; p < k; p++) {
                    double av = da[aOff + i * k + p];
                    int br = bOff + p * n;
                    for (int j = 0; j < n; j++) dc[row + j] += av * db[br + j];
                }
            }
        } else if (a instanceof int[] ia) {
            int[] ib = (int[]) b, ic = (int[]) c;
            for (int i = 0; i < m; i++) {
                int row = cOff + i * n;
                java.util.Arrays.fill(ic, row, row + n, 0);
                for (int p = 0; p < k; p++) {
                    int av = ia[aOff + i * k + p];
                    int br = bOff + p * n;
                    for (int j = 0; j < n; j++) ic[row + j] += av * ib[br + j];
                }
            }
        } else {
            long[] la = (long[]) a, lb = (long[]) b, lc = (long[]) c;
            for (int i = 0; i < m; i++) {
                int row = cOff + i * n;
                java.util.Arrays.fill(lc, row, row + n, 0L);
                for (int p = 0; p < k; p++) {
                    long av = la[aOff + i * k + p];
                    int br = bOff + p * n;
                    for (int j = 0; j < n; j++) lc[row + j] += av * lb[br + j];
                }
            }
        }
    }

    /**
     * {@code C = alpha * op(A) * op(B) + beta * C} for float (through {@link Sgemm}) or double
     * working arrays, op(A) (M, K) and op(B) (K, N), each addressed as {@code x[off + row * ld + col]}
     * in its stored layout; the gradient products use it.
     */
    static void gemm(boolean transA, boolean transB, int m, int n, int k, double alpha,
                     Object a, int aOff, int lda, Object b, int bOff, int ldb,
                     double beta, Object c, int cOff, int ldc) {
        if (a instanceof float[] fa) {
            Sgemm.gemm(transA, transB, m, n, k, (float) alpha, fa, aOff, lda, (float[]) b, bOff, ldb,
                    (float) beta, (float[]) c, cOff, ldc);
            return;
        }
        double[] da = (double[]) a, db = (double[]) b, dc = (double[]) c;
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double s = 0;
                for (int p = 0; p < k; p++) {
                    s += da[aOff + (transA ? p * lda + i : i * lda + p)] * db[bOff + (transB ? j * ldb + p : p * ldb + j)];
                }
                int ci = cOff + i * ldc + j;
                dc[ci] = alpha * s + (beta == 0 ? 0 : beta * dc[ci]);
            }
        }
    }
}
