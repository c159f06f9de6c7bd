package dev.kiln.ops.quant;

import dev.kiln.ops.cast.Conversions;
import dev.kiln.runtime.graph.Node;
import dev.kiln.runtime.op.TensorOp;
import dev.kiln.runtime.tensor.DType;
import dev.kiln.runtime.tensor.Shape;
import dev.kiln.runtime.tensor.Tensor;

/**
 * MatMulInteger: {@code Y = (A - a_zero_point) @ (B - b_zero_point)} as numpy matmul, in int32.
 * a_zero_point is per tensor or per row of A, b_zero_point per tensor or per column of B.
 *
 * <p>The common case of a quantized dense layer (B a 2-D matrix, one zero point for A, one per
 * column or one in all for B) runs on {@link Igemm}, exact on the float32 GEMM; B shifted by its
 * zero points is kept while the same B tensor (a weight) comes back. Every other case takes the general path.
 */
public final class MatMulInteger extends TensorOp {
    /** B widened with its zero point subtracted, for the B and b_zero_point tensors it came from. */
    private record ShiftedB(Tensor b, Tensor zp, float[] values) {}

    private volatile ShiftedB shifted;

    public MatMulInteger(Node node) {}

    @Override
    protected Tensor[] compute(Tensor[] inputs) {
        Tensor a = QuantParams.require(inputs, 0, "A");
        Tensor b = QuantParams.require(inputs, 1, "B");
        Tensor azp = inputs.length > 2 ? inputs[2] : null;
        Tensor bzp = inputs.length > 3 ? inputs[3] : null;
        requireEightBit(a, "A");
        requireEightBit(b, "B");
        if (denseLayer(a, b, azp, bzp)) return new Tensor[] {dense(a, b, azp, bzp)};
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

    private static boolean denseLayer(Tensor a, Tensor b, Tensor azp, Tensor bzp) {
        if (b.rank() != 2 || a.rank() == 0 || a.shape().dim(-1) != b.shape().dim(0)) return false;
        if (azp != null && (azp.size() != 1 || azp.rank() > 1 || !eightBit(azp))) return false;
        if (bzp == null) return true;
        if (!eightBit(bzp) || bzp.rank() > 1) return false;
        return bzp.size() == 1 || bzp.shape().dim(0) == b.shape().dim(1);
    }

    // A: (..., M, K) or (K), B: (K, N) → Y: (..., M, N) or (N), int32
    private Tensor dense(Tensor a, Tensor b, Tensor azp, Tensor bzp) {
        int k = b.shape().dimInt(0), n = b.shape().dimInt(1);
        int m = Math.toIntExact(a.shape().sizeBetween(0, a.rank() - 1));
        int za = azp == null ? 0 : (int) azp.getLong(0);
        float[] av = Igemm.shiftRows(a.bytes(), a.dtype() == DType.UINT8, za);
        ShiftedB s = shifted;
        if (s == null || s.b() != b || s.zp() != bzp) {
            int[] zb = new int[bzp == null ? 1 : bzp.size()];
            for (int j = 0; j < zb.length; j++) zb[j] = (int) bzp.getLong(j);
            s = new ShiftedB(b, bzp, Igemm.shiftColumns(b.bytes(), b.dtype() == DType.UINT8, zb, n));
            shifted = s;
        }
        int[] y = new int[m * n];
        Igemm.multiply(m, n, k, av, s.values(), y);
        long[] dims = a.shape().dims();
        dims[dims.length - 1] = n;
        return Tensor.wrap(DType.INT32, Shape.of(dims), y);
    }

    private static boolean eightBit(Tensor t) { return t.dtype() == DType.INT8 || t.dtype() == DType.UINT8; }

    static void requireEightBit(Tensor t, String what) {
        if (t.dtype() != DType.INT8 && t.dtype() != DType.UINT8) {
            throw new IllegalArgumentException("input '" + what + "' must be int8 or uint8, got " + t.dtype());
        }
    }
}
