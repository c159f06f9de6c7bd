package dev.kiln.ops.fused;

import dev.kiln.ops.unary.Erf;
import dev.kiln.runtime.graph.Node;
import dev.kiln.runtime.op.TensorOp;
import dev.kiln.runtime.tensor.DType;
import dev.kiln.runtime.tensor.Tensor;

/**
 * dev.kiln:Gelu: the exact GELU {@code Y = X * 0.5 * (1 + erf(X / sqrt(2)))}, float32, in one
 * pass (the erf is {@link Erf#erf}). Stands for the Div/Erf/Add/Mul/Mul chain that exporters
 * write.
 */
public final class Gelu extends TensorOp {
    private static final float SQRT2 = (float) Math.sqrt(2);

    public Gelu(Node node) {}

    // X: any shape → Y: same shape
    @Override
    protected Tensor[] compute(Tensor[] inputs) {
        Tensor x = MatMulAdd.require(inputs, 0, "X");
        if (x.dtype() != DType.FLOAT32) throw new IllegalArgumentException("input X must be float32, got " + x.dtype());
        float[] xv = x.floats();
        float[] y = new float[xv.length];
        for (int i = 0; i < xv.length; i++) {
            float v = xv[i];
            y[i] = v * 0.5f * (1f + (float) Erf.erf(v / SQRT2));
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
