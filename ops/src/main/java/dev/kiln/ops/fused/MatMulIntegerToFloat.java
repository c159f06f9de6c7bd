package dev.kiln.ops.fused;

import dev.kiln.ops.cast.Cast;
import dev.kiln.ops.common.Vectors;
import dev.kiln.ops.linalg.GemmEpilogue;
import dev.kiln.ops.math.Add;
import dev.kiln.ops.math.Mul;
import dev.kiln.ops.quant.Igemm;
import dev.kiln.ops.quant.Int8Panels;
import dev.kiln.ops.quant.MatMulInteger;
import dev.kiln.ops.unary.ErfKernel;
import dev.kiln.runtime.exec.RunBuffers;
import dev.kiln.runtime.graph.Attribute;
import dev.kiln.runtime.graph.Node;
import dev.kiln.runtime.op.LoadContext;
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
 * <p>An optional seventh input is a residual added last ({@code ... + bias + R}, standing for one
 * more Add); with attribute {@code activation = "gelu"} (and the Gelu node's {@code divide} and
 * {@code const_rank}) the result goes through {@link Gelu} last, as in {@link MatMulAdd}. The fast
 * path applies both in the GEMM's epilogue, with the same kernels as the standalone ops, for a
 * residual of the product's exact shape.
 *
 * <p>The fast path (a 2-D 8-bit B, one zero point for A, one per column or one in all for B, a
 * scale of one value or one per column, a bias of one per column) computes the exact int32
 * product as floats on the float32 GEMM ({@link Int8Panels}), scaling and adding the bias in the
 * GEMM's epilogue while each block of columns is in cache; the output comes from the run's buffer
 * pool. When B and b_zp are the model's constants (a layer's weights), B minus its zero points
 * is packed once, on first use, and reused by every run that passes those very tensors. Every
 * other case runs the reference: the four standard ops in sequence.
 */
public final class MatMulIntegerToFloat extends TensorOp {
    private static final ThreadLocal<float[]> SHIFTED_A = ThreadLocal.withInitial(() -> new float[0]);

    /** The initializers the node reads as B and b_zp (null when they are not constants). */
    private final Tensor constB;
    private final Tensor constZb;
    private volatile Int8Panels packed;
    private final Op matMulInteger;
    private final Op cast;
    private final Op mul;
    private final Op add;
    /** The activation applied last, or null. */
    private final Gelu gelu;

    /** The op with no constant B (B is packed on every run). */
    public MatMulIntegerToFloat(Node node) {
        this(node, null);
    }

    /** The op; B and b_zp are packed once when the load context knows them as constants. */
    public MatMulIntegerToFloat(Node node, LoadContext ctx) {
        this.gelu = Gelu.absorbed(node);
        this.constB = ctx == null || node.inputs().size() < 2 ? null : ctx.constant(node.input(1));
        this.constZb = ctx == null || node.inputs().size() < 4 || node.input(3).isEmpty()
                ? null : ctx.constant(node.input(3));
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
        Tensor residual = at(in, 6);
        if (!fastPath(a, b, azp, bzp, scale, bias, residual)) {
            return new Tensor[] {reference(a, b, azp, bzp, scale, bias, residual)};
        }
        int k = b.shape().dimInt(0), n = b.shape().dimInt(1);
        int m = Math.toIntExact(a.shape().sizeBetween(0, a.rank() - 1));
        float[] av = shiftA(a.bytes(), a.dtype() == DType.UINT8, azp == null ? 0 : (int) azp.getLong(0), m * k);
        float[] y = RunBuffers.floats(m * n);
        float[] sc = scale.floats();
        if (sc.length == 1) {
            sc = new float[n];
            java.util.Arrays.fill(sc, scale.floats()[0]);
        }
        // y = float(acc) * scale + bias in the GEMM's epilogue, rounded after the product and after
        // the sum as Mul then Add (Java never fuses the two into one rounding)
        // then + R and GELU on each block, as the Add and Gelu ops compute them
        float[] res = residual == null ? null : residual.floats();
        boolean act = gelu != null && Vectors.ENABLED;
        GemmEpilogue then = res == null && !act ? null : (c, cOff, ldc, rows, from, to) -> {
            for (int i = 0; i < rows; i++) {
                int o = cOff + i * ldc + from;
                if (res != null) {
                    for (int j = 0; j < to - from; j++) c[o + j] += res[o + j];
                }
                if (act) ErfKernel.geluFast(c, o, c, o, to - from);
            }
        };
        panels(b, bzp, n).multiply(m, av, y, sc, bias == null ? null : bias.floats(), then);
        long[] dims = a.shape().dims();
        dims[dims.length - 1] = n;
        Tensor sum = Tensor.wrap(DType.FLOAT32, Shape.of(dims), y);
        // without the Vector API, the Gelu op's own float32 path
        return new Tensor[] {gelu != null && !act ? (Tensor) gelu.forward(new Value[] {sum}, null)[0] : sum};
    }

    /** B minus its zero points, packed: kept when B and b_zp are the node's constants, else packed for this run. */
    private Int8Panels panels(Tensor b, Tensor bzp, int n) {
        if (constB == null || b != constB || bzp != constZb) return pack(b, bzp, n);
        Int8Panels p = packed;
        if (p == null) {
            synchronized (this) {
                p = packed;
                if (p == null) {
                    p = pack(b, bzp, n);
                    packed = p;
                }
            }
        }
        return p;
    }

    private static Int8Panels pack(Tensor b, Tensor bzp, int n) {
        int[] zb = new int[bzp == null ? 1 : bzp.size()];
        for (int j = 0; bzp != null && j < zb.length; j++) zb[j] = (int) bzp.getLong(j);
        return Int8Panels.pack(b.bytes(), b.dtype() == DType.UINT8, zb, b.shape().dimInt(0), n);
    }

    /** The 8-bit A minus its zero point as floats, in a per-thread scratch of at least {@code size}. */
    private static float[] shiftA(byte[] v, boolean unsigned, int zp, int size) {
        float[] out = SHIFTED_A.get();
        if (out.length < size) {
            out = new float[size];
            SHIFTED_A.set(out);
        }
        Igemm.shiftRows(v, unsigned, zp, out, size);
        return out;
    }

    /** The reference without a residual. */
    public Tensor reference(Tensor a, Tensor b, Tensor azp, Tensor bzp, Tensor scale, Tensor bias) {
        return reference(a, b, azp, bzp, scale, bias, null);
    }

    /**
     * The reference: MatMulInteger, Cast to float, Mul by the scale, Add of the bias and of the
     * residual, as standard ops, then the activation's reference.
     */
    public Tensor reference(Tensor a, Tensor b, Tensor azp, Tensor bzp, Tensor scale, Tensor bias, Tensor residual) {
        Value y = matMulInteger.forward(new Value[] {a, b, azp, bzp}, null)[0];
        y = cast.forward(new Value[] {y}, null)[0];
        y = mul.forward(new Value[] {y, scale}, null)[0];
        if (bias != null) y = add.forward(new Value[] {y, bias}, null)[0];
        if (residual != null) y = add.forward(new Value[] {y, residual}, null)[0];
        return gelu == null ? (Tensor) y : gelu.reference((Tensor) y);
    }

    private static boolean fastPath(Tensor a, Tensor b, Tensor azp, Tensor bzp, Tensor scale, Tensor bias,
                                    Tensor residual) {
        if (residual != null) {
            // the residual must have the product's exact shape (no broadcasting on the fast path)
            if (residual.dtype() != DType.FLOAT32 || residual.rank() != a.rank() || a.rank() < 2) return false;
            for (int i = 0; i < a.rank() - 1; i++) if (residual.shape().dim(i) != a.shape().dim(i)) return false;
            if (b.rank() != 2 || residual.shape().dim(-1) != b.shape().dim(-1)) return false;
        }
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
