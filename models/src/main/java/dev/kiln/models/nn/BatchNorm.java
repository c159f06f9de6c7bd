package dev.kiln.models.nn;

import dev.kiln.runtime.graph.Attribute;
import dev.kiln.runtime.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Batch normalisation over the channel axis of {@code (N, C, ...)}, exported in inference form
 * ({@code BatchNormalization} with running mean and variance).
 */
public final class BatchNorm implements Module {
    private final int channels;
    private final float epsilon;
    private final Tensor scale;
    private final Tensor shift;
    private final Tensor mean;
    private final Tensor var;

    /** BatchNorm with scale 1, shift 0, running mean 0 and running variance 1. */
    public BatchNorm(int channels) {
        this.channels = channels;
        this.epsilon = 1e-5f;
        this.scale = Init.ones(channels);
        this.shift = Init.zeros(channels);
        this.mean = Init.zeros(channels);
        this.var = Init.ones(channels);
    }

    @Override
    public Var apply(GraphBuilder b, Var x) {
        return b.scoped("batchnorm", () -> new Var(b.node("BatchNormalization",
                List.of(x.name(), b.parameter("scale", scale), b.parameter("shift", shift),
                        b.constant("running_mean", mean), b.constant("running_var", var)),
                Attribute.of("epsilon", epsilon)), x.rank()));
    }

    @Override
    public Map<String, Tensor> parameters() {
        Map<String, Tensor> p = new LinkedHashMap<>();
        p.put("scale", scale);
        p.put("shift", shift);
        return p;
    }

    @Override
    public String toString() { return "BatchNorm(" + channels + ")"; }
}
