package dev.kiln.ops.rnn;

import dev.kiln.runtime.graph.Node;
import dev.kiln.runtime.tensor.Tensor;

/**
 * RNN: a simple recurrent layer, {@code H_t = f(X_t W^T + H_{t-1} R^T + Wb + Rb)} with
 * f = Tanh by default; outputs Y and Y_h (see {@link RecurrentOp} for shapes).
 */
public final class RNN extends RecurrentOp {
    public RNN(Node node) {
        super(node, 1, 1, new String[] {"Tanh"});
    }

    @Override
    protected Cell cell(int d, Weights wt, Tensor[] inputs) {
        int hidden = wt.hidden();
        int inputSize = wt.inputSize();
        Activation f = activations[d][0];
        double[] bias = new double[hidden];
        for (int j = 0; j < hidden; j++) bias[j] = wt.wb()[j] + wt.rb()[j];
        double[] xw = new double[hidden];
        double[] hr = new double[hidden];
        return (x, xOff, state) -> {
            double[] h = state[0];
            matVec(wt.w(), hidden, inputSize, x, xOff, xw);
            matVec(wt.r(), hidden, hidden, h, 0, hr);
            for (int j = 0; j < hidden; j++) h[j] = f.apply(clip(xw[j] + hr[j] + bias[j]));
        };
    }
}
