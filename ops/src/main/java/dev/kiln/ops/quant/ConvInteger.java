package dev.kiln.ops.quant;

import dev.kiln.ops.cast.Conversions;
import dev.kiln.runtime.graph.Node;
import dev.kiln.runtime.op.TensorOp;
import dev.kiln.runtime.tensor.DType;
import dev.kiln.runtime.tensor.Shape;
import dev.kiln.runtime.tensor.Tensor;

/**
 * ConvInteger: {@code y = conv(x - x_zero_point, w - w_zero_point)} in int32; x's zero point is
 * per tensor, w's per tensor or per output channel.
 */
public final class ConvInteger extends TensorOp {
    private final DirectConv.Params params;

    public ConvInteger(Node node) {
        this.params = DirectConv.Params.of(node.attributes());
    }

    @Override
    protected Tensor[] compute(Tensor[] inputs) {
        Tensor x = QuantParams.require(inputs, 0, "x");
        Tensor w = QuantParams.require(inputs, 1, "w");
        MatMulInteger.requireEightBit(x, "x");
        MatMulInteger.requireEightBit(w, "w");
        DirectConv.Geometry g = DirectConv.geometry(x.shape(), w.shape(), params);
        double[] xv = Conversions.toDoubles(x);
        double[] wv = Conversions.toDoubles(w);
        if (inputs.length > 2 && inputs[2] != null) {
            xv = DirectConv.shiftInput(xv, Conversions.toDoubles(inputs[2]), "x_zero_point");
        }
        if (inputs.length > 3 && inputs[3] != null) {
            wv = DirectConv.shiftWeights(wv, w.shape(), Conversions.toDoubles(inputs[3]), "w_zero_point");
        }
        double[] acc = DirectConv.conv(xv, x.shape(), wv, w.shape(), g);
        Shape ys = DirectConv.outputShape(x.shape(), w.shape(), g);
        int[] y = new int[acc.length];
        for (int i = 0; i < y.length; i++) y[i] = (int) (long) acc[i];
        return new Tensor[] {Tensor.wrap(DType.INT32, ys, y)};
    }
}
