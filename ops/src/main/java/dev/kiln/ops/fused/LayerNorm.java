package dev.kiln.ops.fused;

import dev.kiln.runtime.graph.Node;
import dev.kiln.runtime.op.TensorOp;
import dev.kiln.runtime.tensor.DType;
import dev.kiln.runtime.tensor.Tensor;

/**
 * dev.kiln:LayerNorm: layer normalization over the last axis, float32,
 * {@code Y = (X - mean) / sqrt(var + epsilon) * gamma + beta} with the biased variance. gamma and
 * beta are optional and hold C or 1 values. One row is normalized at a time, in three sweeps over
 * that row while it sits in cache. Stands for the ReduceMean/Sub/Pow/ReduceMean/Add/Sqrt/Div/Mul/Add
 * chain that exporters write, and reproduces it bit for bit: the means accumulate in double in
 * row order and round to float32 as ReduceMean's do, and every other step is the same float32
 * operation (a division by the standard deviation, not a multiplication by its inverse).
 */
public final class LayerNorm extends TensorOp {
    private final float epsilon;

    public LayerNorm(Node node) {
        this.epsilon = node.attributes().getFloat("epsilon", 1e-5f);
    }

    // X: (..., C), gamma: (C) or (1), beta: (C) or (1) → Y: (..., C)
    @Override
    protected Tensor[] compute(Tensor[] inputs) {
        Tensor x = MatMulAdd.require(inputs, 0, "X");
        Tensor gamma = inputs.length > 1 ? inputs[1] : null;
        Tensor beta = inputs.length > 2 ? inputs[2] : null;
        int c = check(x, gamma, beta);
        float[] xv = x.floats();
        float[] y = new float[xv.length];
        float[] g = gamma == null ? null : gamma.floats();
        float[] b = beta == null ? null : beta.floats();
        int gs = g == null || g.length == 1 ? 0 : 1, bs = b == null || b.length == 1 ? 0 : 1;
        for (int base = 0; base < xv.length; base += c) {
            double sum = 0;
            for (int j = 0; j < c; j++) sum += xv[base + j];
            float mean = (float) (sum / c);
            double sq = 0;
            for (int j = 0; j < c; j++) {
                float d = xv[base + j] - mean;
                sq += d * d;
            }
            float sd = (float) Math.sqrt((float) (sq / c) + epsilon);
            for (int j = 0; j < c; j++) {
                float v = (xv[base + j] - mean) / sd;
                if (g != null) v *= g[j * gs];
                if (b != null) v += b[j * bs];
                y[base + j] = v;
            }
        }
        return new Tensor[] {Tensor.wrap(DType.FLOAT32, x.shape(), y)};
    }

    /** The plain reference, in double: mean, variance, then the affine map, element by element. */
    public static Tensor reference(Tensor x, Tensor gamma, Tensor beta, float epsilon) {
        int c = check(x, gamma, beta);
        int rows = c == 0 ? 0 : x.size() / c;
        Tensor y = Tensor.zeros(DType.FLOAT32, x.shape());
        for (int r = 0; r < rows; r++) {
            double mean = 0, var = 0;
            for (int j = 0; j < c; j++) mean += x.getDouble(r * c + j) / c;
            for (int j = 0; j < c; j++) var += Math.pow(x.getDouble(r * c + j) - mean, 2) / c;
            for (int j = 0; j < c; j++) {
                double v = (x.getDouble(r * c + j) - mean) / Math.sqrt(var + epsilon);
                if (gamma != null) v *= gamma.getDouble(gamma.size() == 1 ? 0 : j);
                if (beta != null) v += beta.getDouble(beta.size() == 1 ? 0 : j);
                y.setDouble(r * c + j, v);
            }
        }
        return y;
    }

    /** The row length C after validating the operands. */
    private static int check(Tensor x, Tensor gamma, Tensor beta) {
        if (x.dtype() != DType.FLOAT32) throw new IllegalArgumentException("input X must be float32, got " + x.dtype());
        if (x.rank() == 0) throw new IllegalArgumentException("input X must have rank >= 1 to normalize its last axis");
        int c = x.shape().dimInt(-1);
        checkParam(gamma, c, "gamma");
        checkParam(beta, c, "beta");
        return c;
    }

    private static void checkParam(Tensor p, int c, String name) {
        if (p == null) return;
        if (p.dtype() != DType.FLOAT32 || p.rank() != 1 || (p.size() != c && p.size() != 1)) {
            throw new IllegalArgumentException("input " + name + " is " + p.describe() + ", expected float32["
                    + c + "] (or one value) to match the last axis of X");
        }
    }
}
