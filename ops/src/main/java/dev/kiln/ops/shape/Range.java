package dev.kiln.ops.shape;

import dev.kiln.runtime.graph.Node;
import dev.kiln.runtime.op.TensorOp;
import dev.kiln.runtime.tensor.DType;
import dev.kiln.runtime.tensor.Shape;
import dev.kiln.runtime.tensor.Tensor;

/**
 * Range: {@code y[i] = start + i * delta} for {@code i < max(ceil((limit - start) / delta), 0)}.
 * Integer types are computed exactly; floating types in double precision, rounded once to the
 * output type. From opset 27, {@code stash_type=0} on float16/bfloat16 instead accumulates
 * {@code y[i] = y[i-1] + delta} in the type itself, rounding at every step.
 */
public final class Range extends TensorOp {
    private final boolean accumulateInType;

    /** Opsets 11-26. */
    public Range(Node node) {
        this.accumulateInType = false;
    }

    private Range(boolean accumulateInType) {
        this.accumulateInType = accumulateInType;
    }

    /** Opset 27+: reads {@code stash_type} (1 = float, the default; 0 = the input type). */
    public static Range v27(Node node) {
        long stash = node.attributes().getInt("stash_type", 1);
        if (stash != 0 && stash != 1) {
            throw new IllegalArgumentException("attribute 'stash_type' is " + stash + ", expected 0 or 1");
        }
        return new Range(stash == 0);
    }

    @Override
    protected Tensor[] compute(Tensor[] inputs) {
        Tensor start = Inputs.required(inputs, 0, "start");
        Tensor limit = Inputs.required(inputs, 1, "limit");
        Tensor delta = Inputs.required(inputs, 2, "delta");
        DType t = start.dtype();
        String[] names = {"start", "limit", "delta"};
        for (int i = 0; i < 3; i++) {
            if (inputs[i].size() != 1) {
                throw new IllegalArgumentException("input '" + names[i] + "' must be a scalar, got " + inputs[i].describe());
            }
            if (inputs[i].dtype() != t) {
                throw new IllegalArgumentException("input '" + names[i] + "' is " + inputs[i].dtype()
                        + ", expected " + t + " like 'start'");
            }
        }
        if (t == DType.STRING || t == DType.BOOL) throw new IllegalArgumentException("Range needs a numeric type, got " + t);
        if (t.isFloatingPoint()) {
            double s = start.getDouble(0);
            double d = delta.getDouble(0);
            if (d == 0) throw new IllegalArgumentException("input 'delta' is 0");
            double count = Math.ceil((limit.getDouble(0) - s) / d);
            int n = count > 0 ? checkedCount(count) : 0;
            Tensor y = Tensor.zeros(t, Shape.of(n));
            if (t == DType.FLOAT32) {
                float[] v = y.floats();
                for (int i = 0; i < n; i++) v[i] = (float) (s + i * d);
            } else if (accumulateInType && (t == DType.FLOAT16 || t == DType.BFLOAT16)) {
                for (int i = 0; i < n; i++) y.setDouble(i, i == 0 ? s : y.getDouble(i - 1) + d);
            } else {
                for (int i = 0; i < n; i++) y.setDouble(i, s + i * d);
            }
            return new Tensor[] {y};
        }
        long s = start.getLong(0);
        long l = limit.getLong(0);
        long d = delta.getLong(0);
        if (d == 0) throw new IllegalArgumentException("input 'delta' is 0");
        long span = l - s;
        long n = d > 0 ? (span > 0 ? (span + d - 1) / d : 0) : (span < 0 ? (-span + -d - 1) / -d : 0);
        Tensor y = Tensor.zeros(t, Shape.of(checkedCount(n)));
        for (int i = 0; i < n; i++) y.setLong(i, s + i * d);
        return new Tensor[] {y};
    }

    private static int checkedCount(double n) {
        if (n > Integer.MAX_VALUE - 8) throw new IllegalArgumentException("Range would have " + (long) n + " elements");
        return (int) n;
    }
}
