package dev.kiln.models.nn;

import dev.kiln.runtime.graph.Attribute;
import dev.kiln.runtime.tensor.Tensor;
import java.util.List;
import java.util.Map;

/** Flattens every axis after the first: {@code (N, ...) -> (N, prod(...))}. */
public final class Flatten implements Module {
    @Override
    public Var apply(GraphBuilder b, Var x) {
        return new Var(b.node("Flatten", List.of(x.name()), Attribute.of("axis", 1L)), 2);
    }

    @Override
    public Map<String, Tensor> parameters() { return Map.of(); }

    @Override
    public String toString() { return "Flatten()"; }
}
