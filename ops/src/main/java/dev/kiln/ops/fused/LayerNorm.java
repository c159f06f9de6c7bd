package dev.kiln.ops.fused;


import dev.kiln.ops.common.Parallel;
import dev.kiln.ops.common.VectorMath;
import dev.kiln.ops.common.Vectors;
import dev.kiln.ops.math.Add;
import dev.kiln.ops.math.Div;
import dev.kiln.ops.math.Mul;
import dev.kiln.ops.math.Pow;
import dev.kiln.ops.math.Sub;
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
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * dev.kiln:LayerNorm: layer normalization over the last axis,
 * {@code Y = (X - mean) / sqrt(var + epsilon) * gamma + beta} with the biased variance; gamma and
 * beta are optional. Stands for the ReduceMean/Sub/Pow/ReduceMean/Add/Sqrt/Div/Mul/Add chain that
 * exporters write.
 *
 * <p>The fast path (float32, gamma and beta of C or 1 values) normalizes one row at a time in
 * three vector sweeps while the row sits in cache, blocks of rows spread over the intra-op
 * threads: the sums of X and of the squared deviations run in float32 vector lanes combined in
 * double, and the row is scaled by the inverse standard deviation; the result is within a few
 * float32 ulps of the chain's (the tests bound it). Every other case runs the reference: the
 * standard ops of the chain in sequence.
 */
public final class LayerNorm extends TensorOp {
    private static final VectorSpecies<Float> S = Vectors.ENABLED ? FloatVector.SPECIES_PREFERRED : null;
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
        int perTask = Math.max(1, BLOCK / Math.max(1, c));
        Parallel.forEach((rows + perTask - 1) / perTask, Parallel.threads(),
                task -> normalize(xv, y, g, b, c, task * perTask, Math.min(rows, (task + 1) * perTask)));
        return new Tensor[] {Tensor.wrap(DType.FLOAT32, x.shape(), y)};
    }

    // rows [from, to) of X (rows, C) into Y
    private void normalize(float[] xv, float[] y, float[] g, float[] b, int c, int from, int to) {
        float g0 = g == null ? 1f : g[0], b0 = b == null ? 0f : b[0];
        boolean gv = g != null && g.length == c && c > 1, bv = b != null && b.length == c && c > 1;
        int bound = S == null ? 0 : S.loopBound(c);
        for (int base = from * c; base < to * c; base += c) {
            // mean and biased variance: float32 vector partial sums, combined in double
            FloatVector acc = FloatVector.zero(S);
            int j = 0;
            for (; j < bound; j += S.length()) acc = acc.add(FloatVector.fromArray(S, xv, base + j));
            double sum = VectorMath.sumLanes(acc);
            for (; j < c; j++) sum += xv[base + j];
            float mu = (float) (sum / c);
            FloatVector sq = FloatVector.zero(S);
            j = 0;
            for (; j < bound; j += S.length()) {
                FloatVector d = FloatVector.fromArray(S, xv, base + j).sub(mu);
                sq = d.fma(d, sq);
            }
            double sqSum = VectorMath.sumLanes(sq);
            for (; j < c; j++) {
                float d = xv[base + j] - mu;
                sqSum += d * d;
            }
            float inv = 1f / (float) Math.sqrt((float) (sqSum / c) + epsilon);
            j = 0;
            for (; j < bound; j += S.length()) {
                FloatVector v = FloatVector.fromArray(S, xv, base + j).sub(mu).mul(inv);
                v = gv ? v.mul(FloatVector.fromArray(S, g, j)) : v.mul(g0);
                v = bv ? v.add(FloatVector.fromArray(S, b, j)) : v.add(b0);
                v.intoArray(y, base + j);
            }
            for (; j < c; j++) {
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
