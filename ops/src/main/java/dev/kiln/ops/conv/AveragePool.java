package dev.kiln.ops.conv;

import dev.kiln.ops.common.Floats;
import dev.kiln.runtime.graph.Node;
import dev.kiln.runtime.op.TensorOp;
import dev.kiln.runtime.tensor.Shape;
import dev.kiln.runtime.tensor.Tensor;

/**
 * AveragePool: the mean over each window. The divisor counts the taps inside the input, or with
 * {@code count_include_pad=1} the taps inside the padded extent (never those a ceil_mode window
 * reaches beyond the end padding). float32, float16 and bfloat16 run a float loop (windows summed
 * in double, rounded once to float and, for the 16-bit types, again to their type).
 */
public final class AveragePool extends TensorOp {
    private final Window window;
    private final boolean ceilMode;
    private final boolean countIncludePad;

    public AveragePool(Node node) {
        this.window = new Window(node.attributes());
        this.ceilMode = node.attributes().getInt("ceil_mode", 0) != 0;
        this.countIncludePad = node.attributes().getInt("count_include_pad", 0) != 0;
        window.requireKernelShape();
    }

    // X: (N, C, D1..Dk) → Y: (N, C, O1..Ok)
    @Override
    protected Tensor[] compute(Tensor[] inputs) {
        Tensor x = ConvShapes.require(inputs, 0, "X");
        Geometry g = geometry(x);
        int batch = x.shape().dimInt(0), channels = x.shape().dimInt(1);
        Shape out = ConvShapes.outShape(batch, channels, g.out);
        if (Floats.isFloat32Like(x.dtype())) {
            float[] y = new Pooling(g).averageFloat(Floats.widen(x), batch * channels, countIncludePad);
            return new Tensor[] {Floats.narrow(x.dtype(), out, y)};
        }
        double[] y = new Pooling(g).run(x.toDoubleArray(), batch * channels, Pooling.Kind.AVG,
                countIncludePad, 0, null, false);
        return new Tensor[] {Tensor.fromDoubles(x.dtype(), out, y)};
    }

    // Y[o] = sum_{i in window(o)} X[i] / divisor(o)  =>  dX[i] = sum_{o whose window holds i} dY[o] / divisor(o)
    @Override
    public Tensor[] backward(Tensor[] inputs, Tensor[] outputs, Tensor[] dOutputs) {
        Tensor x = ConvShapes.require(inputs, 0, "X");
        Geometry g = geometry(x);
        int planes = x.shape().dimInt(0) * x.shape().dimInt(1);
        double[] dx = new Pooling(g).averageBackward(dOutputs[0].toDoubleArray(), planes, countIncludePad);
        return new Tensor[] {Tensor.fromDoubles(x.dtype(), x.shape(), dx)};
    }

    private Geometry geometry(Tensor x) {
        ConvShapes.checkFloat(x, "X");
        int[] in = Geometry.spatial(x.shape().dims());
        return window.resolve(in, window.kernel(null, in.length), ceilMode);
    }
}
