package dev.kiln.ops.quant;

import dev.kiln.ops.cast.Conversions;
import dev.kiln.ops.common.Broadcast;
import dev.kiln.runtime.graph.Node;
import dev.kiln.runtime.op.TensorOp;
import dev.kiln.runtime.tensor.DType;
import dev.kiln.runtime.tensor.Shape;
import dev.kiln.runtime.tensor.Tensor;

/**
 * QLinearMatMul: {@code y = saturate(round(((a - a_zp) @ (b - b_zp)) * (a_scale * b_scale / y_scale))
 * + y_zp)}, rounding half to even. Scales and zero points are per tensor, per row of a, or per
 * column of b; the scale product is computed in the scales' type. With 8-bit integer operands the
 * product is exact in int32 on the float32 GEMM ({@link Igemm}); float8 operands multiply in double.
 */
public final class QLinearMatMul extends TensorOp {
    public QLinearMatMul(Node node) {}

    @Override
    protected Tensor[] compute(Tensor[] in) {
        String[] names = {"a", "a_scale", "a_zero_point", "b", "b_scale", "b_zero_point", "y_scale"};
        for (int i = 0; i < names.length; i++) QuantParams.require(in, i, names[i]);
        Tensor a = in[0], aScale = in[1], aZp = in[2], b = in[3], bScale = in[4], bZp = in[5], yScale = in[6];
        Tensor yZp = in.length > 7 ? in[7] : null;
        DType out = yZp != null ? yZp.dtype() : DType.UINT8;
        double[] av = QuantParams.subtract(Conversions.toDoubles(a), a.shape(), Conversions.toDoubles(aZp), aZp.shape(),
                true, "a_zero_point");
        double[] bv = QuantParams.subtract(Conversions.toDoubles(b), b.shape(), Conversions.toDoubles(bZp), bZp.shape(),
                false, "b_zero_point");
        QMatMul.Result r = eightBit(a) && eightBit(b) && eightBit(aZp) && eightBit(bZp)
                ? QMatMul.multiply(av, a.shape(), bv, b.shape())
                : QMatMul.multiplyDouble(av, a.shape(), bv, b.shape());
        Shape full = r.full();
        DType st = aScale.dtype();
        double[] as = perOutput(aScale, full, true, "a_scale");
        double[] bs = perOutput(bScale, full, false, "b_scale");
        double[] ys = perOutput(yScale, full, false, "y_scale");
        double[] yz = yZp == null ? new double[full.sizeInt()] : perOutput(yZp, full, false, "y_zero_point");
        double[] c = r.y();
        long[] range = QuantParams.range(out);
        if (range != null) {
            long[] q = new long[c.length];
            for (int i = 0; i < c.length; i++) {
                double mult = Conversions.roundToType(Conversions.roundToType(as[i] * bs[i], st) / ys[i], st);
                long v = (long) Math.rint(c[i] * mult) + (long) yz[i];
                q[i] = Math.max(range[0], Math.min(range[1], v));
            }
            return new Tensor[] {QuantParams.ofLongs(q, r.shape(), out)};
        }
        double[] f = new double[c.length];
        for (int i = 0; i < c.length; i++) {
            double mult = Conversions.roundToType(Conversions.roundToType(as[i] * bs[i], st) / ys[i], st);
            f[i] = c[i] * mult + yz[i];
        }
        return new Tensor[] {QuantParams.ofDoubles(f, r.shape(), out, true)};
    }

    private static boolean eightBit(Tensor t) { return t.dtype() == DType.INT8 || t.dtype() == DType.UINT8; }

    /** A parameter broadcast to every element of the (batch..., M, N) product. */
    private static double[] perOutput(Tensor p, Shape full, boolean perRow, String what) {
        Shape ps = QuantParams.rowShape(p.shape(), full, perRow);
        QuantParams.checkBroadcast(ps, full, what);
        double[] v = Conversions.toDoubles(p);
        int[] m = Broadcast.indexMap(ps, full);
        double[] out = new double[m.length];
        for (int i = 0; i < m.length; i++) out[i] = v[m[i]];
        return out;
    }
}
