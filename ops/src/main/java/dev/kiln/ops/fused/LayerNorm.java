package dev.kiln.ops.fused;


import dev.kiln.ops.common.Parallel;
import dev.kiln.ops.common.Vectors;
import dev.kiln.ops.math.Add;
import dev.kiln.ops.math.Div;
import dev.kiln.ops.math.Mul;
import dev.kiln.ops.math.Pow;
import dev.kiln.ops.math.Sub;
import dev.kiln.ops.norm.LayerNormKernel;
import dev.kiln.ops.reduce.ReduceMean;
import dev.kiln.ops.unary.Sqrt;
import dev.kiln.runtime.exec.RunBuffers;
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
 * exporters write.
 *
 * <p>The fast path (float32, gamma and beta of C or 1 values) is the vector kernel of the
 * LayerNormalization op ({@link LayerNormKernel}: one row at a time in three sweeps while it sits
 * in cache, row blocks over the intra-op threads, the row scaled by its inverse standard
 * deviation); without the Vector API the same steps run in scalar loops. The result is within a
 * few float32 ulps of the chain's (the tests bound it). Every other case runs the reference: the
 * standard ops of the chain in sequence.
 */
public final class LayerNorm extends TensorOp {
    /** About this many elements per intra-op task. */
    private static final int BLOCK = 1 << 13;

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
        float[] y = RunBuffers.floats(xv.length);
        float[] g = gamma == null ? null : gamma.floats();
        float[] b = beta == null ? null : beta.floats();
        int rows = c == 0 ? 0 : xv.length / c;
        if (Vectors.ENABLED && c > 0) {
            // the LayerNormalization op's vector kernel, with gamma and beta widened to C values
            LayerNormKernel.rows(xv, y, rows, c, widen(g, c, 1f), b == null ? null : widen(b, c, 0f), epsilon,
                    null, null);
            return new Tensor[] {Tensor.wrap(DType.FLOAT32, x.shape(), y)};
        }
        int perTask = Math.max(1, BLOCK / Math.max(1, c));
        Parallel.forEach((rows + perTask - 1) / perTask, Parallel.threads(),
                task -> normalize(xv, y, g, b, c, task * perTask, Math.min(rows, (task + 1) * perTask)));
        return new Tensor[] {Tensor.wrap(DType.FLOAT32, x.shape(), y)};
    }

    /** {@code v} as C values: itself, its one value repeated, or {@code fill} when absent. */
    private static float[] widen(float[] v, int c, float fill) {
        if (v != null && v.length == c) return v;
        float[] w = new float[c];
        java.util.Arrays.fill(w, v == null ? fill : v[0]);
        return w;
    }

    // rows [from, to) of X (rows, C) into Y, without the Vector API
    private void normalize(float[] xv, float[] y, float[] g, float[] b, int c, int from, int to) {
        float g0 = g == null ? 1f : g[0], b0 = b == null ? 0f : b[0];
        boolean gv = g != null && g.length == c && c > 1, bv = b != null && b.length == c && c > 1;
        for (int base = from * c; base < to * c; base += c) {
            double sum = 0;
            for (int j = 0; j < c; j++) sum += xv[base + j];
            float mu = (float) (sum / c);
            double sq = 0;
            for (int j = 0; j < c; j++) {
                float d = xv[base + j] - mu;
                sq += d * d;
            }
            float inv = 1f / (float) Math.sqrt((float) (sq / c) + epsilon);
            for (int j = 0; j < c; j++) {
                y[base + j] = (xv[base + j] - mu) * inv * (gv ? g[j] : g0) + (bv ? b[j] : b0);
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
