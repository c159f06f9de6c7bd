package dev.kiln.models.nn;

import dev.kiln.runtime.graph.Attribute;
import dev.kiln.runtime.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Fully connected layer {@code y = x W + b}: a Gemm for rank-2 inputs, MatMul + Add for higher
 * ranks (a dense over the last axis). {@code W: (in, out)}, {@code b: (out)}; W is He-initialised,
 * b is zero.
 */
public final class Dense implements Module {
    private final int in;
    private final int out;
    private final Tensor w;
    private final Tensor bias;

    /** A dense layer with He-initialised weights. */
    public Dense(int in, int out, SplittableRandom rnd) {
        this(in, out, Init.he(rnd, in, in, out));
    }

    /** A dense layer with the given weights {@code (in, out)} and zero bias. */
    public Dense(int in, int out, Tensor w) {
        if (in <= 0 || out <= 0) throw new IllegalArgumentException("Dense sizes must be positive, got " + in + "x" + out);
        this.in = in;
        this.out = out;
        this.w = w;
        this.bias = Init.zeros(out);
    }

    @Override
    public Var apply(GraphBuilder b, Var x) {
        return b.scoped("dense", () -> {
            String wName = b.parameter("W", w);
            String bName = b.parameter("b", bias);
            if (x.rank() == 2) {
                return new Var(b.node("Gemm", List.of(x.name(), wName, bName), Attribute.of("alpha", 1f)), 2);
            }
            String mm = b.node("MatMul", List.of(x.name(), wName));
            return new Var(b.node("Add", List.of(mm, bName)), x.rank());
        });
    }

    @Override
    public Map<String, Tensor> parameters() {
        Map<String, Tensor> p = new LinkedHashMap<>();
        p.put("W", w);
        p.put("b", bias);
        return p;
    }

    @Override
    public String toString() { return "Dense(" + in + " -> " + out + ")"; }
}
