package dev.kiln.ops.math;

import dev.kiln.runtime.graph.Node;
import dev.kiln.runtime.tensor.Tensor;

/** Min: the elementwise minimum of one or more inputs with broadcasting; NaN propagates. */
public final class Min extends BinaryKernel {
    public Min(Node node) {
        super(null);
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
