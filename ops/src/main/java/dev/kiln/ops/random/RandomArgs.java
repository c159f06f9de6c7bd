package dev.kiln.ops.random;

import dev.kiln.runtime.exec.ExecutionContext;
import dev.kiln.runtime.graph.Attributes;
import dev.kiln.runtime.tensor.DType;
import dev.kiln.runtime.tensor.Tensor;
import dev.kiln.runtime.tensor.Value;
import java.util.SplittableRandom;

/** Seeds and dtypes shared by the random ops. */
final class RandomArgs {
    private RandomArgs() {}

    /** The {@code seed} attribute as generator seed bits, or null when absent. */
    static Long seed(Attributes a) {
        if (!a.has("seed")) return null;
        return Double.doubleToLongBits(a.getFloat("seed", 0f));
    }

    /**
     * The generator for one run: a fresh one from the node's {@code seed} (so a seeded node
     * repeats its values on every run), else the run's seeded source.
     */
    static SplittableRandom source(Long seed, ExecutionContext ctx) {
        return seed != null ? new SplittableRandom(seed) : ctx.random();
    }

    /** The dtype named by attribute {@code dtype}, or {@code def} when absent. */
    static DType dtype(Attributes a, DType def) {
        return a.has("dtype") ? DType.fromOnnx((int) a.getInt("dtype", 1)) : def;
    }

    /** Checks that {@code t} is a floating-point output dtype. */
    static DType requireFloat(DType t, String what) {
        if (t == null || !t.isFloatingPoint() || t.isNarrow()) {
            throw new IllegalArgumentException(what + " must be float16, bfloat16, float32 or float64, got " + t);
        }
        return t;
    }

    /** Input {@code what} as a tensor. */
    static Tensor tensor(Value v, String what) {
        if (v instanceof Tensor t) return t;
        throw new IllegalArgumentException("input '" + what + "' must be a tensor, got "
                + (v == null ? "nothing" : v.describe()));
    }
}
