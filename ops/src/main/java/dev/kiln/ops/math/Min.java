package dev.kiln.ops.math;

import dev.kiln.runtime.graph.Node;
import dev.kiln.runtime.op.LoadContext;
import dev.kiln.runtime.tensor.Tensor;

/**
 * Min: the elementwise minimum of one or more inputs with broadcasting (opset 8+); NaN propagates.
 * Before opset 8 every input must have the same shape.
 */
public final class Min extends BinaryKernel {
    private final boolean sameShapes;

    /** With numpy broadcasting (opset 8+). */
    public Min(Node node) {
        super(null);
        this.sameShapes = false;
    }

    /** As registered: inputs of one shape before opset 8, broadcasting from 8. */
    public Min(Node node, LoadContext ctx) {
        super(null);
        this.sameShapes = ctx.sinceVersion() < 8;
    }

    @Override
    protected Tensor[] compute(Tensor[] inputs) {
        if (sameShapes) LegacyBroadcast.requireSameShapes(inputs);
        return super.compute(inputs);
    }

    @Override
    void op(float[] a, int ai, float[] b, int bi, float[] y, int yi, int n) {
        for (int i = 0; i < n; i++) y[yi + i] = Math.min(a[ai + i], b[bi + i]);
    }

    @Override
    double op(double a, double b) {
        return Math.min(a, b);
    }

    // y = min(x_0, ..., x_(n-1))  =>  dX_k = dY where x_k is the first input equal to y, else 0
    @Override
    public Tensor[] backward(Tensor[] inputs, Tensor[] outputs, Tensor[] dOutputs) {
        return toFirstEqual(inputs, outputs[0], dOutputs[0]);
    }

    @Override
    long op(long a, long b, boolean unsigned) {
        if (unsigned) return Long.compareUnsigned(a, b) <= 0 ? a : b;
        return Math.min(a, b);
    }
}
