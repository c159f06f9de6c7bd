package dev.kiln.ops.shape;

import dev.kiln.runtime.tensor.DType;
import dev.kiln.runtime.tensor.Tensor;

/** The {@code reduction} attribute of the scatter ops: how an update combines with the target. */
enum Reduction {
    NONE, ADD, MUL, MAX, MIN;

    /** Parses the attribute value ({@code none}, {@code add}, {@code mul}, {@code max}, {@code min}). */
    static Reduction parse(String s) {
        return switch (s) {
            case "none" -> NONE;
            case "add" -> ADD;
            case "mul" -> MUL;
            case "max" -> MAX;
            case "min" -> MIN;
            default -> throw new IllegalArgumentException("attribute 'reduction' is '" + s
                    + "', expected none, add, mul, max or min");
        };
    }

    /** Checks that this reduction can combine elements of {@code dtype}. */
    void check(DType dtype) {
        if (this != NONE && dtype == DType.STRING) {
            throw new IllegalArgumentException("reduction '" + name().toLowerCase() + "' needs a numeric tensor, got string");
        }
    }

    /** {@code out[o] = out[o] (op) src[s]}; integers stay exact, floats combine in double. */
    void apply(Tensor out, int o, Tensor src, int s) {
        if (this == NONE) {
            System.arraycopy(src.data(), s, out.data(), o, 1);
            return;
        }
        DType t = out.dtype();
        if (t == DType.FLOAT32) {
            float[] a = out.floats();
            float b = src.floats()[s];
            a[o] = switch (this) {
                case ADD -> a[o] + b;
                case MUL -> a[o] * b;
                case MAX -> Math.max(a[o], b);
                default -> Math.min(a[o], b);
            };
        } else if (t.isFloatingPoint()) {
            double a = out.getDouble(o);
            double b = src.getDouble(s);
            out.setDouble(o, switch (this) {
                case ADD -> a + b;
                case MUL -> a * b;
                case MAX -> Math.max(a, b);
                default -> Math.min(a, b);
            });
        } else {
            long a = out.getLong(o);
            long b = src.getLong(s);
            boolean unsigned64 = t == DType.UINT64;
            out.setLong(o, switch (this) {
                case ADD -> a + b;
                case MUL -> a * b;
                case MAX -> (unsigned64 ? Long.compareUnsigned(a, b) : Long.compare(a, b)) >= 0 ? a : b;
                default -> (unsigned64 ? Long.compareUnsigned(a, b) : Long.compare(a, b)) <= 0 ? a : b;
            });
        }
    }
}
