package dev.kiln.ops.random;

import dev.kiln.runtime.graph.Node;
import dev.kiln.runtime.exec.ExecutionContext;
import dev.kiln.runtime.op.Op;
import dev.kiln.runtime.tensor.DType;
import dev.kiln.runtime.tensor.Tensor;
import dev.kiln.runtime.tensor.Value;

/**
 * RandomNormalLike: values drawn from N({@code mean}, {@code scale}^2) with the input's shape,
 * and its dtype unless the {@code dtype} attribute is given.
 */
public final class RandomNormalLike implements Op {
    private final DType dtype;
    private final double mean;
    private final double scale;
    private final Long seed;

    public RandomNormalLike(Node node) {
        var a = node.attributes();
        this.dtype = RandomArgs.dtype(a, null);
        if (dtype != null) RandomArgs.requireFloat(dtype, "attribute 'dtype'");
        this.mean = a.getFloat("mean", 0f);
        this.scale = a.getFloat("scale", 1f);
        this.seed = RandomArgs.seed(a);
    }

    @Override
    public Value[] forward(Value[] inputs, ExecutionContext ctx) {
        Tensor like = RandomArgs.tensor(inputs[0], "input");
        DType out = dtype != null ? dtype : RandomArgs.requireFloat(like.dtype(), "the input dtype (no 'dtype' attribute)");
        return new Value[] {RandomNormal.fill(out, like.shape(), mean, scale, RandomArgs.source(seed, ctx))};
    }
}
