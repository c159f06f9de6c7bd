package dev.kiln.ops.shape;

import dev.kiln.ops.common.GradData;
import dev.kiln.ops.common.GradReduce;
import dev.kiln.runtime.graph.Node;
import dev.kiln.runtime.op.TensorOp;
import dev.kiln.runtime.tensor.Shape;
import dev.kiln.runtime.tensor.Tensor;
import java.util.Arrays;

/**
 * Tile: repeats the input {@code repeats[i]} times along each axis i. Opset 1 instead takes a
 * scalar {@code tiles} count and a scalar {@code axis} as inputs 1 and 2.
 */
public final class Tile extends TensorOp {
    private final boolean v1;

    private Tile(boolean v1) {
        this.v1 = v1;
    }

    /** Opset 6+: {@code repeats} is input 1, one count per axis. */
    public Tile(Node node) {
        this(false);
    }

    /** Opset 1: inputs are {@code (input, tiles, axis)}. */
    public static Tile v1(Node node) {
        return new Tile(true);
    }

    @Override
    protected Tensor[] compute(Tensor[] inputs) {
        Tensor x = Inputs.required(inputs, 0, "input");
        int r = x.rank();
        long[] repeats = repeats(inputs, x.shape());
        // view the output as (rep_0, d_0, rep_1, d_1, ...) with stride 0 on the rep axes
        long[] dims = x.shape().dims();
        long[] strides = x.shape().strides();
        long[] vd = new long[2 * r];
        long[] vs = new long[2 * r];
        long[] out = new long[r];
        for (int i = 0; i < r; i++) {
            vd[2 * i] = repeats[i];
            vd[2 * i + 1] = dims[i];
            vs[2 * i + 1] = strides[i];
            out[i] = repeats[i] * dims[i];
        }
        Tensor y = Tensor.zeros(x.dtype(), Shape.of(out));
        Moves.stridedInto(x.data(), 0, vd, vs, y.data(), 0);
        return new Tensor[] {y};
    }

    // y viewed as (rep_0, d_0, rep_1, d_1, ...) = x broadcast along the rep axes
    //   =>  dX = dY under that view summed over the rep axes; the counts get none
    @Override
    public Tensor[] backward(Tensor[] inputs, Tensor[] outputs, Tensor[] dOutputs) {
        Tensor x = inputs[0];
        Tensor[] d = new Tensor[inputs.length];
        if (!GradData.differentiable(x)) return d;
        int r = x.rank();
        long[] repeats = repeats(inputs, x.shape());
        long[] dims = x.shape().dims();
        long[] vd = new long[2 * r];
        long[] kept = new long[2 * r];
        for (int i = 0; i < r; i++) {
            vd[2 * i] = repeats[i];
            vd[2 * i + 1] = dims[i];
            kept[2 * i] = 1;
            kept[2 * i + 1] = dims[i];
        }
        d[0] = GradReduce.sumTo(dOutputs[0].reshape(Shape.of(vd)), Shape.of(kept)).reshape(x.shape());
        return d;
    }

    /** The checked repeat count of every axis. */
    private long[] repeats(Tensor[] inputs, Shape shape) {
        int r = shape.rank();
        long[] repeats;
        if (v1) {
            long tiles = scalar(inputs[1], "tiles");
            long axis = scalar(inputs[2], "axis");
            repeats = new long[r];
            Arrays.fill(repeats, 1);
            repeats[Shape.normalizeAxis((int) axis, r)] = tiles;
        } else {
            repeats = Indices.read(Inputs.required(inputs, 1, "repeats"), "repeats");
        }
        if (repeats.length != r) {
            throw new IllegalArgumentException("input 'repeats' has " + repeats.length
                    + " values, expected one per axis of input " + shape);
        }
        for (long n : repeats) {
            if (n < 0) throw new IllegalArgumentException("input 'repeats' has a negative count " + n);
        }
        return repeats;
    }

    private static long scalar(Tensor t, String what) {
        long[] v = Indices.read(t, what);
        if (v.length != 1) throw new IllegalArgumentException("input '" + what + "' must hold one value, got " + t.describe());
        return v[0];
    }
}
