package dev.kiln.ops.training;

import dev.kiln.runtime.graph.Attributes;
import dev.kiln.runtime.graph.Node;
import dev.kiln.runtime.op.TensorOp;
import dev.kiln.runtime.tensor.Tensor;

/**
 * ai.onnx.preview.training Momentum, one update of each X_i from its gradient G_i and momentum
 * V_i:
 * <pre>
 * G' = norm_coefficient * X + G
 * V_new = alpha * V + (T > 0 ? beta : 1) * G'
 * X_new = X - R * V_new                      (mode "standard")
 * X_new = X - R * (G' + alpha * V_new)       (mode "nesterov")
 * </pre>
 * Inputs: R, T, X_1..X_n, G_1..G_n, V_1..V_n; outputs: X_new_1..X_new_n, V_new_1..V_new_n.
 */
public final class Momentum extends TensorOp {
    private final double alpha;
    private final double beta;
    private final double normCoefficient;
    private final boolean nesterov;

    public Momentum(Node node) {
        Attributes a = node.attributes();
        for (String name : new String[] {"alpha", "beta", "norm_coefficient", "mode"}) {
            if (!a.has(name)) throw new IllegalArgumentException("attribute '" + name + "' is required");
        }
        alpha = a.getFloat("alpha", 0f);
        beta = a.getFloat("beta", 0f);
        normCoefficient = a.getFloat("norm_coefficient", 0f);
        String mode = a.getString("mode", "");
        if (!mode.equals("standard") && !mode.equals("nesterov")) {
            throw new IllegalArgumentException("attribute 'mode' must be \"standard\" or \"nesterov\", got '" + mode + "'");
        }
        nesterov = mode.equals("nesterov");
    }

    @Override
    protected Tensor[] compute(Tensor[] inputs) {
        int n = Optimizer.count(inputs, 3, "Momentum");
        double rate = Optimizer.rate(inputs[0]);
        double betaAdjusted = Optimizer.step(inputs[1]) > 0 ? beta : 1;
        Tensor[] out = new Tensor[2 * n];
        for (int i = 0; i < n; i++) {
            Tensor x = Optimizer.operand(inputs, n, 0, i, "X");
            Tensor g = Optimizer.operand(inputs, n, 1, i, "gradient");
            Tensor v = Optimizer.operand(inputs, n, 2, i, "momentum");
            Tensor xNew = Tensor.zeros(x.dtype(), x.shape());
            Tensor vNew = Tensor.zeros(v.dtype(), v.shape());
            for (int k = 0; k < x.size(); k++) {
                double xv = x.getDouble(k);
                double gr = normCoefficient * xv + g.getDouble(k);
                double vv = alpha * v.getDouble(k) + betaAdjusted * gr;
                vNew.setDouble(k, vv);
                xNew.setDouble(k, nesterov ? xv - rate * (gr + alpha * vv) : xv - rate * vv);
            }
            out[i] = xNew;
            out[n + i] = vNew;
        }
        return out;
    }
}
