package dev.kiln.models.nn;

import dev.kiln.runtime.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A Transformer block over {@code (B, T, C)}: self-attention and a GELU MLP (C → 4C → C), each
 * with a residual connection and LayerNorm. Pre-norm: {@code x + f(LN(x))} (GPT-2); post-norm:
 * {@code LN(x + f(x))} (the original Transformer, BERT). With {@code causal} it is a decoder
 * block.
 */
public final class TransformerBlock implements Module {
    private final boolean preNorm;
    private final MultiHeadAttention attention;
    private final LayerNorm norm1;
    private final LayerNorm norm2;
    private final Module mlp;
    private final int dim;

    /**
     * @param dim model width C
     * @param heads attention heads
     * @param preNorm pre-norm (true) or post-norm (false)
     * @param causal whether attention is causal
     * @param maxLen longest sequence (for the causal mask)
     */
    public TransformerBlock(int dim, int heads, boolean preNorm, boolean causal, int maxLen, SplittableRandom rnd) {
        this.dim = dim;
        this.preNorm = preNorm;
        this.attention = new MultiHeadAttention(dim, heads, causal, maxLen, rnd);
        this.norm1 = new LayerNorm(dim);
        this.norm2 = new LayerNorm(dim);
        this.mlp = Sequential.of(new Conv1D(dim, 4 * dim, rnd), Activation.gelu(), new Conv1D(4 * dim, dim, rnd));
    }

    @Override
    public Var apply(GraphBuilder b, Var x) { return apply(b, x, null); }

    /** The block with an optional {@code (B, T)} key-padding mask. */
    public Var apply(GraphBuilder b, Var x, Var keyPaddingMask) {
        return b.scoped("block", () -> {
            if (preNorm) {
                Var a = attention.apply(b, norm1.apply(b, x), keyPaddingMask);
                Var h = add(b, x, a);
                return add(b, h, mlp.apply(b, norm2.apply(b, h)));
            }
            Var h = norm1.apply(b, add(b, x, attention.apply(b, x, keyPaddingMask)));
            return norm2.apply(b, add(b, h, mlp.apply(b, h)));
        });
    }

    private static Var add(GraphBuilder b, Var x, Var y) {
        return new Var(b.node("Add", java.util.List.of(x.name(), y.name())), x.rank());
    }

    @Override
    public Map<String, Tensor> parameters() {
        Map<String, Tensor> p = new LinkedHashMap<>();
        for (var e : attention.parameters().entrySet()) p.put("attn." + e.getKey(), e.getValue());
        for (var e : norm1.parameters().entrySet()) p.put("norm1." + e.getKey(), e.getValue());
        for (var e : norm2.parameters().entrySet()) p.put("norm2." + e.getKey(), e.getValue());
        for (var e : mlp.parameters().entrySet()) p.put("mlp." + e.getKey(), e.getValue());
        return p;
    }

    @Override
    public String toString() {
        return "TransformerBlock(dim=" + dim + ", " + (preNorm ? "pre-norm" : "post-norm") + ", " + attention + ")";
    }
}
