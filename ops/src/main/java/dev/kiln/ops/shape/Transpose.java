package dev.kiln.ops.shape;

import dev.kiln.ops.common.GradData;
import dev.kiln.runtime.graph.Node;
import dev.kiln.runtime.op.TensorOp;
import dev.kiln.runtime.tensor.Tensor;
import java.util.Arrays;

/** Transpose: permutes the axes, {@code y.shape[i] = x.shape[perm[i]]}; default reverses them. */
public final class Transpose extends TensorOp {
    private final long[] perm;

    public Transpose(Node node) {
        this.perm = node.attributes().getInts("perm", null);
    }

    @Override
    protected Tensor[] compute(Tensor[] inputs) {
        Tensor x = Inputs.required(inputs, 0, "data");
        return new Tensor[] {permute(x, permutation(x.rank()))};
    }

    // y = x with axis i of y being axis p[i] of x  =>  dX = dY permuted by the inverse of p
    @Override
    public Tensor[] backward(Tensor[] inputs, Tensor[] outputs, Tensor[] dOutputs) {
        Tensor x = inputs[0];
        if (!GradData.differentiable(x)) return new Tensor[1];
        int[] p = permutation(x.rank());
        int[] inverse = new int[p.length];
        for (int i = 0; i < p.length; i++) inverse[p[i]] = i;
        return new Tensor[] {permute(dOutputs[0], inverse)};
    }

    /** The checked permutation for an input of rank {@code r} (reversal when perm is absent). */
    private int[] permutation(int r) {
        int[] p = new int[r];
        if (perm == null) {
            for (int i = 0; i < r; i++) p[i] = r - 1 - i;
            return p;
        }
        if (perm.length != r) {
            throw new IllegalArgumentException("attribute 'perm' " + Arrays.toString(perm)
                    + " has " + perm.length + " entries, expected the input rank " + r);
        }
        boolean[] seen = new boolean[r];
        for (int i = 0; i < r; i++) {
            long a = perm[i] < 0 ? perm[i] + r : perm[i];
            if (a < 0 || a >= r || seen[(int) a]) {
                throw new IllegalArgumentException("attribute 'perm' " + Arrays.toString(perm)
                        + " is not a permutation of 0.." + (r - 1));
            }
            seen[(int) a] = true;
            p[i] = (int) a;
        }
        return p;
    }

    /** {@code x} with its axes permuted: output axis i is input axis {@code p[i]}. */
    static Tensor permute(Tensor x, int[] p) {
        long[] dims = x.shape().dims();
        long[] strides = x.shape().strides();
        long[] od = new long[p.length];
        long[] os = new long[p.length];
        for (int i = 0; i < p.length; i++) {
            od[i] = dims[p[i]];
            os[i] = strides[p[i]];
        }
        return Moves.strided(x, 0, od, os);
    }
}
