package dev.kiln.ops.quant;

import dev.kiln.ops.cast.Conversions;
import dev.kiln.ops.common.Args;
import dev.kiln.runtime.graph.Node;
import dev.kiln.runtime.op.TensorOp;
import dev.kiln.runtime.tensor.DType;
import dev.kiln.runtime.tensor.Shape;
import dev.kiln.runtime.tensor.Tensor;

/**
 * QLinearConv: {@code y = saturate(round((conv(x - x_zp, w - w_zp) + B) * (x_scale * w_scale /
 * y_scale)) + y_zp)}, rounding half to even; w's scale and zero point may be per output channel.
 */
public final class QLinearConv extends TensorOp {
    private final DirectConv.Params params;

    public QLinearConv(Node node) {
        this.params = DirectConv.Params.of(node.attributes());
    }

    @Override
    protected Tensor[] compute(Tensor[] in) {
        String[] names = {"x", "x_scale", "x_zero_point", "w", "w_scale", "w_zero_point", "y_scale", "y_zero_point"};
        for (int i = 0; i < names.length; i++) QuantParams.require(in, i, names[i]);
        Tensor x = in[0], xScale = in[1], xZp = in[2], w = in[3];
        Tensor wScale = in[4], wZp = in[5], yScale = in[6], yZp = in[7];
        Tensor bias = in.length > 8 ? in[8] : null;
        DirectConv.Geometry g = DirectConv.geometry(x.shape(), w.shape(), params);
        double[] xv = DirectConv.shiftInput(Conversions.toDoubles(x), Conversions.toDoubles(xZp), "x_zero_point");
        double[] wv = DirectConv.shiftWeights(Conversions.toDoubles(w), w.shape(), Conversions.toDoubles(wZp),
                "w_zero_point");
        double[] acc = DirectConv.conv(xv, x.shape(), wv, w.shape(), g);
        Shape ys = DirectConv.outputShape(x.shape(), w.shape(), g);
        int m = w.shape().dimInt(0);
        double[] ws = Conversions.toDoubles(wScale);
        if (ws.length != 1 && ws.length != m) {
            throw new IllegalArgumentException("input 'w_scale' must be a scalar or have " + m + " values, got "
                    + ws.length);
        }
        double[] b = bias == null ? null : Conversions.toDoubles(bias);
        if (b != null && b.length != m) {
            throw new IllegalArgumentException("input 'B' must have " + m + " values, got " + b.length);
        }
        double xs = Args.scalar(xScale, "x_scale");
        double yScaleV = Args.scalar(yScale, "y_scale");
        double yz = Args.scalar(yZp, "y_zero_point");
        DType st = xScale.dtype();
        long[] range = QuantParams.range(yZp.dtype());
        if (range == null) {
            throw new IllegalArgumentException("input 'y_zero_point' must be int8 or uint8, got " + yZp.dtype());
        }
        int per = (int) ys.sizeBetween(2, ys.rank());
        long[] q = new long[acc.length];
        for (int i = 0; i < acc.length; i++) {
            int mo = (i / per) % m;
            double wsm = ws[ws.length == 1 ? 0 : mo];
            double mult = Conversions.roundToType(Conversions.roundToType(xs * wsm, st) / yScaleV, st);
            double v = acc[i] + (b == null ? 0 : b[mo]);
            long r = (long) Math.rint(v * mult) + (long) yz;
            q[i] = Math.max(range[0], Math.min(range[1], r));
        }
        return new Tensor[] {QuantParams.ofLongs(q, ys, yZp.dtype())};
    }
}
