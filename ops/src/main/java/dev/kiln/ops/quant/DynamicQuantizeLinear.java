package dev.kiln.ops.quant;

import dev.kiln.runtime.graph.Node;
import dev.kiln.runtime.op.TensorOp;
import dev.kiln.runtime.tensor.DType;
import dev.kiln.runtime.tensor.Shape;
import dev.kiln.runtime.tensor.Tensor;

/**
 * DynamicQuantizeLinear: uint8 quantization with a scale and zero point computed from the data,
 * whose range is widened to include 0: {@code y_scale = (max(0, max x) - min(0, min x)) / 255},
 * {@code y_zero_point = saturate(round(-min / y_scale))}, {@code y = saturate(round(x / y_scale) + zp)},
 * all in float32 with rounding half to even.
 */
public final class DynamicQuantizeLinear extends TensorOp {
    public DynamicQuantizeLinear(Node node) {}

    @Override
    protected Tensor[] compute(Tensor[] inputs) {
        Tensor x = QuantParams.require(inputs, 0, "x");
        if (x.dtype() != DType.FLOAT32) {
            throw new IllegalArgumentException("input 'x' must be float32, got " + x.dtype());
        }
        float[] a = x.floats();
        float[] range = DynamicQuantizeKernel.range(a);
        float min = range[0], max = range[1];
        float scale = (max - min) / 255f;
        boolean regular = scale > 0 && scale < Float.POSITIVE_INFINITY; // not 0, NaN or infinite
        int zp = regular ? DynamicQuantizeKernel.clip(Math.rint(0f - min / scale)) : 0;
        byte[] y = new byte[a.length];
        if (regular) {
            DynamicQuantizeKernel.quantize(a, scale, zp, y);
        } else if (scale != 0) {
            // NaN or infinite scale: every code is saturate(round(x / scale)) with zero point 0
            DynamicQuantizeKernel.quantizeReference(a, 0, a.length, scale, 0, y);
        }
        return new Tensor[] {
            Tensor.wrap(DType.UINT8, x.shape(), y),
            Tensor.wrap(DType.FLOAT32, Shape.SCALAR, new float[] {scale}),
            Tensor.wrap(DType.UINT8, Shape.SCALAR, new byte[] {(byte) zp}),
        };
    }
}
