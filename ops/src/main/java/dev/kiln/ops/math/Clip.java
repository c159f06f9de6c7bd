package dev.kiln.ops.math;

import dev.kiln.ops.common.Floats;
import dev.kiln.ops.common.GradData;
import dev.kiln.runtime.graph.Node;
import dev.kiln.runtime.op.LoadContext;
import dev.kiln.runtime.op.TensorOp;
import dev.kiln.runtime.tensor.DType;
import dev.kiln.runtime.tensor.Tensor;

/**
 * Clip: {@code Y = min(max(X, min), max)} elementwise (so {@code max} wins when min > max; NaN
 * stays NaN). Before opset 11 the bounds are float attributes; since opset 11 they are optional
 * one-element inputs of X's type, and an absent bound does not clip.
 */
public final class Clip extends TensorOp {
    private final boolean boundsAreInputs;
    private final float minAttr;
    private final float maxAttr;

    public Clip(Node node, LoadContext ctx) {
        this.boundsAreInputs = ctx.sinceVersion() >= 11;
        this.minAttr = node.attributes().getFloat("min", -Float.MAX_VALUE);
        this.maxAttr = node.attributes().getFloat("max", Float.MAX_VALUE);
    }

    @Override
    protected Tensor[] compute(Tensor[] inputs) {
        Tensor x = inputs[0];
        if (x == null) throw new IllegalArgumentException("input X is required");
        DType t = x.dtype();
        Tensor lo = boundsAreInputs ? bound(inputs, 1, "min", t) : null;
        Tensor hi = boundsAreInputs ? bound(inputs, 2, "max", t) : null;
        if (Floats.isFloat32Like(t) || t == DType.FLOAT64) {
            return new Tensor[] {clipFloats(x, lowerBound(lo), upperBound(hi))};
        }
        if (!boundsAreInputs || !t.isInteger() || t.isNarrow()) {
            throw new IllegalArgumentException("Clip does not support element type " + t
                    + " at this opset");
        }
        boolean unsigned = t.isUnsigned();
        long l = lo != null ? lo.getLong(0) : unsigned ? 0 : Long.MIN_VALUE;
        long h = hi != null ? hi.getLong(0) : unsigned ? -1L : Long.MAX_VALUE;
        long[] v = x.toLongArray();
        for (int i = 0; i < v.length; i++) {
            if (unsigned) {
                if (Long.compareUnsigned(v[i], l) < 0) v[i] = l;
                if (Long.compareUnsigned(v[i], h) > 0) v[i] = h;
            } else {
                v[i] = Math.min(Math.max(v[i], l), h);
            }
        }
        return new Tensor[] {Tensor.fromLongs(t, x.shape(), v)};
    }

    // y = min(max(x, min), max)  =>  dX = dY where min <= x <= max, else 0; the bounds get none
    @Override
    public Tensor[] backward(Tensor[] inputs, Tensor[] outputs, Tensor[] dOutputs) {
        Tensor x = inputs[0];
        Tensor[] d = new Tensor[inputs.length];
        if (!GradData.differentiable(x)) return d;
        DType t = x.dtype();
        double l = lowerBound(boundsAreInputs ? bound(inputs, 1, "min", t) : null);
        double h = upperBound(boundsAreInputs ? bound(inputs, 2, "max", t) : null);
        if (t != DType.FLOAT64) {
            // the forward compared in float
            l = (float) l;
            h = (float) h;
        }
        double[] xv = GradData.read(x);
        double[] dy = GradData.read(dOutputs[0]);
        double[] dX = new double[xv.length];
        for (int i = 0; i < dX.length; i++) dX[i] = xv[i] >= l && xv[i] <= h ? dy[i] : 0;
        d[0] = GradData.write(t, x.shape(), dX);
        return d;
    }

    /** The float lower bound: the attribute before opset 11, else the input or none. */
    private double lowerBound(Tensor lo) {
        if (!boundsAreInputs) return minAttr;
        return lo == null ? Double.NEGATIVE_INFINITY : lo.getDouble(0);
    }

    /** The float upper bound: the attribute before opset 11, else the input or none. */
    private double upperBound(Tensor hi) {
        if (!boundsAreInputs) return maxAttr;
        return hi == null ? Double.POSITIVE_INFINITY : hi.getDouble(0);
    }

    private static Tensor clipFloats(Tensor x, double lo, double hi) {
        if (x.dtype() == DType.FLOAT64) {
            double[] xd = x.doubles();
            double[] y = new double[xd.length];
            for (int i = 0; i < y.length; i++) y[i] = Math.min(Math.max(xd[i], lo), hi);
            return Tensor.wrap(DType.FLOAT64, x.shape(), y);
        }
        float l = (float) lo;
        float h = (float) hi;
        float[] xd = Floats.widen(x);
        float[] y = new float[xd.length];
        for (int i = 0; i < y.length; i++) y[i] = Math.min(Math.max(xd[i], l), h);
        return Floats.narrow(x.dtype(), x.shape(), y);
    }

    /** Optional bound input {@code i}: null when absent, else a one-element tensor of type t. */
    private static Tensor bound(Tensor[] inputs, int i, String name, DType t) {
        Tensor b = i < inputs.length ? inputs[i] : null;
        if (b == null) return null;
        if (b.dtype() != t) {
            throw new IllegalArgumentException("input '" + name + "' must have X's element type " + t
                    + ", got " + b.describe());
        }
        if (b.size() != 1) {
            throw new IllegalArgumentException("input '" + name + "' must hold one value, got "
                    + b.describe());
        }
        return b;
    }
}
