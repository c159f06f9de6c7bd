package dev.kiln.models.train;

import dev.kiln.runtime.tensor.DType;
import dev.kiln.runtime.tensor.Tensor;

/**
 * Squared error between prediction {@code p} and target {@code y}, in two forms:
 * {@link Form#HALF_SUM} {@code L = sum 0.5 (p - y)^2} with {@code dL/dp = p - y}, and
 * {@link Form#MEAN} {@code L = mean (p - y)^2} with {@code dL/dp = 2 (p - y) / n}.
 */
public final class MeanSquaredError implements Loss {
    /** Which form of the loss. */
    public enum Form { HALF_SUM, MEAN }

    private final Form form;

    /** The given form. */
    public MeanSquaredError(Form form) { this.form = form; }

    /** The mean form. */
    public static MeanSquaredError mean() { return new MeanSquaredError(Form.MEAN); }

    /** The {@code 0.5 (y - p)^2} summed form. */
    public static MeanSquaredError halfSum() { return new MeanSquaredError(Form.HALF_SUM); }

    @Override
    public Result evaluate(Tensor prediction, Tensor target) {
        Loss.requireSameSize(prediction, target, "MSE");
        int n = prediction.size();
        float[] grad = new float[n];
        double sum = 0;
        for (int i = 0; i < n; i++) {
            double d = prediction.getDouble(i) - target.getDouble(i);
            sum += d * d;
            grad[i] = (float) (form == Form.HALF_SUM ? d : 2 * d / n);
        }
        double value = form == Form.HALF_SUM ? 0.5 * sum : sum / n;
        return new Result(value, Tensor.wrap(DType.FLOAT32, prediction.shape(), grad));
    }

    @Override
    public String toString() { return "MSE(" + form + ")"; }
}
