package dev.kiln.ops.fused;

import dev.kiln.ops.quant.Igemm;

import dev.kiln.ops.cast.Cast;
import dev.kiln.ops.math.Add;
import dev.kiln.ops.math.Mul;
import dev.kiln.ops.quant.MatMulInteger;
import dev.kiln.runtime.graph.Attribute;
import dev.kiln.runtime.graph.Node;
import dev.kiln.runtime.op.Op;
import dev.kiln.runtime.op.TensorOp;
import dev.kiln.runtime.tensor.DType;
import dev.kiln.runtime.tensor.Shape;
import dev.kiln.runtime.tensor.Tensor;
import dev.kiln.runtime.tensor.Value;

/**
 * dev.kiln:MatMulIntegerToFloat: {@code Y = float(MatMulInteger(A, B, a_zp, b_zp)) * scale + bias}
 * (the bias optional). Stands for the MatMulInteger/Cast/Mul/Add chain of a dynamically quantized
 * dense layer and reproduces it bit for bit.
 *
 * <p>The fast path (a 2-D 8-bit B, one zero point for A, one per column or one in all for B, a
 * scale of one value or one per column, a bias of one per column) computes the exact int32
 * product with {@link Igemm} into a per-thread scratch, then converts, scales and adds the bias
 * in one pass. B shifted by its zero points is kept while the same B tensor (a weight) comes
 * back. Every other case runs the reference: the four standard ops in sequence.
 */
public final class MatMulIntegerToFloat extends TensorOp {
    private static final ThreadLocal<int[]> PRODUCT = ThreadLocal.withInitial(() -> new int[0]);

    /** B widened and shifted by its zero points, for the B and b_zp tensors it came from. */
    private record ShiftedB(Tensor b, Tensor zp, float[] values) {}

    private volatile ShiftedB shifted;
    private final Op matMulInteger;
    private final Op cast;
    private final Op mul;
    private final Op add;

    public MatMulIntegerToFloat(Node node) {
        this.matMulInteger = new MatMulInteger(Attention.plain("MatMulInteger"));
        this.cast = new Cast(Attention.plain("Cast", Attribute.of("to", (long) DType.FLOAT32.onnxCode())));
        this.mul = new Mul(Attention.plain("Mul"), Attention.context(14));
        this.add = new Add(Attention.plain("Add"), Attention.context(14));
    }

    // A: (..., M, K) or (K), B: (K, N), scale: (N) or one value, bias: (N) → Y: (..., M, N) or (N), float32
    @Override
    protected Tensor[] compute(Tensor[] in) {
        Tensor a = MatMulAdd.require(in, 0, "A"), b = MatMulAdd.require(in, 1, "B");
        Tensor azp = at(in, 2), bzp = at(in, 3), scale = MatMulAdd.require(in, 4, "scale"), bias = at(in, 5);
        if (!fastPath(a, b, azp, bzp, scale, bias)) return new Tensor[] {reference(a, b, azp, bzp, scale, bias)};
        int k = b.shape().dimInt(0), n = b.shape().dimInt(1);
        int m = Math.toIntExact(a.shape().sizeBetween(0, a.rank() - 1));
        float[] av = Igemm.shiftRows(a.bytes(), a.dtype() == DType.UINT8, azp == null ? 0 : (int) azp.getLong(0));
        ShiftedB s = shifted;
        if (s == null || s.b() != b || s.zp() != bzp) {
            int[] zb = new int[bzp == null ? 1 : bzp.size()];
            for (int j = 0; j < zb.length; j++) zb[j] = (int) bzp.getLong(j);
            s = new ShiftedB(b, bzp, Igemm.shiftColumns(b.bytes(), b.dtype() == DType.UINT8, zb, n));
            shifted = s;
        }
        int[] acc = PRODUCT.get();
        if (acc.length < m * n) {
            acc = new int[m * n];
            PRODUCT.set(acc);
        }
        Igemm.multiply(m, n, k, av, s.values(), acc);
        float[] sc = scale.floats(), bv = bias == null ? null : bias.floats();
        int ss = sc.length == 1 ? 0 : 1;
        float[] y = new float[m * n];
        for (int i = 0; i < m; i++) {
            for (int j = 0, o = i * n; j < n; j++, o++) {
                float v = (float) acc[o] * sc[j * ss];
                y[o] = bv == null ? v : v + bv[j];
            }
        }
        long[] dims = a.shape().dims();
        dims[dims.length - 1] = n;
        return new Tensor[] {Tensor.wrap(DType.FLOAT32, Shape.of(dims), y)};
    }

    /** The reference: MatMulInteger, Cast to float, Mul by the scale and Add of the bias, as standard ops. */
    public Tensor reference(Tensor a, Tensor b, Tensor azp, Tensor bzp, Tensor scale, Tensor bias) {
        Value y = matMulInteger.forward(new Value[] {a, b, azp, bzp}, null)[0];
        y = cast.forward(new Value[] {y}, null)[0];
        y = mul.forward(new Value[] {y, scale}, null)[0];
        if (bias != null) y = add.forward(new Value[] {y, bias}, null)[0];
        return (Tensor) y;
    }

    private static boolean fastPath(Tensor a, Tensor b, Tensor azp, Tensor bzp, Tensor scale, Tensor bias) {
        if (!eightBit(a) || !eightBit(b) || b.rank() != 2 || a.rank() == 0) return false;
        long k = b.shape().dim(0), n = b.shape().dim(1);
        if (a.shape().dim(-1) != k) return false;
        if (azp != null && (azp.dtype() != a.dtype() || azp.size() != 1 || azp.rank() > 1)) return false;
        if (bzp != null && (bzp.dtype() != b.dtype() || bzp.rank() > 1 || (bzp.size() != 1 && bzp.size() != n))) {
            return false;
        }
        if (scale.dtype() != DType.FLOAT32 || scale.rank() > 1 || (scale.size() != 1 && scale.size() != n)) return false;
        return bias == null || (bias.dtype() == DType.FLOAT32 && bias.rank() == 1 && bias.size() == n);
    }

    private static boolean eightBit(Tensor t) { return t.dtype() == DType.INT8 || t.dtype() == DType.UINT8; }

    private static Tensor at(Tensor[] in, int i) { return i < in.length ? in[i] : null; }
}
