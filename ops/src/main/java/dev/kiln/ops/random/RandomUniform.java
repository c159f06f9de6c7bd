package dev.kiln.ops.random;

import dev.kiln.runtime.exec.ExecutionContext;
import dev.kiln.runtime.graph.Node;
import dev.kiln.runtime.op.Op;
import dev.kiln.runtime.tensor.DType;
import dev.kiln.runtime.tensor.Shape;
import dev.kiln.runtime.tensor.Tensor;
import dev.kiln.runtime.tensor.Value;
import java.util.SplittableRandom;

/** RandomUniform: a tensor of the {@code shape} attribute with values uniform in {@code [low, high)}. */
public final class RandomUniform implements Op {
    private final DType dtype;
    private final Shape shape;
    private final double low;
    private final double high;
    private final Long seed;

    public RandomUniform(Node node) {
        var a = node.attributes();
        this.dtype = RandomArgs.requireFloat(RandomArgs.dtype(a, DType.FLOAT32), "attribute 'dtype'");
        long[] dims = a.getInts("shape", null);
        if (dims == null) throw new IllegalArgumentException("Required attribute 'shape' is missing");
        this.shape = Shape.of(dims);
        this.low = a.getFloat("low", 0f);
        this.high = a.getFloat("high", 1f);
        this.seed = RandomArgs.seed(a);
    }

    @Override
    public Value[] forward(Value[] inputs, ExecutionContext ctx) {
        return new Value[] {fill(dtype, shape, low, high, RandomArgs.source(seed, ctx))};
    }

    /** A tensor of uniform values in {@code [low, high)}. */
    static Tensor fill(DType dtype, Shape shape, double low, double high, SplittableRandom rng) {
        Tensor t = Tensor.zeros(dtype, shape);
        for (int i = 0; i < t.size(); i++) t.setDouble(i, low + (high - low) * rng.nextDouble());
        return t;
    }
}
