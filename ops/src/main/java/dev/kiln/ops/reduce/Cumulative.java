package dev.kiln.ops.reduce;

import dev.kiln.ops.cast.Conversions;
import dev.kiln.ops.common.Args;
import dev.kiln.runtime.graph.Node;
import dev.kiln.runtime.op.TensorOp;
import dev.kiln.runtime.tensor.Shape;
import dev.kiln.runtime.tensor.Tensor;

/**
 * Running sums or products along an axis (given as a 0-D input), optionally exclusive (the
 * element itself left out) and reversed: the shared body of CumSum and CumProd. Floats
 * accumulate in double, integers in long.
 */
abstract class Cumulative extends TensorOp {
    final boolean exclusive;
    final boolean reverse;
    private final boolean product;

    Cumulative(Node node, boolean product) {
        this.exclusive = node.attributes().getInt("exclusive", 0) != 0;
        this.reverse = node.attributes().getInt("reverse", 0) != 0;
        this.product = product;
    }

    // x: (outer, d, inner) -> y: same shape
    @Override
    protected Tensor[] compute(Tensor[] inputs) {
        Tensor x = inputs[0];
        if (x == null) throw new IllegalArgumentException("input 'x' is required");
        Layout l = layout(x, inputs[1]);
        Shape s = x.shape();
        if (Reducer.isExact(x.dtype())) {
            long[] v = Conversions.readLongs(x);
            long[] y = new long[v.length];
            for (int o = 0; o < l.outer; o++) {
                for (int in = 0; in < l.inner; in++) {
                    long acc = product ? 1 : 0;
                    for (int t = 0; t < l.d; t++) {
                        int i = o * l.d * l.inner + (reverse ? l.d - 1 - t : t) * l.inner + in;
                        if (exclusive) y[i] = acc;
                        acc = product ? acc * v[i] : acc + v[i];
                        if (!exclusive) y[i] = acc;
                    }
                }
            }
            return new Tensor[] {Reducer.fromLongs(y, s, x.dtype())};
        }
        double[] y = scan(Conversions.toDoubles(x), l, exclusive, reverse, product);
        return new Tensor[] {Reducer.fromDoubles(y, s, x.dtype())};
    }

    /** The axis split of x: {@code outer} blocks of {@code d} steps of {@code inner} elements. */
    record Layout(int outer, int d, int inner) {}

    /** Checks the axis input and splits x's shape around it. */
    static Layout layout(Tensor x, Tensor axisT) {
        if (axisT == null) throw new IllegalArgumentException("input 'axis' is required");
        if (axisT.size() != 1) {
            throw new IllegalArgumentException("input 'axis' must hold one value, got " + axisT.describe());
        }
        int r = x.rank();
        if (r == 0) throw new IllegalArgumentException("input 'x' must have rank >= 1");
        int a = Args.axis(Args.longs(axisT, "axis")[0], r, "input 'axis'");
        Shape s = x.shape();
        return new Layout((int) s.sizeBetween(0, a), s.dimInt(a), (int) s.sizeBetween(a + 1, r));
    }

    /** The running sums (or products) of {@code v} along the layout's axis, in double. */
    static double[] scan(double[] v, Layout l, boolean exclusive, boolean reverse, boolean product) {
        double[] y = new double[v.length];
        for (int o = 0; o < l.outer; o++) {
            for (int in = 0; in < l.inner; in++) {
                double acc = product ? 1 : 0;
                for (int t = 0; t < l.d; t++) {
                    int i = o * l.d * l.inner + (reverse ? l.d - 1 - t : t) * l.inner + in;
                    if (exclusive) y[i] = acc;
                    acc = product ? acc * v[i] : acc + v[i];
                    if (!exclusive) y[i] = acc;
                }
            }
        }
        return y;
    }
}
