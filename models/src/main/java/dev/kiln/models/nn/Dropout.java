package dev.kiln.models.nn;

import dev.kiln.runtime.tensor.Tensor;
import java.util.List;
import java.util.Map;

/** Dropout; exported for inference, where it is the identity. */
public final class Dropout implements Module {
    private final float ratio;

    /** Dropout with the given drop probability in [0, 1). */
    public Dropout(float ratio) {
        if (!(ratio >= 0 && ratio < 1)) throw new IllegalArgumentException("Dropout ratio must be in [0, 1), got " + ratio);
        this.ratio = ratio;
    }

    @Override
    public Var apply(GraphBuilder b, Var x) {
        String r = b.constant("dropout_ratio", Tensor.scalar(ratio));
        return new Var(b.node("Dropout", List.of(x.name(), r)), x.rank());
    }

    @Override
    public Map<String, Tensor> parameters() { return Map.of(); }

    @Override
    public String toString() { return "Dropout(" + ratio + ")"; }
}
