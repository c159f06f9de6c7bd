package dev.kiln.ops.norm;

import dev.kiln.ops.common.Vectors;
import dev.kiln.runtime.graph.Node;
import dev.kiln.runtime.op.TensorOp;
import dev.kiln.runtime.tensor.DType;
import dev.kiln.runtime.tensor.Shape;
import dev.kiln.runtime.tensor.Tensor;

/**
 * LayerNormalization: over the axes {@code [axis, rank)},
 * {@code Y = (X - Mean) * InvStdDev * Scale + B} with {@code InvStdDev = 1 / sqrt(Var + epsilon)};
 * Scale and B broadcast to X. Mean and InvStdDev are optional outputs of shape
 * {@code (d0, .., d[axis-1], 1, .., 1)} in the {@code stash_type} precision (float32 by default).
 */
public final class LayerNormalization extends TensorOp {
    private final long axis;
    private final double epsilon;
    private final DType stashType;

    public LayerNormalization(Node node) {
        this.axis = node.attributes().getInt("axis", -1);
        this.epsilon = node.attributes().getFloat("epsilon", 1e-5f);
        this.stashType = stashType(node.attributes().getInt("stash_type", 1));
    }

    static DType stashType(long code) {
        DType t;
        try {
            t = DType.fromOnnx((int) code);
        } catch (IllegalArgumentException e) {
            t = null;
        }
        if (t == null || !t.isFloatingPoint() || t.isNarrow()) {
            throw new IllegalArgumentException("attribute 'stash_type' must name a float type, got " + code);
        }
        return t;
    }

    // X: (d0..dr-1), Scale/B: broadcast to X → Y like X, Mean/InvStdDev: (d0..d[axis-1], 1..1)
    @Override
    protected Tensor[] compute(Tensor[] inputs) {
        Tensor x = Values.require(inputs, 0, "X");
        Values.requireFloat(x, "X");
        int r = x.rank();
        int a = RowStats.axis(axis, r);
        Param scale = Param.of(Values.require(inputs, 1, "Scale"), x.shape(), a, "Scale");
        Param bias = inputs.length > 2 && inputs[2] != null ? Param.of(inputs[2], x.shape(), a, "B") : null;
        int inner = scale.inner();
        int rows = inner == 0 ? 0 : x.size() / inner;
        Shape statShape = RowStats.statShape(x.shape(), a);
        if (Vectors.ENABLED && x.dtype() == DType.FLOAT32 && stashType == DType.FLOAT32
                && scale.isRowVector() && inputs[1].dtype() == DType.FLOAT32
                && (bias == null || bias.isRowVector() && inputs[2].dtype() == DType.FLOAT32)) {
            float[] y = new float[x.size()];
            double[] mean = new double[rows], inv = new double[rows];
            LayerNormKernel.rows(x.floats(), y, rows, inner, inputs[1].floats(),
                    bias == null ? null : inputs[2].floats(), (float) epsilon, mean, inv);
            return new Tensor[] {Tensor.wrap(DType.FLOAT32, x.shape(), y),
                    Tensor.fromDoubles(stashType, statShape, mean), Tensor.fromDoubles(stashType, statShape, inv)};
        }
        Values in = Values.of(x, "X");
        Values out = Values.alloc(x.dtype(), x.size());
        double[] mean = new double[rows], inv = new double[rows];
        for (int row = 0; row < rows; row++) {
            int base = row * inner;
            double m = RowStats.mean(in, base, inner);
            double v = RowStats.variance(in, base, inner, m);
            double is = 1 / Math.sqrt(v + epsilon);
            mean[row] = m;
            inv[row] = is;
            for (int j = 0; j < inner; j++) {
                double y = (in.get(base + j) - m) * is * scale.at(base + j, j);
                if (bias != null) y += bias.at(base + j, j);
                out.set(base + j, y);
            }
        }
        return new Tensor[] {out.toTensor(x.dtype(), x.shape()), Tensor.fromDoubles(stashType, statShape, mean),
                Tensor.fromDoubles(stashType, statShape, inv)};
    }

    // Y = (X - Mean) * InvStdDev * Scale + B over each row [axis, rank); Mean, InvStdDev are outputs too  =>
    //   xhat = (X - Mean) * InvStdDev, g = dY * Scale
    //   dX = InvStdDev * (g - mean(g) - xhat * mean(g * xhat)) + dMean / n + dVar * 2 (X - Mean) / n,
    //     with dVar = dInvStdDev * -InvStdDev^3 / 2
    //   dScale = sum of dY * xhat, dB = sum of dY, each over the elements that read that parameter
    @Override
    public Tensor[] backward(Tensor[] inputs, Tensor[] outputs, Tensor[] dOutputs) {
        Tensor x = Values.require(inputs, 0, "X");
        Values.requireFloat(x, "X");
        int a = RowStats.axis(axis, x.rank());
        Tensor scaleT = Values.require(inputs, 1, "Scale");
        Tensor biasT = inputs.length > 2 ? inputs[2] : null;
        Param scale = Param.of(scaleT, x.shape(), a, "Scale");
        Param bias = biasT != null ? Param.of(biasT, x.shape(), a, "B") : null;
        int inner = scale.inner();
        int rows = inner == 0 ? 0 : x.size() / inner;
        Values in = Values.of(x, "X"), dy = Values.of(dOutputs[0], "dY");
        Tensor dMeanT = dOutputs.length > 1 ? dOutputs[1] : null;
        Tensor dInvT = dOutputs.length > 2 ? dOutputs[2] : null;
        Values dx = Values.alloc(x.dtype(), x.size());
        double[] dScale = new double[scale.size()];
        double[] dBias = bias == null ? null : new double[bias.size()];
        double[] g = new double[inner];
        for (int row = 0; row < rows; row++) {
            int base = row * inner;
            double m = RowStats.mean(in, base, inner);
            double inv = 1 / Math.sqrt(RowStats.variance(in, base, inner, m) + epsilon);
            for (int j = 0; j < inner; j++) {
                double d = dy.get(base + j);
                g[j] = d * scale.at(base + j, j);
                dScale[scale.index(base + j, j)] += d * (in.get(base + j) - m) * inv;
                if (dBias != null) dBias[bias.index(base + j, j)] += d;
            }
            double dMean = dMeanT == null ? 0 : dMeanT.getDouble(row);
            double dVar = dInvT == null ? 0 : dInvT.getDouble(row) * -0.5 * inv * inv * inv;
            RowStats.normBackward(in, base, inner, m, inv, g, dMean, dVar, dx);
        }
        Tensor[] grads = new Tensor[inputs.length];
        grads[0] = dx.toTensor(x.dtype(), x.shape());
        grads[1] = Tensor.fromDoubles(scaleT.dtype(), scaleT.shape(), dScale);
        if (dBias != null) grads[2] = Tensor.fromDoubles(biasT.dtype(), biasT.shape(), dBias);
        return grads;
    }
}
