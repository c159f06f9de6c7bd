package dev.kiln.models.nn;

import dev.kiln.runtime.graph.Attribute;
import dev.kiln.runtime.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Layer normalisation over the last axis ({@code LayerNormalization}, opset 17+): gamma 1, beta 0. */
public final class LayerNorm implements Module {
    private final int features;
    private final float epsilon;
    private final Tensor gamma;
    private final Tensor beta;

    /** LayerNorm over {@code features} with epsilon 1e-5. */
    public LayerNorm(int features) { this(features, 1e-5f); }

    /** LayerNorm over {@code features}. */
    public LayerNorm(int features, float epsilon) {
        this.features = features;
        this.epsilon = epsilon;
        this.gamma = Init.ones(features);
        this.beta = Init.zeros(features);
    }

    @Override
    public Var apply(GraphBuilder b, Var x) {
        return b.scoped("layernorm", () -> new Var(b.node("LayerNormalization",
                List.of(x.name(), b.parameter("gamma", gamma), b.parameter("beta", beta)),
                Attribute.of("axis", -1L), Attribute.of("epsilon", epsilon)), x.rank()));
    }

    @Override
    public Map<String, Tensor> parameters() {
        Map<String, Tensor> p = new LinkedHashMap<>();
        p.put("gamma", gamma);
        p.put("beta", beta);
        return p;
    }

    @Override
    public String toString() { return "LayerNorm(" + features + ", eps=" + epsilon + ")"; }
}
