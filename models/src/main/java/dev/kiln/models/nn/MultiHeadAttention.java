package dev.kiln.models.nn;

import dev.kiln.runtime.graph.Attribute;
import dev.kiln.runtime.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Multi-head self-attention, {@code softmax(Q K^T / sqrt(d_k) + masks) V}, built from MatMul,
 * Reshape, Transpose, Softmax and friends.
 *
 * <p>Shapes: {@code x: (B, T, C)} with {@code C = heads * d_k}; Q, K, V: {@code (B, H, T, d_k)};
 * scores {@code (B, H, T, T)}. The optional key-padding mask is a {@code (B, T)} float input,
 * 1 for tokens to attend to and 0 for padding. The causal mask hides future positions.
 */
public final class MultiHeadAttention implements Module {
    /** A large negative logit that hides a position without producing NaN. */
    static final float MASKED = -1e9f;

    private final int dim;
    private final int heads;
    private final boolean causal;
    private final int maxLen;
    private final Dense q;
    private final Dense k;
    private final Dense v;
    private final Dense o;

    /**
     * @param dim model width C
     * @param heads number of heads H (must divide C)
     * @param causal whether position t may only attend to positions up to t
     * @param maxLen longest sequence the causal mask supports
     */
    public MultiHeadAttention(int dim, int heads, boolean causal, int maxLen, SplittableRandom rnd) {
        if (heads <= 0 || dim % heads != 0) {
            throw new IllegalArgumentException("num_heads " + heads + " must divide the model width " + dim);
        }
        this.dim = dim;
        this.heads = heads;
        this.causal = causal;
        this.maxLen = maxLen;
        this.q = new Dense(dim, dim, Init.xavier(rnd, dim, dim, dim, dim));
        this.k = new Dense(dim, dim, Init.xavier(rnd, dim, dim, dim, dim));
        this.v = new Dense(dim, dim, Init.xavier(rnd, dim, dim, dim, dim));
        this.o = new Dense(dim, dim, Init.xavier(rnd, dim, dim, dim, dim));
    }

    @Override
    public Var apply(GraphBuilder b, Var x) { return apply(b, x, null); }

    /** Self-attention over {@code x: (B, T, C)} with an optional {@code (B, T)} key-padding mask. */
    public Var apply(GraphBuilder b, Var x, Var keyPaddingMask) {
        if (x.rank() != 3) throw new IllegalArgumentException("MultiHeadAttention expects (B, T, C), got rank " + x.rank());
        return b.scoped("attn", () -> {
            int dk = dim / heads;
            String split = b.constant("split_heads", Tensor.vector(0, 0, heads, dk));
            String qh = heads(b, q.apply(b, x), split, 0, 2, 1, 3);   // (B, H, T, dk)
            String kt = heads(b, k.apply(b, x), split, 0, 2, 3, 1);   // (B, H, dk, T)
            String vh = heads(b, v.apply(b, x), split, 0, 2, 1, 3);   // (B, H, T, dk)
            String scores = b.node("MatMul", List.of(qh, kt));        // (B, H, T, T)
            scores = b.node("Mul", List.of(scores, b.constant("scale", Tensor.scalar((float) (1 / Math.sqrt(dk))))));
            if (causal) scores = b.node("Add", List.of(scores, causalMask(b, x)));
            if (keyPaddingMask != null) scores = b.node("Add", List.of(scores, paddingMask(b, keyPaddingMask)));
            String attn = b.node("Softmax", List.of(scores), Attribute.of("axis", -1L));
            String ctx = b.node("MatMul", List.of(attn, vh));          // (B, H, T, dk)
            ctx = b.node("Transpose", List.of(ctx), Attribute.ofInts("perm", 0, 2, 1, 3));
            ctx = b.node("Reshape", List.of(ctx, b.constant("merge_heads", Tensor.vector(0, 0, dim))));
            return o.apply(b, new Var(ctx, 3));
        });
    }

    private static String heads(GraphBuilder b, Var proj, String split, long... perm) {
        String r = b.node("Reshape", List.of(proj.name(), split));
        return b.node("Transpose", List.of(r), Attribute.ofInts("perm", perm));
    }

    /** The (T, T) slice of a constant additive lower-triangular mask. */
    private String causalMask(GraphBuilder b, Var x) {
        float[] m = new float[maxLen * maxLen];
        for (int i = 0; i < maxLen; i++) for (int j = i + 1; j < maxLen; j++) m[i * maxLen + j] = MASKED;
        String full = b.constant("causal_mask", Tensor.of(m, maxLen, maxLen));
        String t = sequenceLength(b, x);
        String ends = b.node("Concat", List.of(t, t), Attribute.of("axis", 0L));
        return b.node("Slice", List.of(full, b.constant("zeros2", Tensor.vector(0, 0)), ends,
                b.constant("axes01", Tensor.vector(0, 1))));
    }

    /** T of {@code x: (B, T, ...)} as a 1-element int64 tensor. */
    static String sequenceLength(GraphBuilder b, Var x) {
        String shape = b.node("Shape", List.of(x.name()));
        return b.node("Slice", List.of(shape, b.constant("one", Tensor.vector(1)), b.constant("two", Tensor.vector(2))));
    }

    /** (B, T) keep-mask of 1/0 to an additive (B, 1, 1, T) mask of 0/-1e9. */
    private static String paddingMask(GraphBuilder b, Var mask) {
        String minusOne = b.node("Sub", List.of(mask.name(), b.constant("one_f", Tensor.scalar(1f))));
        String additive = b.node("Mul", List.of(minusOne, b.constant("big", Tensor.scalar(-MASKED))));
        return b.node("Unsqueeze", List.of(additive, b.constant("axes12", Tensor.vector(1, 2))));
    }

    @Override
    public Map<String, Tensor> parameters() {
        Map<String, Tensor> p = new LinkedHashMap<>();
        for (var e : q.parameters().entrySet()) p.put("q." + e.getKey(), e.getValue());
        for (var e : k.parameters().entrySet()) p.put("k." + e.getKey(), e.getValue());
        for (var e : v.parameters().entrySet()) p.put("v." + e.getKey(), e.getValue());
        for (var e : o.parameters().entrySet()) p.put("o." + e.getKey(), e.getValue());
        return p;
    }

    @Override
    public String toString() {
        return "MultiHeadAttention(dim=" + dim + ", heads=" + heads + (causal ? ", causal" : "") + ")";
    }
}
