package dev.kiln.ops.ml;

import dev.kiln.runtime.graph.Node;
import dev.kiln.runtime.op.TensorOp;
import dev.kiln.runtime.tensor.DType;
import dev.kiln.runtime.tensor.Tensor;

/** ai.onnx.ml Binarizer: {@code Y = X > threshold ? 1 : 0}, same type and shape as X (NaN gives 0). */
public final class Binarizer extends TensorOp {
    private final float threshold;

    public Binarizer(Node node) {
        threshold = node.attributes().getFloat("threshold", 0f);
    }

    @Override
    protected Tensor[] compute(Tensor[] inputs) {
        Tensor x = inputs[0];
        MlInput.requireNumeric(x, "Binarizer");
        int n = x.size();
        Tensor y = Tensor.zeros(x.dtype(), x.shape());
        if (x.dtype() == DType.FLOAT32) {
            float[] in = x.floats();
            float[] out = y.floats();
            for (int i = 0; i < n; i++) out[i] = in[i] > threshold ? 1f : 0f;
        } else {
            for (int i = 0; i < n; i++) y.setDouble(i, x.getDouble(i) > threshold ? 1 : 0);
        }
        return new Tensor[] {y};
    }
}
