package dev.kiln.models.nn;

import dev.kiln.runtime.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * GPT-2's "Conv1D": a dense over the last axis, {@code y = x W + b} with {@code W: (nx, nf)}
 * initialised N(0, 0.02) and zero bias; always MatMul + Add.
 */
public final class Conv1D implements Module {
    private final int nx;
    private final int nf;
    private final Tensor w;
    private final Tensor bias;

    /** GPT-2 Conv1D from {@code nx} to {@code nf} features. */
    public Conv1D(int nx, int nf, SplittableRandom rnd) {
        this.nx = nx;
        this.nf = nf;
        this.w = Init.normal(rnd, 0.02, nx, nf);
        this.bias = Init.zeros(nf);
    }

    @Override
    public Var apply(GraphBuilder b, Var x) {
        return b.scoped("conv1d", () -> {
            String mm = b.node("MatMul", List.of(x.name(), b.parameter("W", w)));
            return new Var(b.node("Add", List.of(mm, b.parameter("b", bias))), x.rank());
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
    public String toString() { return "Conv1D(" + nx + " -> " + nf + ")"; }
}
