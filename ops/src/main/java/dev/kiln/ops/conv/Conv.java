package dev.kiln.ops.conv;

import dev.kiln.runtime.graph.Node;
import dev.kiln.runtime.op.TensorOp;
import dev.kiln.runtime.tensor.DType;
import dev.kiln.runtime.tensor.Shape;
import dev.kiln.runtime.tensor.Tensor;

/**
 * Conv: N-d grouped convolution with strides, dilations and explicit or automatic padding.
 * float32 runs as im2col + GEMM; other float types use the direct double-precision loop.
 */
public final class Conv extends TensorOp {
    private final Window window;
    private final int group;

    public Conv(Node node) {
        this.window = new Window(node.attributes());
        this.group = (int) node.attributes().getInt("group", 1);
        if (group < 1) throw new IllegalArgumentException("attribute 'group' must be >= 1, got " + group);
    }

    // X: (N, C, D1..Dk), W: (M, C/group, k1..kk), B: (M) → Y: (N, M, O1..Ok)
    @Override
    protected Tensor[] compute(Tensor[] inputs) {
        Tensor x = ConvShapes.require(inputs, 0, "X"), w = ConvShapes.require(inputs, 1, "W");
        Tensor b = inputs.length > 2 ? inputs[2] : null;
        ConvShapes.checkFloat(x, "X");
        ConvShapes.sameType(x, w, "W");
        if (b != null) ConvShapes.sameType(x, b, "B");
        ConvShapes.checkRanks(x, w);
        int batch = x.shape().dimInt(0), channels = x.shape().dimInt(1), outChannels = w.shape().dimInt(0);
        ConvShapes.checkGroups(channels, w.shape().dimInt(1), outChannels, group, "W");
        ConvShapes.checkBias(b, outChannels);
        int[] kernelDims = Geometry.spatial(w.shape().dims());
        Geometry g = window.resolve(Geometry.spatial(x.shape().dims()), window.kernel(kernelDims, kernelDims.length), false);
        Shape out = ConvShapes.outShape(batch, outChannels, g.out);
        if (x.dtype() == DType.FLOAT32) {
            float[] y = convFloat(x.floats(), batch, channels, w.floats(), outChannels,
                    b == null ? null : b.floats(), g, group);
            return new Tensor[] {Tensor.wrap(DType.FLOAT32, out, y)};
        }
        double[] y = ConvReference.conv(x.toDoubleArray(), batch, channels, w.toDoubleArray(), outChannels,
                b == null ? null : b.toDoubleArray(), g, group);
        return new Tensor[] {Tensor.fromDoubles(x.dtype(), out, y)};
    }

    /** float32 convolution as im2col + GEMM per (image, group); same contract as the reference. */
    static float[] convFloat(float[] x, int batch, int channels, float[] w, int outChannels,
                             float[] bias, Geometry g, int group) {
        return ConvGemm.forward(x, batch, channels, w, outChannels, bias, g, group);
    }
}
