package dev.kiln.ops.shape;

import dev.kiln.ops.common.Args;
import dev.kiln.ops.common.GradData;
import dev.kiln.runtime.graph.Node;
import dev.kiln.runtime.op.TensorOp;
import dev.kiln.runtime.tensor.Shape;
import dev.kiln.runtime.tensor.Tensor;
import java.util.Arrays;

/**
 * Squeeze: removes the listed size-1 axes, or every size-1 axis when none are given. Opsets
 * 1-12 take {@code axes} as an attribute, opset 13+ as the optional input 1.
 */
public final class Squeeze extends TensorOp {
    private final long[] axesAttr;
    private final boolean fromAttribute;

    /** Opset 13+: axes are input 1. */
    public Squeeze(Node node) {
        this.axesAttr = null;
        this.fromAttribute = false;
    }

    private Squeeze(long[] axes) {
        this.axesAttr = axes;
        this.fromAttribute = true;
    }

    /** Opsets 1-12: axes are an attribute. */
    public static Squeeze v1(Node node) {
        return new Squeeze(node.attributes().getInts("axes", null));
    }

    @Override
    protected Tensor[] compute(Tensor[] inputs) {
        Tensor x = Inputs.required(inputs, 0, "data");
        long[] axes = fromAttribute ? axesAttr
                : inputs.length > 1 && inputs[1] != null ? Indices.read(inputs[1], "axes") : null;
        long[] dims = x.shape().dims();
        int r = dims.length;
        boolean[] drop = new boolean[r];
        if (axes == null) {
            for (int i = 0; i < r; i++) drop[i] = dims[i] == 1;
        } else {
            for (int a : Args.axes(axes, r, "axes value")) {
                if (dims[a] != 1) {
                    throw new IllegalArgumentException("cannot squeeze axis " + a + " of shape " + x.shape()
                            + ": its size is " + dims[a] + ", not 1");
                }
                drop[a] = true;
            }
        }
        long[] out = new long[r];
        int n = 0;
        for (int i = 0; i < r; i++) if (!drop[i]) out[n++] = dims[i];
        return new Tensor[] {x.reshape(Shape.of(Arrays.copyOf(out, n)))};
    }

    // y = x without the size-1 axes  =>  dX = dY under x's shape; the axes input gets none
    @Override
    public Tensor[] backward(Tensor[] inputs, Tensor[] outputs, Tensor[] dOutputs) {
        Tensor[] d = new Tensor[inputs.length];
        if (GradData.differentiable(inputs[0])) d[0] = dOutputs[0].reshape(inputs[0].shape());
        return d;
    }
}
