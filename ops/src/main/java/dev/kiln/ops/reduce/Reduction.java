package dev.kiln.ops.reduce;

import dev.kiln.ops.common.Args;
import dev.kiln.ops.common.GradData;
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
        Reducer.Plan plan = plan(inputs);
        return new Tensor[] {reduce(x, plan, plan.outShape(keepdims))};
    }

    /** Which axes of {@code inputs[0]} the node reduces. */
    private Reducer.Plan plan(Tensor[] inputs) {
        Tensor x = inputs[0];
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
        return new Reducer.Plan(x.shape(), reduced);
    }

    /** The reduced values of {@code x}, as a tensor of the given shape and x's type. */
    abstract Tensor reduce(Tensor x, Reducer.Plan plan, dev.kiln.runtime.tensor.Shape outShape);

    /**
     * Backward, shared by every reduction: the op's {@link #gradient} loop in double for float
     * data; integer data and the axes input get no gradient.
     */
    @Override
    public final Tensor[] backward(Tensor[] inputs, Tensor[] outputs, Tensor[] dOutputs) {
        Tensor x = inputs[0];
        Tensor[] d = new Tensor[inputs.length];
        if (!GradData.differentiable(x)) return d;
        Reducer.Plan plan = plan(inputs);
        double[] dX = new double[x.size()];
        gradient(GradData.read(x), plan.cells(), GradData.read(outputs[0]), GradData.read(dOutputs[0]), dX);
        d[0] = GradData.write(x.dtype(), x.shape(), dX);
        return d;
    }

    /**
     * The backward loop: input element {@code i} was folded into output cell {@code cell[i]},
     * whose value is {@code y[cell[i]]} and gradient {@code dY[cell[i]]}; fills {@code dX}. The
     * default has no gradient.
     */
    void gradient(double[] x, int[] cell, double[] y, double[] dY, double[] dX) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " has no backward");
    }

    /**
     * The backward of a selection (ReduceMax, ReduceMin): each cell's gradient goes to the first
     * element (row-major) equal to the cell's value, NaN matching NaN, like ArgMax's default.
     */
    static void toFirstEqual(double[] x, int[] cell, double[] y, double[] dY, double[] dX) {
        boolean[] taken = new boolean[y.length];
        for (int i = 0; i < x.length; i++) {
            int c = cell[i];
            if (!taken[c] && (x[i] == y[c] || (Double.isNaN(x[i]) && Double.isNaN(y[c])))) {
                dX[i] = dY[c];
                taken[c] = true;
            }
        }
    }
}
