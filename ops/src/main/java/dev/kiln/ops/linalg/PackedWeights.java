package dev.kiln.ops.linalg;

import dev.kiln.ops.common.Floats;
import dev.kiln.runtime.tensor.Tensor;

/**
 * The right operand of a node's products when it is a constant (an initializer) of float32 (or
 * float16 and bfloat16, widened to float32 for the packing): packed on first
 * use by {@link Sgemm#pack} and reused by every later run that passes the same tensor instance.
 * A run that supplies another tensor (an overridden initializer, a training step's parameters)
 * gets null and packs as usual. Thread-safe.
 */
public final class PackedWeights {
    private final Tensor constant;
    private final boolean transposed;
    private volatile PackedMatrix packed;

    /**
     * @param constant the initializer the node reads (from the load context), or null for none
     * @param transposed whether the product uses the tensor transposed (stored as (N, K))
     */
    public PackedWeights(Tensor constant, boolean transposed) {
        this.constant = constant != null && Floats.isFloat32Like(constant.dtype()) && constant.rank() == 2 ? constant : null;
        this.transposed = transposed;
    }

    /**
     * The packed form of {@code w} as op(B) of a (K, N) product, or null when {@code w} is not
     * the constant.
     */
    public PackedMatrix packedFor(Tensor w) {
        if (constant == null || w != constant) return null;
        PackedMatrix p = packed;
        if (p == null) {
            synchronized (this) {
                p = packed;
                if (p == null) {
                    int rows = w.shape().dimInt(0), cols = w.shape().dimInt(1);
                    int k = transposed ? cols : rows, n = transposed ? rows : cols;
                    p = Sgemm.pack(transposed, k, n, Floats.widen(w), 0, cols);
                    packed = p;
                }
            }
        }
        return p;
    }
}
