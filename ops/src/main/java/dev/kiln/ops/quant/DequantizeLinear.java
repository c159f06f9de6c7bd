package dev.kiln.ops.quant;

import dev.kiln.ops.cast.Conversions;
import dev.kiln.runtime.graph.Node;
import dev.kiln.runtime.op.TensorOp;
import dev.kiln.runtime.tensor.DType;
import dev.kiln.runtime.tensor.Tensor;

/**
 * DequantizeLinear: {@code y = (x - x_zero_point) * x_scale}, per tensor, per axis or per block,
 * rounded once to the output type ({@code output_dtype}, else the type of {@code x_scale}).
 */
public final class DequantizeLinear extends TensorOp {
    private final long axis;
    private final long blockSize;
    private final int outputDtype;

    public DequantizeLinear(Node node) {
        this.axis = node.attributes().getInt("axis", 1);
        this.blockSize = node.attributes().getInt("block_size", 0);
        this.outputDtype = (int) node.attributes().getInt("output_dtype", 0);
    }

    @Override
    protected Tensor[] compute(Tensor[] inputs) {
        Tensor x = QuantParams.require(inputs, 0, "x");
        Tensor scale = QuantParams.require(inputs, 1, "x_scale");
        Tensor zp = inputs.length > 2 ? inputs[2] : null;
        DType out = outputDtype != 0 ? DType.fromOnnx(outputDtype) : scale.dtype();
        if (out != DType.FLOAT32 && out != DType.FLOAT16 && out != DType.BFLOAT16) {
            throw new IllegalArgumentException("output type " + out + " must be float32, float16 or bfloat16"
                    + (outputDtype == 0 ? " (set 'output_dtype' when 'x_scale' is " + scale.dtype() + ")" : ""));
        }
        if (zp != null && zp.dtype() != x.dtype()) {
            throw new IllegalArgumentException("input 'x_zero_point' is " + zp.dtype() + " but 'x' is " + x.dtype()
                    + "; they must match");
        }
        QuantParams.requireSameShape(zp, scale, "x_zero_point", "x_scale");
        if (perTensorEightBit(x, scale, zp, out)) return new Tensor[] {perTensor(x, scale, zp)};
        int[] map = QuantParams.paramIndex(x.shape(), scale.shape(), axis, blockSize, "x_scale");
        double[] xv = Conversions.toDoubles(x);
        double[] sv = Conversions.toDoubles(scale);
        double[] zv = zp == null ? new double[sv.length] : Conversions.toDoubles(zp);
        double[] y = new double[xv.length];
        for (int i = 0; i < y.length; i++) y[i] = (xv[i] - zv[map[i]]) * sv[map[i]];
        return new Tensor[] {QuantParams.ofDoubles(y, x.shape(), out, true)};
    }

    /** An 8-bit x with one float32 scale of moderate size and one zero point (or none), to float32. */
    private static boolean perTensorEightBit(Tensor x, Tensor scale, Tensor zp, DType out) {
        if (out != DType.FLOAT32 || scale.dtype() != DType.FLOAT32 || scale.size() != 1) return false;
        if (x.dtype() != DType.UINT8 && x.dtype() != DType.INT8) return false;
        // 255 * |scale| stays finite, so the float32 product never overflows
        return Math.abs(scale.floats()[0]) <= 1e36f && (zp == null || zp.size() == 1);
    }

    /**
     * The per-tensor case in float32: {@code x - zp} is an integer of at most 9 bits, so its
     * product with the scale is exact in double and the reference rounds it once to float32,
     * exactly as one float32 multiplication does.
     */
    private static Tensor perTensor(Tensor x, Tensor scale, Tensor zp) {
        byte[] v = x.bytes();
        float s = scale.floats()[0];
        boolean unsigned = x.dtype() == DType.UINT8;
        int z = zp == null ? 0 : unsigned ? zp.bytes()[0] & 0xFF : zp.bytes()[0];
        float[] y = new float[v.length];
        if (unsigned) {
            for (int i = 0; i < v.length; i++) y[i] = ((v[i] & 0xFF) - z) * s;
        } else {
            for (int i = 0; i < v.length; i++) y[i] = (v[i] - z) * s;
        }
        return Tensor.wrap(DType.FLOAT32, x.shape(), y);
    }
}
