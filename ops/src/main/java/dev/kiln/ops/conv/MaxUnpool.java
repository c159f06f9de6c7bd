package dev.kiln.ops.conv;

import dev.kiln.ops.common.Args;
import dev.kiln.runtime.graph.Node;
import dev.kiln.runtime.op.TensorOp;
import dev.kiln.runtime.tensor.DType;
import dev.kiln.runtime.tensor.Shape;
import dev.kiln.runtime.tensor.Tensor;

/**
 * MaxUnpool: the partial inverse of MaxPool. The output is zero except at the flat indices
 * {@code I} (as MaxPool's Indices output gives them, over the natural unpooled shape
 * {@code (in - 1) * stride + kernel - pads} per axis), which receive the values of X. A larger
 * {@code output_shape} keeps each value at the same coordinates and zero-fills the rest.
 */
public final class MaxUnpool extends TensorOp {
    private final Window window;

    public MaxUnpool(Node node) {
        this.window = new Window(node.attributes());
        window.requireKernelShape();
    }

    // X: (N, C, D1..Dk), I: int64 like X, output_shape: int64 (rank) → Y: (N, C, O1..Ok)
    @Override
    protected Tensor[] compute(Tensor[] inputs) {
        Tensor x = ConvShapes.require(inputs, 0, "X"), idx = ConvShapes.require(inputs, 1, "I");
        Tensor outShapeIn = inputs.length > 2 ? inputs[2] : null;
        ConvShapes.checkFloat(x, "X");
        if (idx.dtype() != DType.INT64 || !idx.shape().equals(x.shape())) {
            throw new IllegalArgumentException("input I must be int64 with the shape of X " + x.shape()
                    + ", got " + idx.describe());
        }
        int r = x.rank() - 2;
        // The indices address the default-sized output; output_shape only enlarges the canvas.
        int[] k = window.kernel(null, r), s = window.strides(r), p = window.pads(r);
        long[] inferred = x.shape().dims();
        for (int i = 0; i < r; i++) inferred[i + 2] = (inferred[i + 2] - 1) * s[i] + k[i] - p[i] - p[i + r];
        Shape natural = Shape.of(inferred);
        Shape out = natural;
        if (outShapeIn != null) {
            long[] d = Args.longs(outShapeIn, "output_shape");
            if (d.length != x.rank() || d[0] != inferred[0] || d[1] != inferred[1]) {
                throw new IllegalArgumentException("input output_shape " + java.util.Arrays.toString(d)
                        + " must have rank " + x.rank() + " and start with N, C = " + inferred[0] + ", "
                        + inferred[1]);
            }
            out = Shape.of(d);
        }
        int naturalTotal = natural.sizeInt();
        long[] nat = natural.dims(), od = out.dims();
        long[] ix = idx.longs();
        Tensor y = Tensor.zeros(x.dtype(), out);
        for (int i = 0; i < ix.length; i++) {
            if (ix[i] < 0 || ix[i] >= naturalTotal) {
                throw new IllegalArgumentException("input I has index " + ix[i] + " outside the unpooled shape "
                        + natural);
            }
            // Re-address the flat index from the natural shape into the output shape.
            long rem = ix[i], dst = 0, scale = 1;
            for (int a = nat.length - 1; a >= 0; a--) {
                long c = rem % nat[a];
                rem /= nat[a];
                if (c >= od[a]) {
                    throw new IllegalArgumentException("input I has index " + ix[i]
                            + " outside output_shape " + out);
                }
                dst += c * scale;
                scale *= od[a];
            }
            System.arraycopy(x.data(), i, y.data(), (int) dst, 1);
        }
        return new Tensor[] {y};
    }
}
