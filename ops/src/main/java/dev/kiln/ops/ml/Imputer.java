package dev.kiln.ops.ml;

import dev.kiln.runtime.graph.Attributes;
import dev.kiln.runtime.graph.Node;
import dev.kiln.runtime.op.TensorOp;
import dev.kiln.runtime.tensor.Tensor;

/**
 * ai.onnx.ml Imputer: replaces every element equal to the replaced value (NaN matches NaN) by the
 * imputed value of its feature (last axis), or by the single imputed value. Float inputs use
 * {@code imputed_value_floats} / {@code replaced_value_float}, integer inputs
 * {@code imputed_value_int64s} / {@code replaced_value_int64}. Y has X's type and shape.
 */
public final class Imputer extends TensorOp {
    private final float[] imputedFloats;
    private final long[] imputedInts;
    private final float replacedFloat;
    private final long replacedInt;

    public Imputer(Node node) {
        Attributes a = node.attributes();
        imputedFloats = a.getFloats("imputed_value_floats", null);
        imputedInts = a.getInts("imputed_value_int64s", null);
        replacedFloat = a.getFloat("replaced_value_float", 0f);
        replacedInt = a.getInt("replaced_value_int64", 0);
    }

    @Override
    protected Tensor[] compute(Tensor[] inputs) {
        // x: (..., F) -> y: (..., F)
        Tensor x = inputs[0];
        MlInput.requireNumeric(x, "Imputer");
        int f = x.rank() == 0 ? 1 : x.shape().dimInt(-1);
        Tensor y = x.copy();
        int n = x.size();
        if (x.dtype().isFloatingPoint()) {
            if (imputedFloats == null) throw new IllegalArgumentException("Imputer: float input needs 'imputed_value_floats'");
            checkLength(imputedFloats.length, f);
            boolean nan = Float.isNaN(replacedFloat);
            for (int i = 0; i < n; i++) {
                double v = x.getDouble(i);
                if (nan ? Double.isNaN(v) : v == replacedFloat) {
                    y.setDouble(i, imputedFloats.length == 1 ? imputedFloats[0] : imputedFloats[i % f]);
                }
            }
        } else {
            if (imputedInts == null) throw new IllegalArgumentException("Imputer: integer input needs 'imputed_value_int64s'");
            checkLength(imputedInts.length, f);
            for (int i = 0; i < n; i++) {
                if (x.getLong(i) == replacedInt) y.setLong(i, imputedInts.length == 1 ? imputedInts[0] : imputedInts[i % f]);
            }
        }
        return new Tensor[] {y};
    }

    private static void checkLength(int got, int features) {
        if (got != 1 && got != features) {
            throw new IllegalArgumentException("Imputer: the imputed values have " + got
                    + " entries; expected 1 or the " + features + " features of the last axis of X");
        }
    }
}
