package dev.kiln.ops.math;

import dev.kiln.ops.common.Broadcast;
import dev.kiln.runtime.graph.Node;
import dev.kiln.runtime.op.LoadContext;
import dev.kiln.runtime.tensor.Shape;

/**
 * PRelu: {@code Y = X < 0 ? slope * X : X} elementwise, where {@code slope} broadcasts to X's
 * shape (unidirectional broadcasting; Y has X's shape). Before opset 7 a 1-D slope of C values
 * is per channel (axis 1) and a slope of one element is shared, as {@link LegacyBroadcast}
 * describes.
 */
public final class PRelu extends BinaryKernel {
    /** With numpy broadcasting of the slope (opset 7+). */
    public PRelu(Node node) {
        super(null);
    }

    /** As registered: the per-channel slope of opsets 1 and 6, numpy broadcasting from 7. */
    public PRelu(Node node, LoadContext ctx) {
        super(LegacyBroadcast.preluSlopeBefore7(ctx));
    }

    @Override
    Shape outputShape(Shape x, Shape slope) {
        Shape y = Broadcast.shape(x, slope);
        if (!y.equals(x)) {
            throw new IllegalArgumentException("input slope " + slope
                    + " must broadcast to the shape of X " + x);
        }
        return y;
    }

    @Override
    void op(float[] a, int ai, float[] b, int bi, float[] y, int yi, int n) {
        for (int i = 0; i < n; i++) {
            float x = a[ai + i];
            y[yi + i] = x < 0 ? x * b[bi + i] : x;
        }
    }

    @Override
    double op(double x, double slope) {
        return x < 0 ? x * slope : x;
    }

    // y = x < 0 ? slope * x : x  =>  dX = x < 0 ? slope * dY : dY, dSlope = x < 0 ? x * dY : 0
    @Override
    void gradient(double[] a, double[] b, double[] y, double[] dY, double[] dA, double[] dB) {
        for (int i = 0; i < dY.length; i++) {
            dA[i] = a[i] < 0 ? b[i] * dY[i] : dY[i];
            dB[i] = a[i] < 0 ? a[i] * dY[i] : 0;
        }
    }

    @Override
    long op(long x, long slope, boolean unsigned) {
        return !unsigned && x < 0 ? x * slope : x;
    }
}
