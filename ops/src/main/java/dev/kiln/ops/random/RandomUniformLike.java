package dev.kiln.ops.random;

import dev.kiln.runtime.graph.Node;
import dev.kiln.runtime.exec.ExecutionContext;
import dev.kiln.runtime.op.Op;
import dev.kiln.runtime.tensor.DType;
import dev.kiln.runtime.tensor.Tensor;
import dev.kiln.runtime.tensor.Value;

/**
 * RandomUniformLike: uniform values in {@code [low, high)} with the input's shape, and its dtype
 * unless the {@code dtype} attribute is given.
 */
public final class RandomUniformLike implements Op {
    private final DType dtype;
    private final double low;
    private final double high;
    private final Long seed;

    public RandomUniformLike(Node node) {
        var a = node.attributes();
        this.dtype = RandomArgs.dtype(a, null);
        if (dtype != null) RandomArgs.requireFloat(dtype, "attribute 'dtype'");
        this.low = a.getFloat("low", 0f);
        this.high = a.getFloat("high", 1f);
        this.seed = RandomArgs.seed(a);
    }

    @Override
    public Value[] forward(Value[] inputs, ExecutionContext ctx) {
        Tensor like = RandomArgs.tensor(inputs[0], "input");
        DType out = dtype != null ? dtype : RandomArgs.requireFloat(like.dtype(), "the input dtype (no 'dtype' attribute)");
        return new Value[] {RandomUniform.fill(out, like.shape(), low, high, RandomArgs.source(seed, ctx))};
    }
}
