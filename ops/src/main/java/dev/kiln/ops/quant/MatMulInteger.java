package dev.kiln.ops.quant;

import dev.kiln.ops.common.Broadcast;
import dev.kiln.runtime.graph.Node;
import dev.kiln.runtime.op.LoadContext;
import dev.kiln.runtime.op.TensorOp;
import dev.kiln.runtime.tensor.DType;
import dev.kiln.runtime.tensor.Shape;
import dev.kiln.runtime.tensor.Tensor;

/**
 * MatMulInteger: {@code Y = (A - a_zero_point) @ (B - b_zero_point)} as numpy matmul, in int32.
 * a_zero_point is per tensor or per row of A, b_zero_point per tensor or per column of B; each
 * has the type of its matrix.
 *
 * <p>The product is exact on the float32 GEMM ({@link Igemm}). When B is the model's 2-D constant
 * (a layer's weights) with a constant zero point per tensor or per column, and A's zero point is
 * one value, B minus its zero points is packed once ({@link Int8Panels}) and reused by every run
 * that passes those very tensors.
 */
public final class MatMulInteger extends TensorOp {
    /** The initializers the node reads as B and b_zero_point (null when they are not constants). */
    private final Tensor constB;
    private final Tensor constBzp;
    private volatile Int8Panels packed;

    /** The op with no constant B. */
    public MatMulInteger(Node node) {
        this(node, null);
    }

    /** The op; B is packed once when the load context knows it (and its zero point) as constants. */
    public MatMulInteger(Node node, LoadContext ctx) {
        this.constB = ctx == null || node.inputs().size() < 2 ? null : ctx.constant(node.input(1));
        boolean hasZp = node.inputs().size() > 3 && !node.input(3).isEmpty();
        this.constBzp = constB == null || !hasZp ? null : ctx.constant(node.input(3));
    }

    // A: (..., M, K) or (K), B: (K, N) or (batch..., K, N) or (K) → Y: numpy matmul shape, int32
    @Override
    protected Tensor[] compute(Tensor[] inputs) {
        Tensor a = QuantParams.require(inputs, 0, "A");
        Tensor b = QuantParams.require(inputs, 1, "B");
        Tensor azp = inputs.length > 2 ? inputs[2] : null;
        Tensor bzp = inputs.length > 3 ? inputs[3] : null;
        requireEightBit(a, "A");
        requireEightBit(b, "B");
        if (packable(a, b, azp, bzp)) return new Tensor[] {withPackedB(a, b, azp, bzp)};
        QMatMul.Plan plan = QMatMul.plan(a.shape(), b.shape());
        int[] av = shifted(a, azp, true, "a_zero_point");
        int[] bv = shifted(b, bzp, false, "b_zero_point");
        return new Tensor[] {Tensor.wrap(DType.INT32, plan.shape(), QMatMul.multiply(av, bv, plan))};
    }

    /** B and b_zero_point are this node's constants, 2-D and per tensor or per column; A's zero point one value. */
    private boolean packable(Tensor a, Tensor b, Tensor azp, Tensor bzp) {
        if (constB == null || b != constB || bzp != constBzp || b.rank() != 2 || a.rank() == 0) return false;
        long k = b.shape().dim(0), n = b.shape().dim(1);
        if (a.shape().dim(-1) != k || k == 0 || n == 0 || a.size() == 0) return false;
        if (azp != null && (azp.dtype() != a.dtype() || azp.size() != 1 || azp.rank() > 1)) return false;
        return bzp == null || (bzp.dtype() == b.dtype() && bzp.rank() <= 1 && (bzp.size() == 1 || bzp.size() == n));
    }

    // A: (..., M, K) as (rows, K) times the packed B (K, N) → Y: (..., M, N), or (N) for a 1-D A
    private Tensor withPackedB(Tensor a, Tensor b, Tensor azp, Tensor bzp) {
        int k = b.shape().dimInt(0), n = b.shape().dimInt(1);
        int rows = a.size() / k;
        Int8Panels p = packed;
        if (p == null) {
            synchronized (this) {
                p = packed;
                if (p == null) {
                    int[] zb = new int[bzp == null ? 1 : bzp.size()];
                    for (int j = 0; bzp != null && j < zb.length; j++) zb[j] = (int) bzp.getLong(j);
                    p = Int8Panels.pack(b.bytes(), b.dtype() == DType.UINT8, zb, k, n);
                    packed = p;
                }
            }
        }
        int za = azp == null ? 0 : (int) azp.getLong(0);
        int[] y = new int[rows * n];
        p.multiply(rows, Igemm.shiftRows(a.bytes(), a.dtype() == DType.UINT8, za), y);
        long[] dims = a.shape().dims();
        dims[dims.length - 1] = n;
        return Tensor.wrap(DType.INT32, Shape.of(dims), y);
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
