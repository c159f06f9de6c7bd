package dev.kiln.ops.training;

import dev.kiln.runtime.graph.Node;
import dev.kiln.runtime.op.TensorOp;
import dev.kiln.runtime.tensor.Tensor;

/**
 * ai.onnx.preview.training Adagrad, one update of each X_i from its gradient G_i and
 * accumulated squared gradient H_i:
 * <pre>
 * r = R / (1 + T * decay_factor)
 * G' = norm_coefficient * X + G
 * H_new = H + G' * G'
 * X_new = X - r * G' / (sqrt(H_new) + epsilon)
 * </pre>
 * Inputs: R, T, X_1..X_n, G_1..G_n, H_1..H_n; outputs: X_new_1..X_new_n, H_new_1..H_new_n.
 */
public final class Adagrad extends TensorOp {
    private final double decayFactor;
    private final double epsilon;
    private final double normCoefficient;

    public Adagrad(Node node) {
        decayFactor = node.attributes().getFloat("decay_factor", 0f);
        epsilon = node.attributes().getFloat("epsilon", 0f);
        normCoefficient = node.attributes().getFloat("norm_coefficient", 0f);
    }

    @Override
    protected Tensor[] compute(Tensor[] inputs) {
        int n = Optimizer.count(inputs, 3, "Adagrad");
        double r = Optimizer.rate(inputs[0]) / (1 + Optimizer.step(inputs[1]) * decayFactor);
        Tensor[] out = new Tensor[2 * n];
        for (int i = 0; i < n; i++) {
            Tensor x = Optimizer.operand(inputs, n, 0, i, "X");
            Tensor g = Optimizer.operand(inputs, n, 1, i, "gradient");
            Tensor h = Optimizer.operand(inputs, n, 2, i, "accumulated squared gradient");
            Tensor xNew = Tensor.zeros(x.dtype(), x.shape());
            Tensor hNew = Tensor.zeros(h.dtype(), h.shape());
            for (int k = 0; k < x.size(); k++) {
                double xv = x.getDouble(k);
                double gr = normCoefficient * xv + g.getDouble(k);
                double hv = h.getDouble(k) + gr * gr;
                hNew.setDouble(k, hv);
                xNew.setDouble(k, xv - r * gr / (Math.sqrt(hv) + epsilon));
            }
            out[i] = xNew;
            out[n + i] = hNew;
        }
        return out;
    }
}
