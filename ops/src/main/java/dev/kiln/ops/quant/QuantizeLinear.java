package dev.kiln.ops.quant;

import dev.kiln.ops.cast.Conversions;
import dev.kiln.runtime.graph.Node;
import dev.kiln.runtime.op.TensorOp;
import dev.kiln.runtime.tensor.DType;
import dev.kiln.runtime.tensor.Tensor;

/**
 * QuantizeLinear: {@code y = saturate(round(x / y_scale) + y_zero_point)}, rounding half to even,
 * per tensor, per axis or per block. Float8 and float4 targets convert {@code x / y_scale +
 * y_zero_point} as Cast does, float8 honouring {@code saturate}.
 */
public final class QuantizeLinear extends TensorOp {
    private final long axis;
    private final boolean saturate;
    private final long blockSize;
    private final int outputDtype;
    private final int precision;

    public QuantizeLinear(Node node) {
        this.axis = node.attributes().getInt("axis", 1);
        this.saturate = node.attributes().getInt("saturate", 1) != 0;
        this.blockSize = node.attributes().getInt("block_size", 0);
        this.outputDtype = (int) node.attributes().getInt("output_dtype", 0);
        this.precision = (int) node.attributes().getInt("precision", 0);
    }

    @Override
    protected Tensor[] compute(Tensor[] inputs) {
        Tensor x = QuantParams.require(inputs, 0, "x");
        Tensor scale = QuantParams.require(inputs, 1, "y_scale");
        Tensor zp = inputs.length > 2 ? inputs[2] : null;
        DType out = outputType(zp);
        QuantParams.requireSameShape(zp, scale, "y_zero_point", "y_scale");
        int[] map = QuantParams.paramIndex(x.shape(), scale.shape(), axis, blockSize, "y_scale");
        DType p = precision != 0 ? DType.fromOnnx(precision) : divisionType(x.dtype(), scale.dtype());
        double[] xv = Conversions.toDoubles(x);
        double[] sv = Conversions.toDoubles(scale);
        double[] zv = zp == null ? new double[sv.length] : Conversions.toDoubles(zp);
        int n = xv.length;
        long[] range = QuantParams.range(out);
        if (range != null) {
            long[] q = new long[n];
            for (int i = 0; i < n; i++) {
                double d = quotient(xv[i], sv[map[i]], p);
                long v = (Double.isNaN(d) ? 0 : (long) Math.rint(d)) + (long) zv[map[i]];
                q[i] = Math.max(range[0], Math.min(range[1], v));
            }
            return new Tensor[] {QuantParams.ofLongs(q, x.shape(), out)};
        }
        double[] f = new double[n];
        for (int i = 0; i < n; i++) f[i] = quotient(xv[i], sv[map[i]], p) + zv[map[i]];
        return new Tensor[] {QuantParams.ofDoubles(f, x.shape(), out, saturate)};
    }

    private static double quotient(double x, double s, DType p) {
        return Conversions.roundToType(Conversions.roundToType(x, p) / Conversions.roundToType(s, p), p);
    }

    private DType outputType(Tensor zp) {
        DType out;
        if (zp != null) {
            out = zp.dtype();
            if (outputDtype != 0 && DType.fromOnnx(outputDtype) != out) {
                throw new IllegalArgumentException("attribute 'output_dtype' is " + DType.fromOnnx(outputDtype)
                        + " but input 'y_zero_point' is " + out + "; they must match");
            }
        } else {
            out = outputDtype != 0 ? DType.fromOnnx(outputDtype) : DType.UINT8;
        }
        if (!QuantParams.isQuantized(out)) {
            throw new IllegalArgumentException("output type " + out + " is not a quantized type");
        }
        return out;
    }

    /** The type x / y_scale is computed in without a precision attribute: numpy's promotion of the two. */
    static DType divisionType(DType x, DType s) {
        if (x == s && (x == DType.FLOAT32 || x == DType.FLOAT16 || x == DType.BFLOAT16)) return x;
        if (x == DType.INT32 || s == DType.INT32 || x == DType.FLOAT64 || s == DType.FLOAT64) return DType.FLOAT64;
        return DType.FLOAT32;
    }
}
