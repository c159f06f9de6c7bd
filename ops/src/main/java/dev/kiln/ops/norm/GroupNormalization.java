package dev.kiln.ops.norm;

import dev.kiln.runtime.graph.Node;
import dev.kiln.runtime.op.LoadContext;
import dev.kiln.runtime.op.TensorOp;
import dev.kiln.runtime.tensor.Tensor;

/**
 * GroupNormalization: the C channels form {@code num_groups} groups; every (n, group) is
 * normalized over its channels and spatial axes, then scaled and shifted. Opset 21 has one
 * scale/bias per channel; opset 18 had one per group.
 */
public final class GroupNormalization extends TensorOp {
    private final int groups;
    private final double epsilon;
    private final boolean perGroupAffine;

    public GroupNormalization(Node node, LoadContext ctx) {
        this.groups = (int) node.attributes().requireInt("num_groups");
        this.epsilon = node.attributes().getFloat("epsilon", 1e-5f);
        this.perGroupAffine = ctx.sinceVersion() < 21;
        LayerNormalization.stashType(node.attributes().getInt("stash_type", 1));
        if (groups < 1) throw new IllegalArgumentException("attribute 'num_groups' must be >= 1, got " + groups);
    }

    // X: (N, C, D1..Dk), scale/bias: (C) (opset 21) or (num_groups) (opset 18) → Y like X
    @Override
    protected Tensor[] compute(Tensor[] inputs) {
        Tensor x = Values.require(inputs, 0, "X");
        Values.requireFloat(x, "X");
        if (x.rank() < 2) throw new IllegalArgumentException("input X must have shape (N, C, ...), got " + x.shape());
        int batch = x.shape().dimInt(0), channels = x.shape().dimInt(1);
        if (channels % groups != 0) {
            throw new IllegalArgumentException("channels " + channels + " are not divisible by num_groups " + groups);
        }
        int affine = perGroupAffine ? groups : channels;
        double[] scale = perChannel(inputs[1], affine, "scale");
        double[] bias = perChannel(inputs[2], affine, "bias");
        int cg = channels / groups;
        int spatial = (int) x.shape().sizeBetween(2, x.rank());
        int groupSize = cg * spatial;
        Values in = Values.of(x, "X");
        Values out = Values.alloc(x.dtype(), x.size());
        for (int n = 0; n < batch; n++) {
            for (int g = 0; g < groups; g++) {
                int base = (n * groups + g) * groupSize;
                double m = RowStats.mean(in, base, groupSize);
                double inv = 1 / Math.sqrt(RowStats.variance(in, base, groupSize, m) + epsilon);
                for (int c = 0; c < cg; c++) {
                    int p = perGroupAffine ? g : g * cg + c;
                    int off = base + c * spatial;
                    for (int i = 0; i < spatial; i++) {
                        out.set(off + i, (in.get(off + i) - m) * inv * scale[p] + bias[p]);
                    }
                }
            }
        }
        return new Tensor[] {out.toTensor(x.dtype(), x.shape())};
    }

    /** A 1-D float parameter with {@code n} values, as doubles. */
    static double[] perChannel(Tensor t, int n, String what) {
        if (t == null) throw new IllegalArgumentException("input " + what + " is required");
        Values.requireFloat(t, what);
        if (t.rank() != 1 || t.size() != n) {
            throw new IllegalArgumentException("input " + what + " has shape " + t.shape() + ", expected [" + n + "]");
        }
        return t.toDoubleArray();
    }

    // Y = xhat * scale[p] + bias[p], xhat = (X - mean) / sqrt(var + epsilon) per (n, group),
    // p = the channel (opset 21) or the group (opset 18)  =>
    //   dX = inv * (g - mean(g) - xhat * mean(g * xhat)) over the group with g = dY * scale[p]
    //   dScale[p] = sum of dY * xhat, dBias[p] = sum of dY over the elements that read p
    @Override
    public Tensor[] backward(Tensor[] inputs, Tensor[] outputs, Tensor[] dOutputs) {
        Tensor x = Values.require(inputs, 0, "X");
        Values.requireFloat(x, "X");
        if (x.rank() < 2) throw new IllegalArgumentException("input X must have shape (N, C, ...), got " + x.shape());
        int batch = x.shape().dimInt(0), channels = x.shape().dimInt(1);
        if (channels % groups != 0) {
            throw new IllegalArgumentException("channels " + channels + " are not divisible by num_groups " + groups);
        }
        int affine = perGroupAffine ? groups : channels;
        double[] scale = perChannel(inputs[1], affine, "scale");
        perChannel(inputs[2], affine, "bias");
        int cg = channels / groups;
        int spatial = (int) x.shape().sizeBetween(2, x.rank());
        int groupSize = cg * spatial;
        Values in = Values.of(x, "X"), dy = Values.of(dOutputs[0], "dY");
        Values dx = Values.alloc(x.dtype(), x.size());
        double[] dScale = new double[affine], dBias = new double[affine];
        double[] gr = new double[groupSize];
        for (int n = 0; n < batch; n++) {
            for (int g = 0; g < groups; g++) {
                int base = (n * groups + g) * groupSize;
                double m = RowStats.mean(in, base, groupSize);
                double inv = 1 / Math.sqrt(RowStats.variance(in, base, groupSize, m) + epsilon);
                for (int c = 0; c < cg; c++) {
                    int p = perGroupAffine ? g : g * cg + c;
                    for (int i = 0; i < spatial; i++) {
                        int j = c * spatial + i;
                        double d = dy.get(base + j);
                        gr[j] = d * scale[p];
                        dScale[p] += d * (in.get(base + j) - m) * inv;
                        dBias[p] += d;
                    }
                }
                RowStats.normBackward(in, base, groupSize, m, inv, gr, 0, 0, dx);
            }
        }
        return new Tensor[] {dx.toTensor(x.dtype(), x.shape()),
                Tensor.fromDoubles(inputs[1].dtype(), inputs[1].shape(), dScale),
                Tensor.fromDoubles(inputs[2].dtype(), inputs[2].shape(), dBias)};
    }
}
