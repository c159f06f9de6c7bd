package dev.kiln.ops.fused;

import dev.kiln.ops.linalg.Sgemm;
import dev.kiln.runtime.graph.Node;
import dev.kiln.runtime.op.TensorOp;
import dev.kiln.runtime.tensor.DType;
import dev.kiln.runtime.tensor.Shape;
import dev.kiln.runtime.tensor.Tensor;

/**
 * dev.kiln:MatMulAdd: {@code Y = A @ W + bias} for a 2-D W and a 1-D bias, float32. The output
 * starts as the broadcast bias and the GEMM accumulates into it (beta = 1), so the bias costs no
 * extra pass. Stands for {@code Add(MatMul(A, W), bias)}.
 */
public final class MatMulAdd extends TensorOp {
    public MatMulAdd(Node node) {}

    // A: (..., M, K) or (K), W: (K, N), bias: (N) → Y: (..., M, N) or (N)
    @Override
    protected Tensor[] compute(Tensor[] inputs) {
        Tensor a = require(inputs, 0, "A"), w = require(inputs, 1, "W"), bias = require(inputs, 2, "bias");
        int[] mkn = check(a, w, bias);
        int rows = mkn[0], k = mkn[1], n = mkn[2];
        float[] y = new float[rows * n];
        float[] b = bias.floats();
        for (int r = 0; r < rows; r++) System.arraycopy(b, 0, y, r * n, n);
        Sgemm.gemm(false, false, rows, n, k, 1f, a.floats(), 0, k, w.floats(), 0, n, 1f, y, 0, n);
        return new Tensor[] {Tensor.wrap(DType.FLOAT32, outShape(a, n), y)};
    }

    /** The plain reference: a triple loop, then the bias. */
    public static Tensor reference(Tensor a, Tensor w, Tensor bias) {
        int[] mkn = check(a, w, bias);
        int rows = mkn[0], k = mkn[1], n = mkn[2];
        float[] av = a.floats(), wv = w.floats(), bv = bias.floats();
        float[] y = new float[rows * n];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < n; j++) {
                float s = 0f;
                for (int p = 0; p < k; p++) s += av[i * k + p] * wv[p * n + j];
                y[i * n + j] = s + bv[j];
            }
        }
        return Tensor.wrap(DType.FLOAT32, outShape(a, n), y);
    }

    /** {rows of A, K, N} after validating the operands. */
    private static int[] check(Tensor a, Tensor w, Tensor bias) {
        for (Tensor t : new Tensor[] {a, w, bias}) {
            if (t.dtype() != DType.FLOAT32) throw new IllegalArgumentException("MatMulAdd takes float32, got " + t.dtype());
        }
        if (w.rank() != 2) throw new IllegalArgumentException("input W must be 2-D (K, N), got " + w.shape());
        int k = w.shape().dimInt(0), n = w.shape().dimInt(1);
        if (bias.rank() != 1 || bias.shape().dim(0) != n) {
            throw new IllegalArgumentException("input bias has shape " + bias.shape() + ", expected [" + n + "]");
        }
        if (a.rank() == 0 || a.shape().dim(-1) != k) {
            throw new IllegalArgumentException("input A has shape " + a.shape() + ", expected a last axis of K="
                    + k + " to match W " + w.shape());
        }
        return new int[] {Math.toIntExact(a.shape().sizeBetween(0, a.rank() - 1)), k, n};
    }

    private static Shape outShape(Tensor a, int n) {
        long[] d = a.shape().dims();
        if (a.rank() == 1) return Shape.of(n);
        d[d.length - 1] = n;
        return Shape.of(d);
    }

    static Tensor require(Tensor[] inputs, int i, String name) {
        if (i >= inputs.length || inputs[i] == null) throw new IllegalArgumentException("input " + name + " is required");
        return inputs[i];
    }
}
