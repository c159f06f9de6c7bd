package dev.kiln.ops.fused;

import dev.kiln.ops.common.Parallel;
import dev.kiln.ops.common.Vectors;
import dev.kiln.ops.math.Add;
import dev.kiln.ops.math.Div;
import dev.kiln.ops.math.Mul;
import dev.kiln.ops.unary.Erf;
import dev.kiln.ops.unary.ErfKernel;
import dev.kiln.runtime.exec.RunBuffers;
import dev.kiln.runtime.graph.Attribute;
import dev.kiln.runtime.graph.Node;
import dev.kiln.runtime.op.Op;
import dev.kiln.runtime.op.TensorOp;
import dev.kiln.runtime.tensor.DType;
import dev.kiln.runtime.tensor.Tensor;
import dev.kiln.runtime.tensor.Value;

/**
 * dev.kiln:Gelu: the exact GELU {@code Y = X * (1 + erf(X / sqrt(2))) * 0.5}. Stands for the
 * Div/Erf/Add/Mul/Mul chain that exporters write. With attribute {@code divide} = 0 the chain's
 * argument is {@code X * 0.70710677} (the exporter's Mul form) instead of {@code X / 1.4142135}.
 *
 * <p>The fast path (float32) is one pass of the vector kernel {@link ErfKernel#geluFast}, whose
 * absolute error is below {@code 2e-7 * |X|} (erf as a rational function; the tests bound it);
 * without the Vector API it takes the chain's float32 steps in the same order, with the erf of
 * the {@link Erf} op, in three passes. Other types run the reference: the standard ops of the
 * chain in sequence.
 */
public final class Gelu extends TensorOp {
    private static final float SQRT2 = (float) Math.sqrt(2);
    private static final float INV_SQRT2 = (float) Math.sqrt(0.5);
    /** Elements per intra-op task. */
    private static final int BLOCK = 1 << 15;

    private final boolean divide;
    /** The rank of the chain's constants: 1 turns a scalar X's result into shape [1], as broadcasting did. */
    private final int constRank;
    private final Erf erf = new Erf(Attention.plain("Erf"));
    private final Op scale;
    private final Op add = new Add(Attention.plain("Add"), Attention.context(14));
    private final Op mul = new Mul(Attention.plain("Mul"), Attention.context(14));

    public Gelu(Node node) {
        this.divide = node.attributes().getInt("divide", 1) != 0;
        this.constRank = (int) node.attributes().getInt("const_rank", 0);
        this.scale = divide ? new Div(Attention.plain("Div"), Attention.context(14)) : mul;
    }

    // X: any shape → Y: same shape
    @Override
    protected Tensor[] compute(Tensor[] inputs) {
        Tensor x = MatMulAdd.require(inputs, 0, "X");
        if (x.dtype() != DType.FLOAT32 || x.rank() < constRank) return new Tensor[] {reference(x)};
        float[] xv = x.floats();
        if (Vectors.ENABLED) {
            float[] y = RunBuffers.floats(xv.length);
            ErfKernel.geluFast(xv, y);
            return new Tensor[] {Tensor.wrap(DType.FLOAT32, x.shape(), y)};
        }
        float[] u = new float[xv.length];
        int tasks = (xv.length + BLOCK - 1) / BLOCK;
        Parallel.forEach(tasks, Parallel.threads(), t -> {
            for (int i = t * BLOCK, end = Math.min(xv.length, i + BLOCK); i < end; i++) {
                u[i] = divide ? xv[i] / SQRT2 : xv[i] * INV_SQRT2;
            }
        });
        // one call over the whole tensor, so that the Erf kernel can split it across threads
        float[] e = erf.apply(Tensor.wrap(DType.FLOAT32, x.shape(), u)).floats();
        float[] y = u; // u is ours and no longer needed: the result goes in its place
        Parallel.forEach(tasks, Parallel.threads(), t -> {
            for (int i = t * BLOCK, end = Math.min(xv.length, i + BLOCK); i < end; i++) {
                y[i] = xv[i] * (e[i] + 1f) * 0.5f;
            }
        });
        return new Tensor[] {Tensor.wrap(DType.FLOAT32, x.shape(), y)};
    }

    /** The reference: the standard ops of the chain, in sequence, on constants of rank {@code const_rank}. */
    public Tensor reference(Tensor x) {
        Value u = scale.forward(new Value[] {x, constant(divide ? SQRT2 : INV_SQRT2)}, null)[0];
        Value a = add.forward(new Value[] {erf.forward(new Value[] {u}, null)[0], constant(1f)}, null)[0];
        Value t = mul.forward(new Value[] {x, a}, null)[0];
        return (Tensor) mul.forward(new Value[] {t, constant(0.5f)}, null)[0];
    }

    private Tensor constant(float v) { return constRank == 0 ? Tensor.scalar(v) : Tensor.of(new float[] {v}, 1); }

    /**
     * The Gelu a fused product absorbed, read from its {@code activation} attribute ("gelu", with
     * the absorbed node's {@code divide} and {@code const_rank}), or null when there is none.
     *
     * @throws IllegalArgumentException naming the node for an unknown activation
     */
    static Gelu absorbed(Node node) {
        String activation = node.attributes().getString("activation", "");
        if (activation.isEmpty()) return null;
        if (!activation.equals("gelu")) {
            throw new IllegalArgumentException("node '" + node.name() + "': unknown activation '" + activation
                    + "' (known: gelu)");
        }
        return new Gelu(Attention.plain("Gelu",
                Attribute.of("divide", node.attributes().getInt("divide", 1)),
                Attribute.of("const_rank", node.attributes().getInt("const_rank", 0))));
    }
}
