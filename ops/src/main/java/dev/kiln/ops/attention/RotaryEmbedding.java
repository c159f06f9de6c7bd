package dev.kiln.ops.attention;

import dev.kiln.runtime.graph.Node;
import dev.kiln.runtime.op.TensorOp;
import dev.kiln.runtime.tensor.Tensor;

/**
 * RotaryEmbedding (opset 23): rotates the first {@code rotary_embedding_dim} features of every head
 * by position-dependent angles: {@code (x1, x2) → (c*x1 - s*x2, s*x1 + c*x2)}, pairing either the two
 * halves of the rotated part or (interleaved) even and odd features.
 *
 * <p>Letters: B batch, H heads, S sequence, D head size, R rotary dim, M cache rows.
 * {@code X: (B, H, S, D)} or {@code (B, S, H*D)}; caches {@code (M, R/2)} indexed by
 * {@code position_ids: (B, S)}, or {@code (B, S, R/2)} without position ids.
 */
public final class RotaryEmbedding extends TensorOp {
    private final boolean interleaved;
    private final int numHeads;
    private final int rotaryDim;

    public RotaryEmbedding(Node node) {
        var a = node.attributes();
        this.interleaved = a.getInt("interleaved", 0) != 0;
        this.numHeads = (int) a.getInt("num_heads", 0);
        this.rotaryDim = (int) a.getInt("rotary_embedding_dim", 0);
    }

    @Override
    protected Tensor[] compute(Tensor[] in) {
        Tensor x = in[0], cos = in[1], sin = in[2];
        Tensor pos = in.length > 3 ? in[3] : null;
        Heads.requireFloat(x, "X");
        int b, h, s, d;
        boolean packed = x.rank() == 3;
        if (packed) {
            if (numHeads <= 0) throw new IllegalArgumentException("3-D input X needs a positive attribute 'num_heads'");
            b = x.shape().dimInt(0);
            s = x.shape().dimInt(1);
            h = numHeads;
            if (x.shape().dimInt(2) % h != 0) {
                throw new IllegalArgumentException("input X hidden size " + x.shape().dim(2)
                        + " is not a multiple of num_heads " + h);
            }
            d = x.shape().dimInt(2) / h;
        } else if (x.rank() == 4) {
            b = x.shape().dimInt(0);
            h = x.shape().dimInt(1);
            s = x.shape().dimInt(2);
            d = x.shape().dimInt(3);
        } else {
            throw new IllegalArgumentException("input X must be 3-D or 4-D, got " + x.describe());
        }
        int r = rotaryDim == 0 ? d : rotaryDim;
        if (r > d || r % 2 != 0) {
            throw new IllegalArgumentException("rotary_embedding_dim " + r + " must be even and at most head size " + d);
        }
        int half = r / 2;
        long[] ids = null;
        if (pos != null) {
            if (pos.rank() != 2 || pos.shape().dim(0) != b || pos.shape().dim(1) != s) {
                throw new IllegalArgumentException("input 'position_ids' must have shape (" + b + ", " + s + "), got "
                        + pos.describe());
            }
            ids = pos.toLongArray();
            checkCache(cos, "cos_cache", 2, half);
            checkCache(sin, "sin_cache", 2, half);
            if (!cos.shape().equals(sin.shape())) {
                throw new IllegalArgumentException("cos_cache " + cos.shape() + " and sin_cache " + sin.shape() + " differ");
            }
            for (long id : ids) {
                if (id < 0 || id >= cos.shape().dim(0)) {
                    throw new IllegalArgumentException("position id " + id + " is out of range for a cache of "
                            + cos.shape().dim(0) + " rows");
                }
            }
        } else {
            checkCache(cos, "cos_cache", 3, half);
            checkCache(sin, "sin_cache", 3, half);
            if (cos.shape().dim(0) != b || cos.shape().dim(1) != s || !cos.shape().equals(sin.shape())) {
                throw new IllegalArgumentException("cos_cache " + cos.shape() + " and sin_cache " + sin.shape()
                        + " must both have shape (" + b + ", " + s + ", " + half + ")");
            }
        }
        double[] xd = x.toDoubleArray(), cd = cos.toDoubleArray(), sd = sin.toDoubleArray();
        double[] out = xd.clone();
        for (int bi = 0; bi < b; bi++) {
            for (int si = 0; si < s; si++) {
                int row = (ids == null ? bi * s + si : (int) ids[bi * s + si]) * half;
                for (int hi = 0; hi < h; hi++) {
                    int base = packed ? ((bi * s + si) * h + hi) * d : ((bi * h + hi) * s + si) * d;
                    for (int i = 0; i < half; i++) {
                        int i1 = interleaved ? base + 2 * i : base + i;
                        int i2 = interleaved ? i1 + 1 : i1 + half;
                        double c = cd[row + i], sn = sd[row + i];
                        double x1 = xd[i1], x2 = xd[i2];
                        out[i1] = c * x1 - sn * x2;
                        out[i2] = sn * x1 + c * x2;
                    }
                }
            }
        }
        return new Tensor[] {Tensor.fromDoubles(x.dtype(), x.shape(), out)};
    }

    private static void checkCache(Tensor c, String what, int rank, int half) {
        if (c.rank() != rank || c.shape().dim(rank - 1) != half) {
            throw new IllegalArgumentException("input '" + what + "' must be " + rank + "-D with last axis " + half
                    + ", got " + c.describe());
        }
    }
}
