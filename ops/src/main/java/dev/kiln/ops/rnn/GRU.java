package dev.kiln.ops.rnn;

import dev.kiln.runtime.graph.Node;
import dev.kiln.runtime.tensor.Tensor;

/**
 * GRU: gates in z, r, h order (f = Sigmoid, g = Tanh by default):
 * {@code z = f(X Wz^T + H Rz^T + Wbz + Rbz)}, {@code r = f(X Wr^T + H Rr^T + Wbr + Rbr)},
 * {@code h~ = g(X Wh^T + (r . H) Rh^T + Rbh + Wbh)}, or with {@code linear_before_reset}
 * {@code h~ = g(X Wh^T + r . (H Rh^T + Rbh) + Wbh)}; {@code H' = (1 - z) . h~ + z . H}.
 */
public final class GRU extends RecurrentOp {
    private final boolean linearBeforeReset;

    public GRU(Node node) {
        super(node, 3, 1, new String[] {"Sigmoid", "Tanh"});
        this.linearBeforeReset = node.attributes().getInt("linear_before_reset", 0) != 0;
    }

    @Override
    protected Cell cell(int d, Weights wt, Tensor[] inputs) {
        int hs = wt.hidden();
        int inputSize = wt.inputSize();
        Activation f = activations[d][0];
        Activation g = activations[d][1];
        double[] w = wt.w();
        double[] r = wt.r();
        double[] wb = wt.wb();
        double[] rb = wt.rb();
        double[] xw = new double[3 * hs];
        double[] hr = new double[3 * hs];
        double[] rh = new double[hs];
        double[] hRow = new double[hs];
        double[] z = new double[hs];
        double[] reset = new double[hs];
        return (x, xOff, state) -> {
            double[] h = state[0];
            matVec(w, 3 * hs, inputSize, x, xOff, xw);
            // z and r use H R^T for their rows; h~ needs (r . H) Rh^T unless linear_before_reset
            matVec(r, linearBeforeReset ? 3 * hs : 2 * hs, hs, h, 0, hr);
            for (int j = 0; j < hs; j++) {
                z[j] = f.apply(clip(xw[j] + hr[j] + wb[j] + rb[j]));
                reset[j] = f.apply(clip(xw[hs + j] + hr[hs + j] + wb[hs + j] + rb[hs + j]));
            }
            if (!linearBeforeReset) {
                for (int j = 0; j < hs; j++) rh[j] = reset[j] * h[j];
                for (int j = 0; j < hs; j++) {
                    double acc = 0;
                    int base = (2 * hs + j) * hs;
                    for (int k = 0; k < hs; k++) acc += r[base + k] * rh[k];
                    hRow[j] = acc + rb[2 * hs + j];
                }
            } else {
                for (int j = 0; j < hs; j++) hRow[j] = reset[j] * (hr[2 * hs + j] + rb[2 * hs + j]);
            }
            for (int j = 0; j < hs; j++) {
                double cand = g.apply(clip(xw[2 * hs + j] + hRow[j] + wb[2 * hs + j]));
                h[j] = (1 - z[j]) * cand + z[j] * h[j];
            }
        };
    }
}
