package dev.kiln.ops.ml;

import dev.kiln.runtime.graph.Attributes;
import dev.kiln.runtime.graph.Node;
import dev.kiln.runtime.op.TensorOp;
import dev.kiln.runtime.tensor.DType;
import dev.kiln.runtime.tensor.Tensor;

/**
 * ai.onnx.ml Scaler: {@code Y = (X - offset) * scale} along the last axis, float32. Each of
 * {@code offset} and {@code scale} has one value per feature or a single value for all; an absent
 * one means 0 (offset) or 1 (scale).
 */
public final class Scaler extends TensorOp {
    private final double[] offset;
    private final double[] scale;

    public Scaler(Node node) {
        Attributes a = node.attributes();
        offset = MlInput.floatList(a.getFloats("offset", new float[] {0f}));
        scale = MlInput.floatList(a.getFloats("scale", new float[] {1f}));
        if (offset.length == 0 || scale.length == 0) {
            throw new IllegalArgumentException("attributes 'offset' and 'scale' must not be empty");
        }
    }

    @Override
    protected Tensor[] compute(Tensor[] inputs) {
        // x: (..., C) -> y: (..., C) float32
        Tensor x = inputs[0];
        MlInput.requireNumeric(x, "Scaler");
        int c = x.rank() == 0 ? 1 : x.shape().dimInt(-1);
        check(offset, c, "offset");
        check(scale, c, "scale");
        double[] v = MlInput.doubles(x);
        float[] y = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            int f = c == 0 ? 0 : i % c;
            double o = offset.length == 1 ? offset[0] : offset[f];
            double s = scale.length == 1 ? scale[0] : scale[f];
            y[i] = (float) ((v[i] - o) * s);
        }
        return new Tensor[] {Tensor.wrap(DType.FLOAT32, x.shape(), y)};
    }

    private static void check(double[] values, int features, String name) {
        if (values.length != 1 && values.length != features) {
            throw new IllegalArgumentException("Scaler: attribute '" + name + "' has " + values.length
                    + " values; expected 1 or the " + features + " features of the last axis of X");
        }
    }
}
