package dev.kiln.ops.norm;

import dev.kiln.ops.common.Floats;
import dev.kiln.ops.common.Vectors;
import dev.kiln.runtime.graph.Node;
import dev.kiln.runtime.op.LoadContext;
import dev.kiln.runtime.tensor.Shape;
import dev.kiln.runtime.tensor.Tensor;

/**
 * The layout shared by Softmax, LogSoftmax and Hardmax: X is viewed as (outer, n, inner) and the
 * op runs along n. From opset 13 n is the single axis {@code axis} (default -1); before that X is
 * coerced to 2-D at {@code axis} (default 1), so n is the product of all dims from axis on.
 */
final class AxisSoftmax {
    private final long axis;
    private final boolean coerce2d;

    AxisSoftmax(Node node, LoadContext ctx) {
        this.coerce2d = ctx.sinceVersion() < 13;
        this.axis = node.attributes().getInt("axis", coerce2d ? 1 : -1);
    }

    /** {outer, n, inner} for input shape {@code s}. */
    int[] layout(Shape s) {
        int r = s.rank();
        long a = axis < 0 ? axis + r : axis;
        if (a < 0 || a > r || (!coerce2d && a == r) || (r == 0 && !coerce2d)) {
            throw new IllegalArgumentException("attribute 'axis' " + axis + " is out of range for input rank " + r);
        }
        int ai = (int) a;
        if (coerce2d) return new int[] {(int) s.sizeBetween(0, ai), (int) s.sizeBetween(ai, r), 1};
        return new int[] {(int) s.sizeBetween(0, ai), s.dimInt(ai), (int) s.sizeBetween(ai + 1, r)};
    }

    /** Softmax (or log-softmax) of X along the layout's n axis. */
    Tensor softmax(Tensor x, boolean log) {
        if (x == null) throw new IllegalArgumentException("input X is required");
        int[] l = layout(x.shape());
        int outer = l[0], n = l[1], inner = l[2];
        if (inner == 1 && Floats.isFloat32Like(x.dtype()) && Vectors.ENABLED) {
            float[] y = new float[x.size()];
            SoftmaxKernel.rows(Floats.widen(x), y, outer, n, log);
            return Floats.narrow(x.dtype(), x.shape(), y);
        }
        Values in = Values.of(x, "X");
        Values out = Values.alloc(x.dtype(), x.size());
        for (int o = 0; o < outer; o++) {
            for (int i = 0; i < inner; i++) {
                int base = o * n * inner + i;
                double max = Double.NEGATIVE_INFINITY;
                for (int j = 0; j < n; j++) max = Math.max(max, in.get(base + j * inner));
                double sum = 0;
                for (int j = 0; j < n; j++) sum += Math.exp(in.get(base + j * inner) - max);
                if (log) {
                    double logSum = Math.log(sum);
                    for (int j = 0; j < n; j++) out.set(base + j * inner, in.get(base + j * inner) - max - logSum);
                } else {
                    for (int j = 0; j < n; j++) out.set(base + j * inner, Math.exp(in.get(base + j * inner) - max) / sum);
                }
            }
        }
        return out.toTensor(x.dtype(), x.shape());
    }

    /**
     * The gradient along the layout's n axis, from the forward output {@code y}:
     * softmax {@code dX = y * (dY - sum_j dY_j * y_j)}; log-softmax {@code dX = dY - exp(y) * sum_j dY_j}.
     */
    Tensor backward(Tensor y, Tensor dy, boolean log) {
        int[] l = layout(y.shape());
        int outer = l[0], n = l[1], inner = l[2];
        Values yv = Values.of(y, "Y"), dyv = Values.of(dy, "dY");
        Values dx = Values.alloc(y.dtype(), y.size());
        for (int o = 0; o < outer; o++) {
            for (int i = 0; i < inner; i++) {
                int base = o * n * inner + i;
                double s = 0;
                for (int j = 0; j < n; j++) {
                    int at = base + j * inner;
                    s += log ? dyv.get(at) : dyv.get(at) * yv.get(at);
                }
                for (int j = 0; j < n; j++) {
                    int at = base + j * inner;
                    dx.set(at, log ? dyv.get(at) - Math.exp(yv.get(at)) * s : yv.get(at) * (dyv.get(at) - s));
                }
            }
        }
        return dx.toTensor(y.dtype(), y.shape());
    }
}
