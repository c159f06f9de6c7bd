package dev.kiln.ops.shape;

import dev.kiln.runtime.graph.Node;
import dev.kiln.runtime.op.TensorOp;
import dev.kiln.runtime.tensor.Tensor;

/**
 * SpaceToDepth: moves {@code blocksize x blocksize} spatial blocks into channels,
 * (N, C, H, W) to (N, C·b², H/b, W/b); output channel {@code (b1*b + b2)*C + c}.
 */
public final class SpaceToDepth extends TensorOp {
    private final long blocksize;

    public SpaceToDepth(Node node) {
        this.blocksize = node.attributes().requireInt("blocksize");
        if (blocksize < 1) throw new IllegalArgumentException("attribute 'blocksize' must be positive, got " + blocksize);
    }

    @Override
    protected Tensor[] compute(Tensor[] inputs) {
        Tensor x = Inputs.required(inputs, 0, "input");
        if (x.rank() != 4) throw new IllegalArgumentException("input 'input' must be 4-D (N, C, H, W), got " + x.describe());
        long[] d = x.shape().dims();
        long b = blocksize;
        if (d[2] % b != 0 || d[3] % b != 0) {
            throw new IllegalArgumentException("spatial size " + d[2] + "x" + d[3] + " is not divisible by blocksize " + b);
        }
        long n = d[0];
        long c = d[1];
        long h = d[2] / b;
        long w = d[3] / b;
        long W = d[3];
        long chw = c * d[2] * W;
        // output viewed as (N, b1, b2, C, H', W') reading x[n, c, h'*b + b1, w'*b + b2]
        long[] od = {n, b, b, c, h, w};
        long[] os = {chw, W, 1, d[2] * W, b * W, b};
        Tensor y = Moves.strided(x, 0, od, os);
        return new Tensor[] {y.reshape(dev.kiln.runtime.tensor.Shape.of(n, c * b * b, h, w))};
    }
}
