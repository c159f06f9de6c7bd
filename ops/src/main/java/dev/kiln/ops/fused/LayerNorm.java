package dev.kiln.ops.fused;

import dev.kiln.ops.common.Parallel;
import dev.kiln.ops.math.Add;
import dev.kiln.ops.math.Div;
import dev.kiln.ops.math.Mul;
import dev.kiln.ops.math.Pow;
import dev.kiln.ops.math.Sub;
import dev.kiln.ops.reduce.ReduceMean;
import dev.kiln.ops.unary.Sqrt;
import dev.kiln.runtime.graph.Attribute;
import dev.kiln.runtime.graph.Node;
import dev.kiln.runtime.op.Op;
import dev.kiln.runtime.op.TensorOp;
import dev.kiln.runtime.tensor.DType;
import dev.kiln.runtime.tensor.Tensor;
import dev.kiln.runtime.tensor.Value;

/**
 * dev.kiln:LayerNorm: layer normalization over the last axis,
 * {@code Y = (X - mean) / sqrt(var + epsilon) * gamma + beta} with the biased variance; gamma and
 * beta are optional. Stands for the ReduceMean/Sub/Pow/ReduceMean/Add/Sqrt/Div/Mul/Add chain that
 * exporters write and reproduces it bit for bit.
 *
 * <p>The fast path (float32, gamma and beta of C or 1 values) normalizes one row at a time in
 * three sweeps while the row sits in cache, blocks of rows spread over the intra-op threads: the means accumulate in double in row order and round
 * to float32 as ReduceMean's do, and every other step is the same float32 operation as in the
 * chain (a division by the standard deviation, not a multiplication by its inverse). Every other
 * case runs the reference: the standard ops of the chain in sequence.
 */
public final class LayerNorm extends TensorOp {
    /** About this many elements per intra-op task. */
    private static final int BLOCK = 1 << 14;

    private final float epsilon;
    private final Op mean = new ReduceMean(Attention.plain("ReduceMean", Attribute.ofInts("axes", -1)));
    private final Op sub = new Sub(Attention.plain("Sub"), Attention.context(14));
    private final Op pow = new Pow(Attention.plain("Pow"), Attention.context(15));
    private final Op add = new Add(Attention.plain("Add"), Attention.context(14));
    private final Op sqrt = new Sqrt(Attention.plain("Sqrt"));
    private final Op div = new Div(Attention.plain("Div"), Attention.context(14));
    private final Op mul = new Mul(Attention.plain("Mul"), Attention.context(14));

    public LayerNorm(Node node) {
        this.epsilon = node.attributes().getFloat("epsilon", 1e-5f);
    }

    // X: (..., C), gamma: (C) or (1), beta: (C) or (1) → Y: (..., C)
    @Override
    protected Tensor[] compute(Tensor[] inputs) {
        Tensor x = MatMulAdd.require(inputs, 0, "X");
        Tensor gamma = inputs.length > 1 ? inputs[1] : null;
        Tensor beta = inputs.length > 2 ? inputs[2] : null;
        if (x.dtype() != DType.FLOAT32 || x.rank() == 0) return new Tensor[] {reference(x, gamma, beta)};
        int c = x.shape().dimInt(-1);
        if (!fits(gamma, c) || !fits(beta, c)) return new Tensor[] {reference(x, gamma, beta)};
        float[] xv = x.floats();
        float[] y = new float[xv.length];
        float[] g = gamma == null ? null : gamma.floats();
        float[] b = beta == null ? null : beta.floats();
        int rows = c == 0 ? 0 : xv.length / c;
        int perTask = Math.max(1, BLOCK / Math.max(1, c));
        Parallel.forEach((rows + perTask - 1) / perTask, Parallel.threads(),
                task -> normalize(xv, y, g, b, c, task * perTask, Math.min(rows, (task + 1) * perTask)));
        return new Tensor[] {Tensor.wrap(DType.FLOAT32, x.shape(), y)};
    }

    // rows [from, to) of X (rows, C) into Y
    private void normalize(float[] xv, float[] y, float[] g, float[] b, int c, int from, int to) {
        int gs = g == null || g.length == 1 ? 0 : 1, bs = b == null || b.length == 1 ? 0 : 1;
        for (int base = from * c; base < to * c; base += c) {
            double sum = 0;
            for (int j = 0; j < c; j++) sum += xv[base + j];
            float mu = (float) (sum / c);
            double sq = 0;
            for (int j = 0; j < c; j++) {
                float d = xv[base + j] - mu;
                sq += d * d;
            }
            float sd = (float) Math.sqrt((float) (sq / c) + epsilon);
            for (int j = 0; j < c; j++) {
                float v = (xv[base + j] - mu) / sd;
                if (g != null) v *= g[j * gs];
                if (b != null) v += b[j * bs];
                y[base + j] = v;
            }
        }
    }

    /** The reference: the standard ops of the chain, in sequence. */
    public Tensor reference(Tensor x, Tensor gamma, Tensor beta) {
        Value m = mean.forward(new Value[] {x}, null)[0];
        Value d = sub.forward(new Value[] {x, m}, null)[0];
        Value sq = pow.forward(new Value[] {d, Tensor.scalar(2f)}, null)[0];
        Value var = mean.forward(new Value[] {sq}, null)[0];
        Value sd = sqrt.forward(new Value[] {add.forward(new Value[] {var, Tensor.scalar(epsilon)}, null)[0]}, null)[0];
        Value y = div.forward(new Value[] {d, sd}, null)[0];
        if (gamma != null) y = mul.forward(new Value[] {y, gamma}, null)[0];
        if (beta != null) y = add.forward(new Value[] {y, beta}, null)[0];
        return (Tensor) y;
    }

    /** Whether an optional gamma or beta is a float32 vector of C or 1 values. */
    private static boolean fits(Tensor p, int c) {
        return p == null || (p.dtype() == DType.FLOAT32 && p.rank() == 1 && (p.size() == c || p.size() == 1));
    }
}
