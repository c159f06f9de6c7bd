package dev.kiln.ops.random;

import dev.kiln.runtime.exec.ExecutionContext;
import dev.kiln.runtime.graph.Node;
import dev.kiln.runtime.op.Op;
import dev.kiln.runtime.tensor.DType;
import dev.kiln.runtime.tensor.Shape;
import dev.kiln.runtime.tensor.Tensor;
import dev.kiln.runtime.tensor.Value;
import java.util.SplittableRandom;

/** RandomNormal: a tensor of the {@code shape} attribute drawn from N({@code mean}, {@code scale}^2). */
public final class RandomNormal implements Op {
    private final DType dtype;
    private final Shape shape;
    private final double mean;
    private final double scale;
    private final Long seed;

    public RandomNormal(Node node) {
        var a = node.attributes();
        this.dtype = RandomArgs.requireFloat(RandomArgs.dtype(a, DType.FLOAT32), "attribute 'dtype'");
        long[] dims = a.getInts("shape", null);
        if (dims == null) throw new IllegalArgumentException("Required attribute 'shape' is missing");
        this.shape = Shape.of(dims);
        this.mean = a.getFloat("mean", 0f);
        this.scale = a.getFloat("scale", 1f);
        this.seed = RandomArgs.seed(a);
    }

    @Override
    public Value[] forward(Value[] inputs, ExecutionContext ctx) {
        return new Value[] {fill(dtype, shape, mean, scale, RandomArgs.source(seed, ctx))};
    }

    /** A tensor of normal values with the given mean and standard deviation. */
    static Tensor fill(DType dtype, Shape shape, double mean, double scale, SplittableRandom rng) {
        Tensor t = Tensor.zeros(dtype, shape);
        for (int i = 0; i < t.size(); i++) t.setDouble(i, mean + scale * rng.nextGaussian());
        return t;
    }
}
