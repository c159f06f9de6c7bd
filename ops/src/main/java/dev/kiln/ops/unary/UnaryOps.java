package dev.kiln.ops.unary;

import dev.kiln.runtime.op.OpRegistry;

/** Elementwise unary math. */
public final class UnaryOps {
    private UnaryOps() {}

    /** Registers this family's ops. */
    public static void register(OpRegistry r) {
        r.add("Abs", 1, 1, 1, Abs::new);
        r.add("Neg", 1, 1, 1, Neg::new);
        r.add("Exp", 1, 1, 1, Exp::new);
        r.add("Log", 1, 1, 1, Log::new);
        r.add("Sqrt", 1, 1, 1, Sqrt::new);
        r.add("Reciprocal", 1, 1, 1, Reciprocal::new);
        r.add("Ceil", 1, 1, 1, Ceil::new);
        r.add("Floor", 1, 1, 1, Floor::new);
        r.add("Sin", 7, 1, 1, Sin::new);
        r.add("Cos", 7, 1, 1, Cos::new);
        r.add("Tan", 7, 1, 1, Tan::new);
        r.add("Asin", 7, 1, 1, Asin::new);
        r.add("Acos", 7, 1, 1, Acos::new);
        r.add("Atan", 7, 1, 1, Atan::new);
        r.add("Sinh", 9, 1, 1, Sinh::new);
        r.add("Cosh", 9, 1, 1, Cosh::new);
        r.add("Asinh", 9, 1, 1, Asinh::new);
        r.add("Acosh", 9, 1, 1, Acosh::new);
        r.add("Atanh", 9, 1, 1, Atanh::new);
        r.add("Sign", 9, 1, 1, Sign::new);
        r.add("Erf", 9, 1, 1, Erf::new);
        r.add("IsNaN", 9, 1, 1, IsNaN::new);
        r.add("IsInf", 10, 1, 1, IsInf::new);
        r.add("Round", 11, 1, 1, Round::new);
    }
}
