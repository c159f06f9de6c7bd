package dev.kiln.ops.shape;

import dev.kiln.runtime.graph.Node;
import dev.kiln.runtime.op.TensorOp;
import dev.kiln.runtime.tensor.Tensor;

/**
 * DepthToSpace: moves {@code blocksize x blocksize} blocks of channels into space,
 * (N, C, H, W) to (N, C/b², H·b, W·b). Mode DCR (default) takes depth as (b, b, C/b²), CRD as
 * (C/b², b, b).
 */
public final class DepthToSpace extends TensorOp {
    private final long blocksize;
    private final boolean crd;

    public DepthToSpace(Node node) {
        this.blocksize = node.attributes().requireInt("blocksize");
        String mode = node.attributes().getString("mode", "DCR");
        if (!mode.equals("DCR") && !mode.equals("CRD")) {
            throw new IllegalArgumentException("attribute 'mode' is '" + mode + "', expected DCR or CRD");
        }
        this.crd = mode.equals("CRD");
        if (blocksize < 1) throw new IllegalArgumentException("attribute 'blocksize' must be positive, got " + blocksize);
    }

    @Override
    protected Tensor[] compute(Tensor[] inputs) {
        Tensor x = Inputs.required(inputs, 0, "input");
        if (x.rank() != 4) throw new IllegalArgumentException("input 'input' must be 4-D (N, C, H, W), got " + x.describe());
        long[] d = x.shape().dims();
        long b = blocksize;
        if (d[1] % (b * b) != 0) {
            throw new IllegalArgumentException("channels " + d[1] + " are not divisible by blocksize² = " + (b * b));
        }
        long n = d[0];
        long c = d[1] / (b * b);
        long h = d[2];
        long w = d[3];
        long sw = 1;
        long sh = w;
        long hw = h * w;
        // output viewed as (N, C', H, b1, W, b2); source channel = DCR: (b1*b + b2)*C' + c, CRD: c*b*b + b1*b + b2
        long[] od = {n, c, h, b, w, b};
        long[] os = crd
                ? new long[] {d[1] * hw, b * b * hw, sh, b * hw, sw, hw}
                : new long[] {d[1] * hw, hw, sh, b * c * hw, sw, c * hw};
        Tensor y = Moves.strided(x, 0, od, os);
        return new Tensor[] {y.reshape(dev.kiln.runtime.tensor.Shape.of(n, c, h * b, w * b))};
    }
}
