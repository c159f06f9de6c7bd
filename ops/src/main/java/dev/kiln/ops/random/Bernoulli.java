package dev.kiln.ops.random;

import dev.kiln.runtime.exec.ExecutionContext;
import dev.kiln.runtime.graph.Node;
import dev.kiln.runtime.op.Op;
import dev.kiln.runtime.tensor.DType;
import dev.kiln.runtime.tensor.Tensor;
import dev.kiln.runtime.tensor.Value;
import java.util.SplittableRandom;

/**
 * Bernoulli: 1 with probability p (the input element), else 0, in the {@code dtype} attribute's
 * type or the input's.
 */
public final class Bernoulli implements Op {
    private final DType dtype;
    private final Long seed;

    public Bernoulli(Node node) {
        this.dtype = RandomArgs.dtype(node.attributes(), null);
        this.seed = RandomArgs.seed(node.attributes());
    }

    @Override
    public Value[] forward(Value[] inputs, ExecutionContext ctx) {
        Tensor p = RandomArgs.tensor(inputs[0], "input");
        RandomArgs.requireFloat(p.dtype(), "input 'input'");
        Tensor out = Tensor.zeros(dtype != null ? dtype : p.dtype(), p.shape());
        SplittableRandom rng = RandomArgs.source(seed, ctx);
        for (int i = 0; i < out.size(); i++) out.setDouble(i, rng.nextDouble() < p.getDouble(i) ? 1 : 0);
        return new Value[] {out};
    }
}
