package dev.kiln.check;

/**
 * How close two values must be: {@code |a - e| <= atol + rtol * |e|}.
 *
 * @param rtol relative tolerance
 * @param atol absolute tolerance
 */
public record Tolerance(double rtol, double atol) {
    public Tolerance {
        if (!(rtol >= 0) || !(atol >= 0)) {
            throw new IllegalArgumentException("Tolerances must be non-negative numbers, got rtol=" + rtol + ", atol=" + atol);
        }
    }

    /** rtol 1e-4, atol 1e-5: tight enough for float32 models computed in a different order. */
    public static Tolerance defaults() { return new Tolerance(1e-4, 1e-5); }

    /** Whether {@code actual} is close enough to {@code expected}; NaN matches only NaN. */
    public boolean accepts(double expected, double actual) {
        if (Double.isNaN(expected) || Double.isNaN(actual)) return Double.isNaN(expected) && Double.isNaN(actual);
        if (expected == actual) return true;
        if (Double.isInfinite(expected) || Double.isInfinite(actual)) return false;
        return Math.abs(actual - expected) <= atol + rtol * Math.abs(expected);
    }
}
