package dev.kiln.ops.attention;

import dev.kiln.runtime.tensor.Shape;
import dev.kiln.runtime.tensor.Tensor;

/** Layout helpers shared by the attention ops: packed (B, S, H*D) versus heads-first (B, H, S, D). */
final class Heads {
    private Heads() {}

    /** Unpacks {@code x: (B, S, H*D)} to {@code (B, H, S, D)}, keeping the dtype. */
    static Tensor unpack(Tensor x, int heads, String what) {
        if (x.rank() != 3) {
            throw new IllegalArgumentException("input '" + what + "' must be 3-D (B, S, H*D), got " + x.describe());
        }
        int b = x.shape().dimInt(0), s = x.shape().dimInt(1), hidden = x.shape().dimInt(2);
        if (heads <= 0 || hidden % heads != 0) {
            throw new IllegalArgumentException("input '" + what + "' hidden size " + hidden
                    + " is not a multiple of the head count " + heads);
        }
        int d = hidden / heads;
        Tensor out = Tensor.zeros(x.dtype(), Shape.of(b, heads, s, d));
        Object src = x.data(), dst = out.data();
        for (int bi = 0; bi < b; bi++) {
            for (int si = 0; si < s; si++) {
                for (int h = 0; h < heads; h++) {
                    System.arraycopy(src, ((bi * s + si) * heads + h) * d, dst, ((bi * heads + h) * s + si) * d, d);
                }
            }
        }
        return out;
    }

    /** Concatenates {@code past: (B, H, P, D)} and {@code cur: (B, H, S, D)} along the sequence axis. */
    static Tensor concatSeq(Tensor past, Tensor cur, String what) {
        if (past.rank() != 4 || past.shape().dim(0) != cur.shape().dim(0) || past.shape().dim(1) != cur.shape().dim(1)
                || past.shape().dim(3) != cur.shape().dim(3)) {
            throw new IllegalArgumentException("input '" + what + "' has shape " + past.shape()
                    + ", expected (" + cur.shape().dim(0) + ", " + cur.shape().dim(1) + ", P, " + cur.shape().dim(3) + ")");
        }
        if (past.dtype() != cur.dtype()) {
            throw new IllegalArgumentException("input '" + what + "' is " + past.dtype() + ", expected " + cur.dtype());
        }
        int b = cur.shape().dimInt(0), h = cur.shape().dimInt(1), s = cur.shape().dimInt(2), d = cur.shape().dimInt(3);
        int p = past.shape().dimInt(2);
        Tensor out = Tensor.zeros(cur.dtype(), Shape.of(b, h, p + s, d));
        Object dst = out.data();
        for (int bh = 0; bh < b * h; bh++) {
            System.arraycopy(past.data(), bh * p * d, dst, bh * (p + s) * d, p * d);
            System.arraycopy(cur.data(), bh * s * d, dst, (bh * (p + s) + p) * d, s * d);
        }
        return out;
    }

    /** Checks that {@code t} is a floating-point tensor. */
    static void requireFloat(Tensor t, String what) {
        if (!t.dtype().isFloatingPoint()) {
            throw new IllegalArgumentException("input '" + what + "' must be a float tensor, got " + t.describe());
        }
    }
}
