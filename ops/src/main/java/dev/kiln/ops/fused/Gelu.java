package dev.kiln.ops.fused;

import dev.kiln.ops.unary.Erf;
import dev.kiln.runtime.graph.Node;
import dev.kiln.runtime.op.TensorOp;
import dev.kiln.runtime.tensor.DType;
import dev.kiln.runtime.tensor.Shape;
import dev.kiln.runtime.tensor.Tensor;

/**
 * dev.kiln:Gelu: the exact GELU {@code Y = X * (1 + erf(X / sqrt(2))) * 0.5}, float32. Stands for
 * the Div/Erf/Add/Mul/Mul chain that exporters write and reproduces it bit for bit: the same
 * float32 steps in the same order, with the erf of the {@link Erf} op itself. With attribute
 * {@code divide} = 0 the argument is {@code X * 0.70710677} (the exporter's Mul form) instead of
 * {@code X / 1.4142135}. Works through X in cache-sized chunks.
 */
public final class Gelu extends TensorOp {
    private static final float SQRT2 = (float) Math.sqrt(2);
    private static final float INV_SQRT2 = (float) Math.sqrt(0.5);
    private static final int CHUNK = 4096;
    private static final Erf ERF = new Erf(new Node("erf", "", "Erf", java.util.List.of("u"), java.util.List.of("e"), null));

    private final boolean divide;

    public Gelu(Node node) {
        this.divide = node.attributes().getInt("divide", 1) != 0;
    }

    // X: any shape → Y: same shape
    @Override
    protected Tensor[] compute(Tensor[] inputs) {
        Tensor x = MatMulAdd.require(inputs, 0, "X");
        if (x.dtype() != DType.FLOAT32) throw new IllegalArgumentException("input X must be float32, got " + x.dtype());
        float[] xv = x.floats();
        float[] y = new float[xv.length];
        float[] u = new float[Math.min(CHUNK, xv.length)];
        for (int start = 0; start < xv.length; start += CHUNK) {
            int n = Math.min(CHUNK, xv.length - start);
            float[] chunk = n == u.length ? u : new float[n];
            for (int i = 0; i < n; i++) chunk[i] = divide ? xv[start + i] / SQRT2 : xv[start + i] * INV_SQRT2;
            float[] e = ERF.apply(Tensor.wrap(DType.FLOAT32, Shape.of(n), chunk)).floats();
            for (int i = 0; i < n; i++) {
                float v = xv[start + i];
                y[start + i] = v * (e[i] + 1f) * 0.5f;
            }
        }
        return new Tensor[] {Tensor.wrap(DType.FLOAT32, x.shape(), y)};
    }

    /** The plain reference, in double. */
    public static Tensor reference(Tensor x) {
        Tensor y = Tensor.zeros(DType.FLOAT32, x.shape());
        for (int i = 0; i < x.size(); i++) {
            double v = x.getDouble(i);
            y.setDouble(i, 0.5 * v * (1 + Erf.erf(v / Math.sqrt(2))));
        }
        return y;
    }
}
