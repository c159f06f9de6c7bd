package dev.kiln.ops.reduce;

import dev.kiln.ops.common.Args;
import dev.kiln.runtime.graph.Node;
import dev.kiln.runtime.op.TensorOp;
import dev.kiln.runtime.tensor.DType;
import dev.kiln.runtime.tensor.Tensor;

/**
 * The common part of the {@code Reduce*} ops: which axes to reduce (the {@code axes} attribute in
 * older opsets, the optional {@code axes} input in newer ones), {@code keepdims} and
 * {@code noop_with_empty_axes}. Subclasses compute the values from a {@link Reducer.Plan}.
 */
abstract class Reduction extends TensorOp {
    private final boolean keepdims;
    private final boolean noopWithEmptyAxes;
    private final long[] axesAttr;

    Reduction(Node node) {
        this.keepdims = node.attributes().getInt("keepdims", 1) != 0;
        this.noopWithEmptyAxes = node.attributes().getInt("noop_with_empty_axes", 0) != 0;
        this.axesAttr = node.attributes().getInts("axes", null);
    }

    @Override
    protected final Tensor[] compute(Tensor[] inputs) {
        Tensor x = inputs[0];
        if (x == null) throw new IllegalArgumentException("input 'data' is required");
        if (x.dtype() == DType.STRING || !x.dtype().isSupported()) {
            throw new IllegalArgumentException("input 'data' must be numeric, got " + x.dtype());
        }
        long[] axes = axesAttr;
        if (axes == null && inputs.length > 1 && inputs[1] != null) axes = Args.longs(inputs[1], "axes");
        int r = x.rank();
        boolean[] reduced = new boolean[r];
        if (axes == null || axes.length == 0) {
            if (!noopWithEmptyAxes) java.util.Arrays.fill(reduced, true);
        } else {
            for (int a : Args.axes(axes, r, "axis")) {
                if (reduced[a]) throw new IllegalArgumentException("axes " + java.util.Arrays.toString(axes)
                        + " name axis " + a + " twice");
                reduced[a] = true;
            }
        }
        Reducer.Plan plan = new Reducer.Plan(x.shape(), reduced);
        return new Tensor[] {reduce(x, plan, plan.outShape(keepdims))};
    }

    /** The reduced values of {@code x}, as a tensor of the given shape and x's type. */
    abstract Tensor reduce(Tensor x, Reducer.Plan plan, dev.kiln.runtime.tensor.Shape outShape);
}
