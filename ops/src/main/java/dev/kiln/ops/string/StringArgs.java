package dev.kiln.ops.string;

import dev.kiln.runtime.tensor.DType;
import dev.kiln.runtime.tensor.Tensor;

/** Checks for string inputs. */
final class StringArgs {
    private StringArgs() {}

    /** {@code t}, which must be a string tensor. */
    static Tensor strings(Tensor t, String what) {
        if (t == null || t.dtype() != DType.STRING) {
            throw new IllegalArgumentException("input '" + what + "' must be a string tensor, got "
                    + (t == null ? "nothing" : t.describe()));
        }
        return t;
    }
}
