package dev.kiln.models.nn;

import dev.kiln.runtime.tensor.Tensor;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Adds position information to {@code x: (B, T, C)}: either the fixed sinusoidal table
 * {@code PE(pos, 2i) = sin(pos / 10000^(2i/C))}, {@code PE(pos, 2i+1) = cos(pos / 10000^(2i/C))},
 * or a learned table initialised N(0, 0.02). The first T rows are sliced and broadcast over B.
 */
public final class PositionalEncoding implements Module {
    private final int maxLen;
    private final int dim;
    private final boolean learned;
    private final Tensor table;

    private PositionalEncoding(int maxLen, int dim, boolean learned, Tensor table) {
        this.maxLen = maxLen;
        this.dim = dim;
        this.learned = learned;
        this.table = table;
    }

    /** The fixed sinusoidal encoding. */
    public static PositionalEncoding sinusoidal(int maxLen, int dim) {
        float[] pe = new float[maxLen * dim];
        for (int pos = 0; pos < maxLen; pos++) {
            for (int i = 0; i < dim; i += 2) {
                double angle = pos / Math.pow(10000, (double) i / dim);
                pe[pos * dim + i] = (float) Math.sin(angle);
                if (i + 1 < dim) pe[pos * dim + i + 1] = (float) Math.cos(angle);
            }
        }
        return new PositionalEncoding(maxLen, dim, false, Tensor.of(pe, maxLen, dim));
    }

    /** A learned positional embedding. */
    public static PositionalEncoding learned(int maxLen, int dim, SplittableRandom rnd) {
        return new PositionalEncoding(maxLen, dim, true, Init.normal(rnd, 0.02, maxLen, dim));
    }

    /** The (maxLen, dim) table. */
    public Tensor table() { return table; }

    @Override
    public Var apply(GraphBuilder b, Var x) {
        return b.scoped("posenc", () -> {
            String t = learned ? b.parameter("table", table) : b.constant("table", table);
            String len = MultiHeadAttention.sequenceLength(b, x);
            String rows = b.node("Slice", List.of(t, b.constant("zero", Tensor.vector(0)), len, b.constant("axis0", Tensor.vector(0))));
            return new Var(b.node("Add", List.of(x.name(), rows)), x.rank());
        });
    }

    @Override
    public Map<String, Tensor> parameters() { return learned ? Map.of("table", table) : Map.of(); }

    @Override
    public String toString() { return (learned ? "LearnedPositionalEmbedding(" : "SinusoidalPositionalEncoding(") + maxLen + ", " + dim + ")"; }
}
