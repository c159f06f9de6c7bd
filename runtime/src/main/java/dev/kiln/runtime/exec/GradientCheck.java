package dev.kiln.runtime.exec;

import dev.kiln.runtime.op.Op;
import dev.kiln.runtime.tensor.DType;
import dev.kiln.runtime.tensor.Tensor;
import dev.kiln.runtime.tensor.Value;
import java.util.SplittableRandom;

/**
 * Finite-difference check of an op's backward: compares its analytic gradient with central
 * differences of {@code L = sum_k sum_i w_k[i] * y_k[i]} for random weights {@code w}.
 * Run it in float64 (relative error around 1e-8 expected) or float32 (around 1e-3).
 */
public final class GradientCheck {
    private GradientCheck() {}

    /**
     * The outcome.
     *
     * @param relativeError {@code max|analytic - numeric| / max(max|numeric|, max|analytic|)} over all checked inputs
     * @param worstInput index of the input with the largest error
     */
    public record Report(double relativeError, int worstInput) {}

    /**
     * Checks {@code op} at {@code inputs}.
     *
     * @param differentiable which inputs to check (the op must return a gradient for them)
     * @param eps finite-difference step (1e-6 suits float64, 1e-2 float32)
     */
    public static Report check(Op op, Tensor[] inputs, boolean[] differentiable, double eps, long seed) {
        ExecutionContext ctx = ExecutionContext.standalone(seed);
        Tensor[] outputs = run(op, inputs, ctx);
        SplittableRandom rnd = new SplittableRandom(seed);
        Tensor[] weights = new Tensor[outputs.length];
        for (int k = 0; k < outputs.length; k++) {
            if (outputs[k] == null || !outputs[k].dtype().isFloatingPoint()) continue;
            weights[k] = Tensor.zeros(outputs[k].dtype(), outputs[k].shape());
            for (int i = 0; i < weights[k].size(); i++) weights[k].setDouble(i, rnd.nextDouble() * 2 - 1);
        }
        Tensor[] analytic = op.backward(inputs, outputs, weights);
        double worst = 0;
        int worstInput = -1;
        for (int j = 0; j < inputs.length; j++) {
            if (!differentiable[j]) continue;
            if (analytic == null || j >= analytic.length || analytic[j] == null) {
                throw new IllegalStateException("backward returned no gradient for input " + j);
            }
            Tensor x = inputs[j];
            double maxDiff = 0;
            double scale = 1e-12;
            for (int i = 0; i < x.size(); i++) {
                Tensor[] plus = inputs.clone();
                Tensor[] minus = inputs.clone();
                plus[j] = x.copy();
                minus[j] = x.copy();
                double v = x.getDouble(i);
                plus[j].setDouble(i, v + eps);
                minus[j].setDouble(i, v - eps);
                double hPlus = plus[j].getDouble(i) - v;
                double hMinus = v - minus[j].getDouble(i);
                double numeric = (weighted(run(op, plus, ctx), weights) - weighted(run(op, minus, ctx), weights))
                        / (hPlus + hMinus);
                double a = analytic[j].getDouble(i);
                maxDiff = Math.max(maxDiff, Math.abs(a - numeric));
                scale = Math.max(scale, Math.max(Math.abs(a), Math.abs(numeric)));
            }
            double rel = maxDiff / scale;
            if (rel > worst || worstInput < 0) {
                worst = rel;
                worstInput = j;
            }
        }
        return new Report(worst, worstInput);
    }

    /** Inputs converted to float64 (for precise checks of ops that support it). */
    public static Tensor[] toFloat64(Tensor... inputs) {
        Tensor[] out = new Tensor[inputs.length];
        for (int i = 0; i < inputs.length; i++) {
            Tensor t = inputs[i];
            out[i] = t == null || t.dtype() != DType.FLOAT32 ? t : Tensor.of(t.toDoubleArray(), t.shape().dims());
        }
        return out;
    }

    private static Tensor[] run(Op op, Tensor[] inputs, ExecutionContext ctx) {
        Value[] out = op.forward(inputs, ctx);
        Tensor[] t = new Tensor[out.length];
        for (int i = 0; i < out.length; i++) t[i] = (Tensor) out[i];
        return t;
    }

    private static double weighted(Tensor[] outputs, Tensor[] weights) {
        double s = 0;
        for (int k = 0; k < outputs.length; k++) {
            if (weights[k] == null) continue;
            for (int i = 0; i < outputs[k].size(); i++) s += outputs[k].getDouble(i) * weights[k].getDouble(i);
        }
        return s;
    }
}
