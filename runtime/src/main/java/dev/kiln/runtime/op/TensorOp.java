package dev.kiln.runtime.op;

import dev.kiln.runtime.exec.ExecutionContext;
import dev.kiln.runtime.tensor.Tensor;
import dev.kiln.runtime.tensor.Value;

/** Base for ops whose inputs and outputs are all tensors. */
public abstract class TensorOp implements Op {
    @Override
    public final Value[] forward(Value[] inputs, ExecutionContext ctx) {
        Tensor[] t = new Tensor[inputs.length];
        for (int i = 0; i < inputs.length; i++) {
            Value v = inputs[i];
            if (v == null) continue;
            if (!(v instanceof Tensor tensor)) {
                throw new IllegalArgumentException("input " + i + " is " + v.describe()
                        + ", expected a tensor");
            }
            t[i] = tensor;
        }
        return compute(t);
    }

    /**
     * Computes the outputs from tensor inputs.
     *
     * @param inputs one entry per node input; null where an optional input is absent
     */
    protected abstract Tensor[] compute(Tensor[] inputs);
}
