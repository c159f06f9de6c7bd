package dev.kiln.ops.linalg;

import dev.kiln.ops.common.Broadcast;
import dev.kiln.ops.common.GradData;
import dev.kiln.ops.common.GradReduce;
import dev.kiln.runtime.graph.Node;
import dev.kiln.runtime.op.LoadContext;
import dev.kiln.runtime.op.TensorOp;
import dev.kiln.runtime.tensor.DType;
import dev.kiln.runtime.tensor.Shape;
import dev.kiln.runtime.tensor.Tensor;

/**
 * Gemm: {@code Y = alpha * op(A) * op(B) + beta * C}, with op() an optional transpose and C
 * broadcast to (M, N). Before opset 7 C broadcasts only when the {@code broadcast} attribute is
 * set; from opset 11 C is optional. A float32 B that is a model constant is packed for the GEMM
 * once ({@link PackedWeights}).
 */
public final class Gemm extends TensorOp {
    private final float alpha;
    private final float beta;
    private final boolean transA;
    private final boolean transB;
    private final boolean broadcastC;
    /** B packed once when it is a float32 initializer. */
    private final PackedWeights weights;

    public Gemm(Node node, LoadContext ctx) {
        this.alpha = node.attributes().getFloat("alpha", 1f);
        this.beta = node.attributes().getFloat("beta", 1f);
        this.transA = node.attributes().getInt("transA", 0) != 0;
        this.transB = node.attributes().getInt("transB", 0) != 0;
        this.broadcastC = ctx.sinceVersion() >= 7 || node.attributes().getInt("broadcast", 0) != 0;
        this.weights = new PackedWeights(ctx.constant(node.input(1)), transB);
    }

    // A: (M, K) or (K, M) if transA; B: (K, N) or (N, K) if transB; C: broadcastable to (M, N)
    @Override
    protected Tensor[] compute(Tensor[] inputs) {
        Tensor a = Numeric.require(inputs, 0, "A"), b = Numeric.require(inputs, 1, "B");
        Tensor c = inputs.length > 2 ? inputs[2] : null;
        if (a.rank() != 2 || b.rank() != 2) {
            throw new IllegalArgumentException("inputs A and B must be 2-D, got A " + a.shape()
                    + " and B " + b.shape());
        }
        if (a.dtype() != b.dtype() || (c != null && c.dtype() != a.dtype())) {
            throw new IllegalArgumentException("inputs A, B and C must share one element type, got "
                    + a.dtype() + ", " + b.dtype() + (c == null ? "" : ", " + c.dtype()));
        }
        int m = a.shape().dimInt(transA ? 1 : 0), k = a.shape().dimInt(transA ? 0 : 1);
        int kb = b.shape().dimInt(transB ? 1 : 0), n = b.shape().dimInt(transB ? 0 : 1);
        if (kb != k) {
            throw new IllegalArgumentException("input B has shape " + b.shape() + " (transB=" + transB
                    + "), expected K=" + k + " to match A " + a.shape() + " (transA=" + transA + ")");
        }
        Shape out = Shape.of(m, n);
        int[] cMap = null;
        if (c != null && beta != 0f) {
            if (!broadcastC && !c.shape().equals(out)) {
                throw new IllegalArgumentException("input C has shape " + c.shape() + ", expected "
                        + out + " (set broadcast=1 to broadcast it)");
            }
            try {
                if (!Shape.broadcast(c.shape(), out).equals(out)) throw new IllegalArgumentException();
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("input C has shape " + c.shape()
                        + ", which does not broadcast to (M, N) = " + out);
            }
            cMap = Broadcast.indexMap(c.shape(), out);
        }
        Object wa = Numeric.load(a, "A"), wb = Numeric.load(b, "B");
        Object wc = c == null ? null : Numeric.load(c, "C");
        Object y = Numeric.alloc(wa, m * n);
        if (y instanceof float[] fy) {
            float sb = 0f;
            if (cMap != null) {
                float[] fc = (float[]) wc;
                for (int i = 0; i < fy.length; i++) fy[i] = beta * fc[cMap[i]];
                sb = 1f;
            }
            PackedMatrix packed = weights.packedFor(b);
            if (packed != null) {
                Sgemm.gemm(transA, m, alpha, (float[]) wa, 0, transA ? m : k, packed, sb, fy, 0, n);
            } else {
                Sgemm.gemm(transA, transB, m, n, k, alpha, (float[]) wa, 0, transA ? m : k,
                        (float[]) wb, 0, transB ? k : n, sb, fy, 0, n);
            }
        } else if (y instanceof double[] dy) {
            double[] da = (double[]) wa, db = (double[]) wb;
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < n; j++) {
                    double s = 0;
                    for (int p = 0; p < k; p++) {
                        s += da[transA ? p * m + i : i * k + p] * db[transB ? j * k + p : p * n + j];
                    }
                    double v = alpha * s;
                    if (cMap != null) v += beta * ((double[]) wc)[cMap[i * n + j]];
                    dy[i * n + j] = v;
                }
            }
        } else {
            boolean u32 = a.dtype() == DType.UINT32;
            long[] la = toLongs(wa, u32), lb = toLongs(wb, u32), lc = wc == null ? null : toLongs(wc, u32);
            long[] ly = new long[m * n];
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < n; j++) {
                    long s = 0;
                    for (int p = 0; p < k; p++) {
                        s += la[transA ? p * m + i : i * k + p] * lb[transB ? j * k + p : p * n + j];
                    }
                    long cv = cMap == null ? 0 : lc[cMap[i * n + j]];
                    ly[i * n + j] = alpha == 1f && (beta == 1f || cMap == null) ? s + cv
                            : (long) (alpha * (double) s + beta * (double) cv);
                }
            }
            y = y instanceof int[] ? toInts(ly) : ly;
        }
        return new Tensor[] {Numeric.store(a.dtype(), out, y)};
    }

    // Y = alpha * op(A) · op(B) + beta * C  =>
    //   d op(A) (M, K) = alpha * dY (M, N) · op(B)ᵀ (N, K)
    //   d op(B) (K, N) = alpha * op(A)ᵀ (K, M) · dY (M, N)
    //   dC = beta * dY summed over the axes C was broadcast along
    // and a stored-transposed operand takes the transpose of its op() gradient.
    @Override
    public Tensor[] backward(Tensor[] inputs, Tensor[] outputs, Tensor[] dOutputs) {
        Tensor a = Numeric.require(inputs, 0, "A"), b = Numeric.require(inputs, 1, "B");
        Tensor c = inputs.length > 2 ? inputs[2] : null;
        if (!a.dtype().isFloatingPoint()) return new Tensor[inputs.length];
        int m = a.shape().dimInt(transA ? 1 : 0), k = a.shape().dimInt(transA ? 0 : 1);
        int n = b.shape().dimInt(transB ? 0 : 1);
        int lda = transA ? m : k, ldb = transB ? k : n;
        Object wa = Numeric.load(a, "A"), wb = Numeric.load(b, "B");
        Object wdy = Numeric.load(dOutputs[0], "dY");
        Object dA = Numeric.alloc(wa, a.size()), dB = Numeric.alloc(wb, b.size());
        if (transA) {
            // dA (K, M) = alpha * op(B) (K, N) · dYᵀ (N, M)
            Numeric.gemm(transB, true, k, m, n, alpha, wb, 0, ldb, wdy, 0, n, 0, dA, 0, m);
        } else {
            // dA (M, K) = alpha * dY (M, N) · op(B)ᵀ (N, K)
            Numeric.gemm(false, !transB, m, k, n, alpha, wdy, 0, n, wb, 0, ldb, 0, dA, 0, k);
        }
        if (transB) {
            // dB (N, K) = alpha * dYᵀ (N, M) · op(A) (M, K)
            Numeric.gemm(true, transA, n, k, m, alpha, wdy, 0, n, wa, 0, lda, 0, dB, 0, k);
        } else {
            // dB (K, N) = alpha * op(A)ᵀ (K, M) · dY (M, N)
            Numeric.gemm(!transA, false, k, n, m, alpha, wa, 0, lda, wdy, 0, n, 0, dB, 0, n);
        }
        Tensor[] grads = new Tensor[inputs.length];
        grads[0] = Numeric.store(a.dtype(), a.shape(), dA);
        grads[1] = Numeric.store(b.dtype(), b.shape(), dB);
        if (c != null) grads[2] = gradC(c, dOutputs[0], Shape.of(m, n));
        return grads;
    }

    /** dC = beta * dY (M, N) summed onto C's broadcast shape (zero when beta is 0: C is unused). */
    private Tensor gradC(Tensor c, Tensor dY, Shape out) {
        if (beta == 0f) return Tensor.zeros(c.dtype(), c.shape());
        double[] scaled = GradData.read(dY).clone();
        for (int i = 0; i < scaled.length; i++) scaled[i] *= beta;
        return GradData.write(c.dtype(), c.shape(), GradReduce.sumTo(scaled, out, c.shape()));
    }

    private static long[] toLongs(Object w, boolean unsigned) {
        if (w instanceof long[] l) return l;
        int[] x = (int[]) w;
        long[] l = new long[x.length];
        for (int i = 0; i < x.length; i++) l[i] = unsigned ? Integer.toUnsignedLong(x[i]) : x[i];
        return l;
    }

    private static int[] toInts(long[] l) {
        int[] x = new int[l.length];
        for (int i = 0; i < l.length; i++) x[i] = (int) l[i];
        return x;
    }
}
