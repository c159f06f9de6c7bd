package dev.kiln.ops.fused;

import dev.kiln.runtime.op.OpRegistry;

/**
 * Kiln's internal fused operators, domain {@code dev.kiln}. The graph optimizer
 * ({@code dev.kiln.runtime.opt}) emits them in place of the standard-op patterns they replace;
 * each computes what its pattern computes, in one pass.
 */
public final class FusedOps {
    /** The internal domain. */
    public static final String DOMAIN = "dev.kiln";

    private FusedOps() {}

    /** Registers the fused ops. */
    public static void register(OpRegistry r) {
        r.add(DOMAIN, "LayerNorm", 1, 1, 3, (n, c) -> new LayerNorm(n));
        r.add(DOMAIN, "Gelu", 1, 1, 1, (n, c) -> new Gelu(n));
        r.add(DOMAIN, "MatMulAdd", 1, 3, 4, MatMulAdd::new);
        r.add(DOMAIN, "Attention", 1, 3, 5, (n, c) -> new Attention(n));
        r.add(DOMAIN, "MatMulIntegerToFloat", 1, 5, 7, MatMulIntegerToFloat::new);
    }
}
