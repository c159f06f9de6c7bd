package dev.kiln.ops.norm;

import dev.kiln.runtime.graph.Node;
import dev.kiln.runtime.op.TensorOp;
import dev.kiln.runtime.tensor.Tensor;

/**
 * InstanceNormalization: for every (n, c) plane,
 * {@code Y = scale[c] * (X - mean) / sqrt(var + epsilon) + B[c]} with statistics over the
 * spatial axes.
 */
public final class InstanceNormalization extends TensorOp {
    private final double epsilon;

    public InstanceNormalization(Node node) {
        this.epsilon = node.attributes().getFloat("epsilon", 1e-5f);
    }

    // X: (N, C, D1..Dk), scale: (C), B: (C) → Y like X
    @Override
    protected Tensor[] compute(Tensor[] inputs) {
        Tensor x = Values.require(inputs, 0, "X");
        Values.requireFloat(x, "X");
        if (x.rank() < 3) {
            throw new IllegalArgumentException("input X must have shape (N, C, D1, ...), got " + x.shape());
        }
        int batch = x.shape().dimInt(0), channels = x.shape().dimInt(1);
        double[] scale = GroupNormalization.perChannel(inputs[1], channels, "scale");
        double[] bias = GroupNormalization.perChannel(inputs[2], channels, "B");
        int inner = (int) x.shape().sizeBetween(2, x.rank());
        Values in = Values.of(x, "X");
        Values out = Values.alloc(x.dtype(), x.size());
        for (int n = 0; n < batch; n++) {
            for (int c = 0; c < channels; c++) {
                int base = (n * channels + c) * inner;
                double m = RowStats.mean(in, base, inner);
                double a = scale[c] / Math.sqrt(RowStats.variance(in, base, inner, m) + epsilon);
                for (int i = 0; i < inner; i++) out.set(base + i, (in.get(base + i) - m) * a + bias[c]);
            }
        }
        return new Tensor[] {out.toTensor(x.dtype(), x.shape())};
    }

    // Y = scale[c] * xhat + B[c], xhat = (X - mean) / sqrt(var + epsilon) per (n, c) plane  =>
    //   dX = inv * (g - mean(g) - xhat * mean(g * xhat)) with g = dY * scale[c], inv = 1 / sqrt(var + epsilon)
    //   dScale[c] = sum over n and the plane of dY * xhat, dB[c] = sum of dY
    @Override
    public Tensor[] backward(Tensor[] inputs, Tensor[] outputs, Tensor[] dOutputs) {
        Tensor x = Values.require(inputs, 0, "X");
        Values.requireFloat(x, "X");
        if (x.rank() < 3) {
            throw new IllegalArgumentException("input X must have shape (N, C, D1, ...), got " + x.shape());
        }
        int batch = x.shape().dimInt(0), channels = x.shape().dimInt(1);
        double[] scale = GroupNormalization.perChannel(inputs[1], channels, "scale");
        GroupNormalization.perChannel(inputs[2], channels, "B");
        int inner = (int) x.shape().sizeBetween(2, x.rank());
        Values in = Values.of(x, "X"), dy = Values.of(dOutputs[0], "dY");
        Values dx = Values.alloc(x.dtype(), x.size());
        double[] dScale = new double[channels], dBias = new double[channels];
        double[] g = new double[inner];
        for (int n = 0; n < batch; n++) {
            for (int c = 0; c < channels; c++) {
                int base = (n * channels + c) * inner;
                double m = RowStats.mean(in, base, inner);
                double inv = 1 / Math.sqrt(RowStats.variance(in, base, inner, m) + epsilon);
                for (int i = 0; i < inner; i++) {
                    double d = dy.get(base + i);
                    g[i] = d * scale[c];
                    dScale[c] += d * (in.get(base + i) - m) * inv;
                    dBias[c] += d;
                }
                RowStats.normBackward(in, base, inner, m, inv, g, 0, 0, dx);
            }
        }
        return new Tensor[] {dx.toTensor(x.dtype(), x.shape()),
                Tensor.fromDoubles(inputs[1].dtype(), inputs[1].shape(), dScale),
                Tensor.fromDoubles(inputs[2].dtype(), inputs[2].shape(), dBias)};
    }
}
