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
        float min = 0f;
        float max = 0f;
        for (float v : a) {
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        float scale = (max - min) / 255f;
        int zp = scale == 0 || Float.isNaN(scale) ? 0 : clip(Math.rint(0f - min / scale));
        byte[] y = new byte[a.length];
        for (int i = 0; i < a.length; i++) {
            y[i] = (byte) (scale == 0 ? zp : clip(Math.rint(a[i] / scale) + zp));
        }
        return new Tensor[] {
            Tensor.wrap(DType.UINT8, x.shape(), y),
            Tensor.wrap(DType.FLOAT32, Shape.SCALAR, new float[] {scale}),
            Tensor.wrap(DType.UINT8, Shape.SCALAR, new byte[] {(byte) zp}),
        };
    }

    private static int clip(double v) {
        if (Double.isNaN(v)) return 0;
        return (int) Math.max(0, Math.min(255, v));
    }
}
