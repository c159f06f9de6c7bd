package dev.kiln.ops.rnn;

import dev.kiln.runtime.graph.Node;
import dev.kiln.runtime.tensor.Tensor;

/**
 * LSTM: gates in i, o, f, c order, peepholes P in i, o, f order (f = Sigmoid, g = h = Tanh by
 * default): {@code i = f(X Wi^T + H Ri^T + Pi . C + Wbi + Rbi)},
 * {@code f = f(X Wf^T + H Rf^T + Pf . C + Wbf + Rbf)} (or {@code 1 - i} with
 * {@code input_forget}), {@code c~ = g(X Wc^T + H Rc^T + Wbc + Rbc)}, {@code C' = f . C + i . c~},
 * {@code o = f(X Wo^T + H Ro^T + Po . C' + Wbo + Rbo)}, {@code H' = o . h(C')}. Outputs Y, Y_h
 * and Y_c; inputs 6 and 7 are initial_c and P (D, 3*H).
 */
public final class LSTM extends RecurrentOp {
    private final boolean inputForget;

    public LSTM(Node node) {
        super(node, 4, 2, new String[] {"Sigmoid", "Tanh", "Tanh"});
        this.inputForget = node.attributes().getInt("input_forget", 0) != 0;
    }

    @Override
    protected Cell cell(int d, Weights wt, Tensor[] inputs) {
        int hs = wt.hidden();
        int inputSize = wt.inputSize();
        Activation f = activations[d][0];
        Activation g = activations[d][1];
        Activation hAct = activations[d][2];
        double[] peep = new double[3 * hs];
        Tensor p = inputs.length > 7 ? inputs[7] : null;
        if (p != null) {
            expectShape(floatInput(p, "P"), "P", directions, 3 * hs);
            System.arraycopy(p.toDoubleArray(), d * 3 * hs, peep, 0, 3 * hs);
        }
        double[] bias = new double[4 * hs];
        for (int j = 0; j < 4 * hs; j++) bias[j] = wt.wb()[j] + wt.rb()[j];
        double[] xw = new double[4 * hs];
        double[] hr = new double[4 * hs];
        return (x, xOff, state) -> {
            double[] h = state[0];
            double[] c = state[1];
            matVec(wt.w(), 4 * hs, inputSize, x, xOff, xw);
            matVec(wt.r(), 4 * hs, hs, h, 0, hr);
            for (int j = 0; j < hs; j++) {
                double cPrev = c[j];
                double i = f.apply(clip(xw[j] + hr[j] + peep[j] * cPrev + bias[j]));
                double fg = inputForget ? 1 - i
                        : f.apply(clip(xw[2 * hs + j] + hr[2 * hs + j] + peep[2 * hs + j] * cPrev + bias[2 * hs + j]));
                double cand = g.apply(clip(xw[3 * hs + j] + hr[3 * hs + j] + bias[3 * hs + j]));
                double cNew = fg * cPrev + i * cand;
                double o = f.apply(clip(xw[hs + j] + hr[hs + j] + peep[hs + j] * cNew + bias[hs + j]));
                c[j] = cNew;
                h[j] = o * hAct.apply(cNew);
            }
        };
    }
}
