package dev.kiln.ops.shape;

import dev.kiln.ops.common.Args;
import dev.kiln.ops.common.GradData;
import dev.kiln.runtime.graph.Node;
import dev.kiln.runtime.op.TensorOp;
import dev.kiln.runtime.tensor.Shape;
import dev.kiln.runtime.tensor.Tensor;

/**
 * Unsqueeze: inserts size-1 axes at the listed positions of the output (rank r + len(axes)).
 * Opsets 1-12 take {@code axes} as an attribute, opset 13+ as input 1.
 */
public final class Unsqueeze extends TensorOp {
    private final long[] axesAttr;

    /** Opset 13+: axes are input 1. */
    public Unsqueeze(Node node) {
        this.axesAttr = null;
    }

    private Unsqueeze(long[] axes) {
        this.axesAttr = axes;
    }

    /** Opsets 1-12: axes are an attribute. */
    public static Unsqueeze v1(Node node) {
        long[] axes = node.attributes().getInts("axes", null);
        if (axes == null) throw new IllegalArgumentException("attribute 'axes' is required before opset 13");
        return new Unsqueeze(axes);
    }

    @Override
    protected Tensor[] compute(Tensor[] inputs) {
        Tensor x = Inputs.required(inputs, 0, "data");
        long[] axes = axesAttr != null ? axesAttr : Indices.read(Inputs.required(inputs, 1, "axes"), "axes");
        long[] dims = x.shape().dims();
        int outRank = dims.length + axes.length;
        int[] ax = Args.axes(axes, outRank, "axes value");
        Indices.requireDistinct(ax, "axes");
        boolean[] inserted = new boolean[outRank];
        for (int a : ax) inserted[a] = true;
        long[] out = new long[outRank];
        int j = 0;
        for (int i = 0; i < outRank; i++) out[i] = inserted[i] ? 1 : dims[j++];
        return new Tensor[] {x.reshape(Shape.of(out))};
    }

    // y = x with size-1 axes inserted  =>  dX = dY under x's shape; the axes input gets none
    @Override
    public Tensor[] backward(Tensor[] inputs, Tensor[] outputs, Tensor[] dOutputs) {
        Tensor[] d = new Tensor[inputs.length];
        if (GradData.differentiable(inputs[0])) d[0] = dOutputs[0].reshape(inputs[0].shape());
        return d;
    }
}
