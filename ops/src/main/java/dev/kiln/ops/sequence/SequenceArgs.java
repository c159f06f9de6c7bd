package dev.kiln.ops.sequence;

import dev.kiln.runtime.tensor.DType;
import dev.kiln.runtime.tensor.SequenceValue;
import dev.kiln.runtime.tensor.Tensor;
import dev.kiln.runtime.tensor.Value;

/** Reading sequence-op inputs with clear errors. */
final class SequenceArgs {
    private SequenceArgs() {}

    /** Input {@code what} as a sequence. */
    static SequenceValue sequence(Value v, String what) {
        if (v instanceof SequenceValue s) return s;
        throw new IllegalArgumentException("input '" + what + "' must be a sequence, got "
                + (v == null ? "nothing" : v.describe()));
    }

    /** Input {@code what} as a tensor. */
    static Tensor tensor(Value v, String what) {
        if (v instanceof Tensor t) return t;
        throw new IllegalArgumentException("input '" + what + "' must be a tensor, got "
                + (v == null ? "nothing" : v.describe()));
    }

    /**
     * A position input (one int32/int64 value) normalised into {@code [0, n)}, or
     * {@code [0, n]} when {@code allowEnd}; negative values count from the back.
     */
    static int position(Value v, int n, boolean allowEnd) {
        Tensor t = tensor(v, "position");
        if (t.size() != 1 || (t.dtype() != DType.INT64 && t.dtype() != DType.INT32)) {
            throw new IllegalArgumentException("input 'position' must be one int32 or int64 value, got " + t.describe());
        }
        long p = t.getLong(0);
        long hi = allowEnd ? n : n - 1;
        if (p < -n || p > hi) {
            throw new IllegalArgumentException("position " + p + " is out of range [" + (-n) + ", " + hi
                    + "] for a sequence of " + n + " tensors");
        }
        return (int) (p < 0 ? p + n : p);
    }
}
