package dev.kiln.ops.quant;

import dev.kiln.ops.common.Broadcast;
import dev.kiln.runtime.graph.Node;
import dev.kiln.runtime.op.TensorOp;
import dev.kiln.runtime.tensor.DType;
import dev.kiln.runtime.tensor.Shape;
import dev.kiln.runtime.tensor.Tensor;

/**
 * MatMulInteger: {@code Y = (A - a_zero_point) @ (B - b_zero_point)} as numpy matmul, in int32.
 * a_zero_point is per tensor or per row of A, b_zero_point per tensor or per column of B; each
 * has the type of its matrix.
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
        QMatMul.Plan plan = QMatMul.plan(a.shape(), b.shape());
        int[] av = shifted(a, azp, true, "a_zero_point");
        int[] bv = shifted(b, bzp, false, "b_zero_point");
        return new Tensor[] {Tensor.wrap(DType.INT32, plan.shape(), QMatMul.multiply(av, bv, plan))};
    }

    static void requireEightBit(Tensor t, String what) {
        if (t.dtype() != DType.INT8 && t.dtype() != DType.UINT8) {
            throw new IllegalArgumentException("input '" + what + "' must be int8 or uint8, got " + t.dtype());
        }
    }

    /**
     * The values of {@code t} widened to int minus the zero point, which broadcasts per row
     * ({@code perRow}) or as numpy does. Per-tensor, per-row and per-column zero points are
     * applied by position; other shapes go through a broadcast index map.
     */
    private static int[] shifted(Tensor t, Tensor zp, boolean perRow, String what) {
        int[] v = ints(t);
        if (zp == null) return v;
        if (zp.dtype() != t.dtype()) {
            throw new IllegalArgumentException("input '" + what + "' is " + zp.dtype() + " but its matrix is " + t.dtype()
                    + "; they must match");
        }
        Shape s = t.shape();
        Shape zs = QuantParams.rowShape(zp.shape(), s, perRow);
        QuantParams.checkBroadcast(zs, s, what);
        int[] z = ints(zp);
        int cols = s.rank() >= 1 ? s.dimInt(-1) : 1;
        if (z.length == 1) {
            for (int i = 0; i < v.length; i++) v[i] -= z[0];
        } else if (zs.rank() == 1 && s.rank() >= 1) {
            // (N): one zero point per column, repeating every row
            for (int row = 0; row < v.length; row += cols) {
                for (int c = 0; c < cols; c++) v[row + c] -= z[c];
            }
        } else if (zs.rank() == 2 && zs.dim(1) == 1 && s.rank() >= 2) {
            // (M, 1): one zero point per row of every (M, K) matrix
            int rows = s.dimInt(-2);
            for (int row = 0, r = 0; row < v.length; row += cols, r = (r + 1) % rows) {
                int zr = z[r];
                for (int c = 0; c < cols; c++) v[row + c] -= zr;
            }
        } else {
            int[] map = Broadcast.indexMap(zs, s);
            for (int i = 0; i < v.length; i++) v[i] -= z[map[i]];
        }
        return v;
    }

    /** 8-bit values widened to int, uint8 read unsigned. */
    private static int[] ints(Tensor t) {
        byte[] raw = t.bytes();
        int[] v = new int[raw.length];
        if (t.dtype() == DType.UINT8) {
            for (int i = 0; i < raw.length; i++) v[i] = raw[i] & 0xFF;
        } else {
            for (int i = 0; i < raw.length; i++) v[i] = raw[i];
        }
        return v;
    }
}
