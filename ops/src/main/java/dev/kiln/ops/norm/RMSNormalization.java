package dev.kiln.ops.norm;

import dev.kiln.runtime.graph.Node;
import dev.kiln.runtime.op.TensorOp;
import dev.kiln.runtime.tensor.DType;
import dev.kiln.runtime.tensor.Tensor;

/**
 * RMSNormalization: over the axes {@code [axis, rank)},
 * {@code Y = X / sqrt(mean(X^2) + epsilon) * Scale}, Scale broadcast to X.
 */
public final class RMSNormalization extends TensorOp {
    private final long axis;
    private final double epsilon;

    public RMSNormalization(Node node) {
        this.axis = node.attributes().getInt("axis", -1);
        this.epsilon = node.attributes().getFloat("epsilon", 1e-5f);
        LayerNormalization.stashType(node.attributes().getInt("stash_type", 1));
    }

    // X: (d0..dr-1), scale: broadcast to X → Y: shape of X
    @Override
    protected Tensor[] compute(Tensor[] inputs) {
        Tensor x = Values.require(inputs, 0, "X");
        Values.requireFloat(x, "X");
        int a = RowStats.axis(axis, x.rank());
        Param scale = Param.of(Values.require(inputs, 1, "scale"), x.shape(), a, "scale");
        int inner = scale.inner();
        int rows = inner == 0 ? 0 : x.size() / inner;
        Values in = Values.of(x, "X");
        // Y has the element type of scale (V), usually that of X
        DType yType = inputs[1].dtype();
        Values out = Values.alloc(yType, x.size());
        for (int row = 0; row < rows; row++) {
            int base = row * inner;
            double inv = 1 / Math.sqrt(RowStats.meanSquare(in, base, inner) + epsilon);
            for (int j = 0; j < inner; j++) out.set(base + j, in.get(base + j) * inv * scale.at(base + j, j));
        }
        return new Tensor[] {out.toTensor(yType, x.shape())};
    }

    // Y = X * inv * Scale with inv = 1 / sqrt(mean(X^2) + epsilon) over each row [axis, rank)  =>
    //   dX = inv * dY * Scale - inv^3 * X / n * sum(dY * Scale * X)
    //   dScale = sum of dY * X * inv over the elements that read that parameter
    @Override
    public Tensor[] backward(Tensor[] inputs, Tensor[] outputs, Tensor[] dOutputs) {
        Tensor x = Values.require(inputs, 0, "X");
        Values.requireFloat(x, "X");
        int a = RowStats.axis(axis, x.rank());
        Tensor scaleT = Values.require(inputs, 1, "scale");
        Param scale = Param.of(scaleT, x.shape(), a, "scale");
        int inner = scale.inner();
        int rows = inner == 0 ? 0 : x.size() / inner;
        Values in = Values.of(x, "X"), dy = Values.of(dOutputs[0], "dY");
        Values dx = Values.alloc(x.dtype(), x.size());
        double[] dScale = new double[scale.size()];
        for (int row = 0; row < rows; row++) {
            int base = row * inner;
            double inv = 1 / Math.sqrt(RowStats.meanSquare(in, base, inner) + epsilon);
            double dot = 0;
            for (int j = 0; j < inner; j++) {
                double d = dy.get(base + j), xv = in.get(base + j);
                dot += d * scale.at(base + j, j) * xv;
                dScale[scale.index(base + j, j)] += d * xv * inv;
            }
            double k = inv * inv * inv * dot / inner;
            for (int j = 0; j < inner; j++) {
                dx.set(base + j, inv * dy.get(base + j) * scale.at(base + j, j) - k * in.get(base + j));
            }
        }
        return new Tensor[] {dx.toTensor(x.dtype(), x.shape()),
                Tensor.fromDoubles(scaleT.dtype(), scaleT.shape(), dScale)};
    }
}
