package dev.kiln.ops.training;

import dev.kiln.runtime.graph.Node;
import dev.kiln.runtime.op.TensorOp;
import dev.kiln.runtime.tensor.Tensor;

/**
 * ai.onnx.preview.training Adam, one update of each X_i from its gradient G_i, averaged gradient
 * V_i and averaged squared gradient H_i:
 * <pre>
 * G' = norm_coefficient * X + G
 * V_new = alpha * V + (1 - alpha) * G'
 * H_new = beta * H + (1 - beta) * G' * G'
 * R' = T > 0 ? R * sqrt(1 - beta^T) / (1 - alpha^T) : R
 * X_new = (1 - norm_coefficient_post) * (X - R' * V_new / (sqrt(H_new) + epsilon))
 * </pre>
 * Inputs: R, T, X_1..X_n, G_1..G_n, V_1..V_n, H_1..H_n; outputs: the new X, V and H runs.
 */
public final class Adam extends TensorOp {
    private final double alpha;
    private final double beta;
    private final double epsilon;
    private final double normCoefficient;
    private final double normCoefficientPost;

    public Adam(Node node) {
        alpha = node.attributes().getFloat("alpha", 0.9f);
        beta = node.attributes().getFloat("beta", 0.999f);
        epsilon = node.attributes().getFloat("epsilon", 0f);
        normCoefficient = node.attributes().getFloat("norm_coefficient", 0f);
        normCoefficientPost = node.attributes().getFloat("norm_coefficient_post", 0f);
    }

    @Override
    protected Tensor[] compute(Tensor[] inputs) {
        int n = Optimizer.count(inputs, 4, "Adam");
        double rate = Optimizer.rate(inputs[0]);
        long t = Optimizer.step(inputs[1]);
        double adjusted = t > 0 ? rate * Math.sqrt(1 - Math.pow(beta, t)) / (1 - Math.pow(alpha, t)) : rate;
        Tensor[] out = new Tensor[3 * n];
        for (int i = 0; i < n; i++) {
            Tensor x = Optimizer.operand(inputs, n, 0, i, "X");
            Tensor g = Optimizer.operand(inputs, n, 1, i, "gradient");
            Tensor v = Optimizer.operand(inputs, n, 2, i, "averaged gradient");
            Tensor h = Optimizer.operand(inputs, n, 3, i, "averaged squared gradient");
            Tensor xNew = Tensor.zeros(x.dtype(), x.shape());
            Tensor vNew = Tensor.zeros(v.dtype(), v.shape());
            Tensor hNew = Tensor.zeros(h.dtype(), h.shape());
            for (int k = 0; k < x.size(); k++) {
                double xv = x.getDouble(k);
                double gr = normCoefficient * xv + g.getDouble(k);
                double vv = alpha * v.getDouble(k) + (1 - alpha) * gr;
                double hv = beta * h.getDouble(k) + (1 - beta) * gr * gr;
                vNew.setDouble(k, vv);
                hNew.setDouble(k, hv);
                double moved = xv - adjusted * vv / (Math.sqrt(hv) + epsilon);
                xNew.setDouble(k, (1 - normCoefficientPost) * moved);
            }
            out[i] = xNew;
            out[n + i] = vNew;
            out[2 * n + i] = hNew;
        }
        return out;
    }
}
