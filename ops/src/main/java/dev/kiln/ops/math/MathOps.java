package dev.kiln.ops.math;

import dev.kiln.runtime.op.OpRegistry;
import dev.kiln.runtime.op.OpSpec;

/** Binary arithmetic, comparison, logic and bitwise ops with broadcasting. */
public final class MathOps {
    private MathOps() {}

    /** Registers this family's ops. */
    public static void register(OpRegistry r) {
        final int many = OpSpec.VARIADIC;
        // Since 1 with legacy broadcasting (attributes broadcast/axis), since 7 numpy broadcasting.
        for (int since : new int[] {1, 7}) {
            r.add("", "Add", since, 2, 2, Add::new);
            r.add("", "Sub", since, 2, 2, Sub::new);
            r.add("", "Mul", since, 2, 2, Mul::new);
            r.add("", "Div", since, 2, 2, Div::new);
            r.add("", "Pow", since, 2, 2, Pow::new);
            r.add("", "And", since, 2, 2, And::new);
            r.add("", "Or", since, 2, 2, Or::new);
            r.add("", "Xor", since, 2, 2, Xor::new);
            r.add("", "Equal", since, 2, 2, Equal::new);
            r.add("", "Less", since, 2, 2, Less::new);
            r.add("", "Greater", since, 2, 2, Greater::new);
        }
        r.add("Mod", 10, 2, 2, Mod::new);
        // Variadic ops: every input of one shape before opset 8, numpy broadcasting from 8.
        for (int since : new int[] {1, 8}) {
            r.add("", "Max", since, 1, many, Max::new);
            r.add("", "Min", since, 1, many, Min::new);
            r.add("", "Sum", since, 1, many, Sum::new);
            r.add("", "Mean", since, 1, many, Mean::new);
        }
        r.add("LessOrEqual", 12, 2, 2, LessOrEqual::new);
        r.add("GreaterOrEqual", 12, 2, 2, GreaterOrEqual::new);
        r.add("Not", 1, 1, 1, Not::new);
        r.add("BitShift", 11, 2, 2, BitShift::new);
        r.add("BitwiseAnd", 18, 2, 2, BitwiseAnd::new);
        r.add("BitwiseOr", 18, 2, 2, BitwiseOr::new);
        r.add("BitwiseXor", 18, 2, 2, BitwiseXor::new);
        r.add("BitwiseNot", 18, 1, 1, BitwiseNot::new);
        r.add("Where", 9, 3, 3, Where::new);
        // Since 1 with min/max attributes, since 11 with optional min/max inputs.
        r.add("", "Clip", 1, 1, 1, Clip::new);
        r.add("", "Clip", 11, 1, 3, Clip::new);
        // Before opset 7 a 1-D slope is per channel (axis 1); from 7 it broadcasts like numpy.
        r.add("", "PRelu", 1, 2, 2, PRelu::new);
        r.add("", "PRelu", 7, 2, 2, PRelu::new);
    }
}
