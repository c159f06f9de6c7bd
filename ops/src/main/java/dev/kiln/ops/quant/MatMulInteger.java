package dev.kiln.ops.quant;

import dev.kiln.ops.cast.Conversions;
import dev.kiln.runtime.graph.Node;
import dev.kiln.runtime.op.TensorOp;
import dev.kiln.runtime.tensor.DType;
import dev.kiln.runtime.tensor.Tensor;

/**
 * MatMulInteger: {@code Y = (A - a_zero_point) @ (B - b_zero_point)} as numpy matmul, in int32.
 * a_zero_point is per tensor or per row of A, b_zero_point per tensor or per column of B.
 */
public final class MatMulInteger extends TensorOp {
    public MatMulInteger(Node node) {}

    @Override
    protected Tensor[] compute(Tensor[] inputs) {
        Tensor a = QuantParams.require(inputs, 0, "A");
        Tensor b = QuantParams.require(inputs, 1, "B");
        Tensor azp = inputs.length > 2 ? inputs[2] : null;
        Tensor bzp = inputs.length > 3 ? inputs[3] : null;
        requireEightBit(a, "A");
        requireEightBit(b, "B");
        double[] av = Conversions.toDoubles(a);
        double[] bv = Conversions.toDoubles(b);
        if (azp != null) {
            av = QuantParams.subtract(av, a.shape(), Conversions.toDoubles(azp), azp.shape(), true, "a_zero_point");
        }
        if (bzp != null) {
            bv = QuantParams.subtract(bv, b.shape(), Conversions.toDoubles(bzp), bzp.shape(), false, "b_zero_point");
        }
        QMatMul.Result r = QMatMul.multiply(av, a.shape(), bv, b.shape());
        int[] y = new int[r.y().length];
        for (int i = 0; i < y.length; i++) y[i] = (int) (long) r.y()[i];
        return new Tensor[] {Tensor.wrap(DType.INT32, r.shape(), y)};
    }

    static void requireEightBit(Tensor t, String what) {
        if (t.dtype() != DType.INT8 && t.dtype() != DType.UINT8) {
            throw new IllegalArgumentException("input '" + what + "' must be int8 or uint8, got " + t.dtype());
        }
    }
}
