package dev.kiln.ops.conv;

import dev.kiln.runtime.graph.Node;
import dev.kiln.runtime.op.TensorOp;
import dev.kiln.runtime.tensor.Shape;
import dev.kiln.runtime.tensor.Tensor;

/** LpPool: {@code (sum |x|^p)^(1/p)} over each window; padding contributes zero. */
public final class LpPool extends TensorOp {
    private final Window window;
    private final boolean ceilMode;
    private final double p;

    public LpPool(Node node) {
        this.window = new Window(node.attributes());
        this.ceilMode = node.attributes().getInt("ceil_mode", 0) != 0;
        // opset 1 stores p as a float, later opsets as an int; both read here
        this.p = node.attributes().getFloat("p", 2f);
        if (!(p > 0)) throw new IllegalArgumentException("attribute 'p' must be positive, got " + p);
        window.requireKernelShape();
    }

    // X: (N, C, D1..Dk) → Y: (N, C, O1..Ok)
    @Override
    protected Tensor[] compute(Tensor[] inputs) {
        Tensor x = ConvShapes.require(inputs, 0, "X");
        ConvShapes.checkFloat(x, "X");
        int[] in = Geometry.spatial(x.shape().dims());
        Geometry g = window.resolve(in, window.kernel(null, in.length), ceilMode);
        int batch = x.shape().dimInt(0), channels = x.shape().dimInt(1);
        Shape out = ConvShapes.outShape(batch, channels, g.out);
        double[] y = new Pooling(g).run(x.toDoubleArray(), batch * channels, Pooling.Kind.LP, false, p,
                null, false);
        return new Tensor[] {Tensor.fromDoubles(x.dtype(), out, y)};
    }
}
