package dev.kiln.models.nn;

import dev.kiln.runtime.graph.Attribute;
import dev.kiln.runtime.tensor.Tensor;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/** Token embedding: {@code Gather(W, ids)} with {@code W: (vocab, dim)} initialised N(0, 0.02). */
public final class Embedding implements Module {
    private final int vocab;
    private final int dim;
    private final Tensor table;

    /** An embedding table. */
    public Embedding(int vocab, int dim, SplittableRandom rnd) {
        this.vocab = vocab;
        this.dim = dim;
        this.table = Init.normal(rnd, 0.02, vocab, dim);
    }

    @Override
    public Var apply(GraphBuilder b, Var ids) {
        return b.scoped("embedding", () -> new Var(b.node("Gather", List.of(b.parameter("W", table), ids.name()),
                Attribute.of("axis", 0L)), ids.rank() + 1));
    }

    @Override
    public Map<String, Tensor> parameters() { return Map.of("W", table); }

    @Override
    public String toString() { return "Embedding(" + vocab + ", " + dim + ")"; }
}
