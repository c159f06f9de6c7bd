package dev.kiln.ops.conv;

import dev.kiln.ops.common.Floats;
import dev.kiln.ops.linalg.PackedLeft;
import dev.kiln.ops.linalg.Sgemm;
import dev.kiln.runtime.tensor.Tensor;

/**
 * A Conv node's weights W (float32, or float16 and bfloat16 widened to float32) (M, C/group, k...) as the packed left operands of its GEMMs,
 * one (M/group, C/group * kernel) matrix per group. When W is a constant (an initializer) it is
 * packed on first use and reused by every run that passes that very tensor instance; any other W
 * (an overridden initializer, a training step's parameters) is packed for the call. Thread-safe.
 */
final class ConvWeights {
    private final Tensor constant;
    private final int group;
    private volatile PackedLeft[] packed;

    /**
     * @param constant the initializer the node reads as W (from the load context), or null for none
     * @param group the node's group attribute
     */
    ConvWeights(Tensor constant, int group) {
        this.constant = constant != null && Floats.isFloat32Like(constant.dtype()) && constant.rank() >= 3 ? constant : null;
        this.group = group;
    }

    /** The per-group packed form of {@code w}, cached when {@code w} is the constant. */
    PackedLeft[] packedFor(Tensor w) {
        if (constant == null || w != constant) return pack(Floats.widen(w), w.shape().dimInt(0), group);
        PackedLeft[] p = packed;
        if (p == null) {
            synchronized (this) {
                p = packed;
                if (p == null) {
                    p = pack(Floats.widen(w), w.shape().dimInt(0), group);
                    packed = p;
                }
            }
        }
        return p;
    }

    /** Packs w (M, C/group * kernel) as {@code group} row blocks of M/group rows. */
    static PackedLeft[] pack(float[] w, int outChannels, int group) {
        int mg = outChannels / group, rows = outChannels == 0 ? 0 : w.length / outChannels;
        PackedLeft[] p = new PackedLeft[group];
        for (int grp = 0; grp < group; grp++) p[grp] = Sgemm.packLeft(false, mg, rows, w, grp * mg * rows, rows);
        return p;
    }
}
