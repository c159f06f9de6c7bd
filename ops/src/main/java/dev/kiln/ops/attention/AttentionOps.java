package dev.kiln.ops.attention;

import dev.kiln.runtime.op.OpRegistry;

/** Attention and rotary embeddings. */
public final class AttentionOps {
    private AttentionOps() {}

    /** Registers this family's ops. */
    public static void register(OpRegistry r) {
        r.add("Attention", 23, 3, 6, Attention::new);
        r.add("Attention", 24, 3, 7, Attention::new);
        r.add("RotaryEmbedding", 23, 3, 4, RotaryEmbedding::new);
        r.add("LinearAttention", 27, 3, 6, LinearAttention::new);
        r.add("CausalConvWithState", 27, 2, 4, CausalConvWithState::new);
        r.add("SwiGLU", 28, 2, 2, SwiGLU::new);
        r.add("ai.onnx.preview", "FlexAttention", 1, 3, 3, FlexAttention::new);
    }
}
