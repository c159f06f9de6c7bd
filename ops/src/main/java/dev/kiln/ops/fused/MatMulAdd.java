package dev.kiln.ops.fused;

import dev.kiln.ops.common.VectorMath;
import dev.kiln.ops.common.Vectors;
import dev.kiln.ops.linalg.GemmEpilogue;
import dev.kiln.ops.linalg.MatMul;
import dev.kiln.ops.linalg.PackedMatrix;
import dev.kiln.ops.linalg.PackedWeights;
import dev.kiln.ops.linalg.Sgemm;
import dev.kiln.ops.math.Add;
import dev.kiln.ops.unary.ErfKernel;
import dev.kiln.runtime.exec.RunBuffers;
import dev.kiln.runtime.graph.Node;
import dev.kiln.runtime.op.LoadContext;
import dev.kiln.runtime.op.Op;
import dev.kiln.runtime.op.TensorOp;
import dev.kiln.runtime.tensor.DType;
import dev.kiln.runtime.tensor.Shape;
import dev.kiln.runtime.tensor.Tensor;
import dev.kiln.runtime.tensor.Value;

/**
 * dev.kiln:MatMulAdd: {@code Y = A @ W + bias} for a 2-D W and a 1-D bias. Stands for
 * {@code Add(MatMul(A, W), bias)}.
 *
 * <p>An optional fourth input is a residual added last, {@code Y = A @ W + bias + R}, standing
 * for {@code Add(Add(MatMul(A, W), bias), R)}.
 *
 * <p>With attribute {@code activation = "gelu"} the sum goes through {@link Gelu} last (then
 * {@code divide} and {@code const_rank} are the Gelu node's attributes): {@code Y = Gelu(A @ W +
 * bias)}, standing for {@code Gelu(Add(MatMul(A, W), bias))}. The fusion never gives a node both
 * a residual and an activation; one that has both applies the activation after the residual.
 *
 * <p>The fast path (float32, bias of N values, A with K on its last axis, a residual of the
 * product's exact shape) adds the bias, the residual and the activation in the GEMM's epilogue,
 * to each block of columns while it is still in cache ({@link GemmEpilogue}), in the order of the
 * standard ops; only the GEMM's own sums round in another order than MatMul's. The weights, when
 * they are a constant, are packed once ({@link PackedWeights}). Every other case runs the
 * reference: the standard ops in sequence.
 */
public final class MatMulAdd extends TensorOp {
    private final Op matmul = new MatMul(Attention.plain("MatMul"));
    private final Op add = new Add(Attention.plain("Add"), Attention.context(14));

    private final PackedWeights weights;
    /** The activation applied last, or null. */
    private final Gelu gelu;

    public MatMulAdd(Node node, LoadContext ctx) {
        this.weights = new PackedWeights(ctx.constant(node.input(1)), false);
        this.gelu = Gelu.absorbed(node);
    }

    // A: (..., M, K) or (K), W: (K, N), bias: (N), residual: broadcast with (..., M, N)
    //   → Y: (..., M, N) or (N), or the broadcast shape with the residual
    @Override
    protected Tensor[] compute(Tensor[] inputs) {
        Tensor a = require(inputs, 0, "A"), w = require(inputs, 1, "W"), bias = require(inputs, 2, "bias");
        Tensor residual = inputs.length > 3 ? inputs[3] : null;
        if (!fastPath(a, w, bias, residual)) return new Tensor[] {reference(a, w, bias, residual)};
        int k = w.shape().dimInt(0), n = w.shape().dimInt(1);
        int rows = Math.toIntExact(a.shape().sizeBetween(0, a.rank() - 1));
        float[] y = RunBuffers.floats(rows * n);
        float[] b = bias.floats(), res = residual == null ? null : residual.floats();
        boolean act = gelu != null && Vectors.ENABLED;
        PackedMatrix packed = weights.packedFor(w);
        if (packed != null) {
            Sgemm.gemm(false, rows, 1f, a.floats(), 0, k, packed, y, 0, n,
                    (c, cOff, ldc, m, from, to) -> finish(c, cOff, ldc, m, from, to, b, res, act));
        } else {
            Sgemm.gemm(false, false, rows, n, k, 1f, a.floats(), 0, k, w.floats(), 0, n, 0f, y, 0, n);
            finish(y, 0, n, rows, 0, n, b, res, act);
        }
        long[] d = a.shape().dims();
        d[d.length - 1] = n;
        Tensor sum = Tensor.wrap(DType.FLOAT32, a.rank() == 1 ? Shape.of(n) : Shape.of(d), y);
        // without the Vector API, the Gelu op's own float32 path (its steps in the chain's order)
        return new Tensor[] {gelu != null && !act ? (Tensor) gelu.forward(new Value[] {sum}, null)[0] : sum};
    }

    // C[i, from:to] += bias[from:to] (+ R[i, from:to]), then GELU, for i < rows; R is laid out as C
    private static void finish(float[] c, int cOff, int ldc, int rows, int from, int to, float[] bias, float[] res,
                               boolean gelu) {
        int len = to - from;
        for (int i = 0; i < rows; i++) {
            int o = cOff + i * ldc + from;
            if (Vectors.ENABLED) {
                VectorMath.addInPlace(c, o, bias, from, len);
                if (res != null) VectorMath.addInPlace(c, o, res, o, len);
            } else {
                for (int j = 0; j < len; j++) c[o + j] += bias[from + j];
                if (res != null) {
                    for (int j = 0; j < len; j++) c[o + j] += res[o + j];
                }
            }
            if (gelu) ErfKernel.geluFast(c, o, c, o, len);
        }
    }

    /**
     * The reference: MatMul then Add of the bias (then Add of the residual, if any), as standard
     * ops, then the activation's reference.
     */
    public Tensor reference(Tensor a, Tensor w, Tensor bias, Tensor residual) {
        Value p = matmul.forward(new Value[] {a, w}, null)[0];
        Value y = add.forward(new Value[] {p, bias}, null)[0];
        Tensor sum = residual == null ? (Tensor) y : (Tensor) add.forward(new Value[] {y, residual}, null)[0];
        return gelu == null ? sum : gelu.reference(sum);
    }

    /** The reference without a residual. */
    public Tensor reference(Tensor a, Tensor w, Tensor bias) { return reference(a, w, bias, null); }

    private static boolean fastPath(Tensor a, Tensor w, Tensor bias, Tensor residual) {
        if (a.dtype() != DType.FLOAT32 || w.dtype() != DType.FLOAT32 || bias.dtype() != DType.FLOAT32) return false;
        if (w.rank() != 2 || bias.rank() != 1 || bias.shape().dim(0) != w.shape().dim(1)) return false;
        if (a.rank() < 2 || a.shape().dim(-1) != w.shape().dim(0)) return a.rank() == 1 && residual == null
                && a.shape().dim(0) == w.shape().dim(0);
        if (residual == null) return true;
        // the residual must have the product's exact shape (no broadcasting on the fast path)
        if (residual.dtype() != DType.FLOAT32 || residual.rank() != a.rank()) return false;
        for (int i = 0; i < a.rank() - 1; i++) if (residual.shape().dim(i) != a.shape().dim(i)) return false;
        return residual.shape().dim(-1) == w.shape().dim(1);
    }

    static Tensor require(Tensor[] inputs, int i, String name) {
        if (i >= inputs.length || inputs[i] == null) throw new IllegalArgumentException("input " + name + " is required");
        return inputs[i];
    }
}
