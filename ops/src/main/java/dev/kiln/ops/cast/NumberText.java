package dev.kiln.ops.cast;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.function.DoublePredicate;

/**
 * Numbers to and from text for {@code Cast} with string tensors.
 *
 * <p>Parsing accepts plain and scientific notation ({@code "3.14"}, {@code "1e-5"},
 * {@code "1E8"}) and, case-insensitively, {@code "NaN"}, {@code "INF"}, {@code "+INF"},
 * {@code "-INF"} (and the spelled-out {@code "infinity"}). Formatting follows numpy's
 * {@code str} of a scalar, which the ONNX reference uses: the shortest digits that read back to
 * the same value, positional for magnitudes in {@code [1e-4, 1e16)} ({@code "314.15926"},
 * {@code "1.0"}), scientific otherwise ({@code "1e-07"}, {@code "1.5e+20"}); {@code "nan"},
 * {@code "inf"}, {@code "-inf"}; bools as {@code "True"}/{@code "False"}.
 */
final class NumberText {
    private NumberText() {}

    /** Parses a number as a double. */
    static double parseDouble(String s) {
        String t = s.strip();
        String lower = t.toLowerCase(java.util.Locale.ROOT);
        String body = lower.startsWith("+") || lower.startsWith("-") ? lower.substring(1) : lower;
        boolean neg = lower.startsWith("-");
        switch (body) {
            case "inf", "infinity" -> { return neg ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY; }
            case "nan" -> { return Double.NaN; }
            default -> { }
        }
        if (!isDecimal(body)) {
            throw new IllegalArgumentException("cannot parse string \"" + s + "\" as a number");
        }
        return Double.parseDouble(t);
    }

    /**
     * Parses a number for an integer target: integer literals exactly (beyond 2^53 too), others
     * through double and truncation toward zero. Unsigned 64-bit values above {@code Long.MAX_VALUE}
     * come back as their two's-complement bit pattern.
     */
    static long parseLong(String s) {
        String t = s.strip();
        if (isInteger(t)) {
            try {
                return new java.math.BigInteger(t.startsWith("+") ? t.substring(1) : t).longValue();
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("cannot parse string \"" + s + "\" as a number");
            }
        }
        double d = parseDouble(t);
        if (Double.isNaN(d)) return 0;
        if (d >= 0x1p63) return (long) (d - 0x1p63) ^ Long.MIN_VALUE;
        return (long) d;
    }

    private static boolean isInteger(String t) {
        int i = t.startsWith("+") || t.startsWith("-") ? 1 : 0;
        if (i == t.length()) return false;
        for (; i < t.length(); i++) {
            if (t.charAt(i) < '0' || t.charAt(i) > '9') return false;
        }
        return true;
    }

    /** Digits, at most one point, an optional exponent: what Double.parseDouble should see. */
    private static boolean isDecimal(String body) {
        int i = 0;
        int n = body.length();
        int digits = 0;
        while (i < n && Character.isDigit(body.charAt(i))) { i++; digits++; }
        if (i < n && body.charAt(i) == '.') {
            i++;
            while (i < n && Character.isDigit(body.charAt(i))) { i++; digits++; }
        }
        if (digits == 0) return false;
        if (i < n && body.charAt(i) == 'e') {
            i++;
            if (i < n && (body.charAt(i) == '+' || body.charAt(i) == '-')) i++;
            int expDigits = 0;
            while (i < n && Character.isDigit(body.charAt(i))) { i++; expDigits++; }
            if (expDigits == 0) return false;
        }
        return i == n;
    }

    /**
     * numpy's text for a floating-point value of some type; {@code readsBack} tells whether a
     * candidate decimal converts back to the same value of that type.
     */
    static String formatFloating(double v, DoublePredicate readsBack) {
        return format(v, readsBack);
    }

    /** numpy's text for a bool. */
    static String formatBool(boolean b) {
        return b ? "True" : "False";
    }

    private static String format(double v, DoublePredicate readsBack) {
        if (Double.isNaN(v)) return "nan";
        if (Double.isInfinite(v)) return v > 0 ? "inf" : "-inf";
        if (v == 0) return 1 / v < 0 ? "-0.0" : "0.0";
        BigDecimal d = shortest(v, readsBack);
        String sign = v < 0 ? "-" : "";
        BigDecimal m = d.abs();
        // numpy compares the magnitude in the value's own type, where 1e-4 and 1e16 round too:
        // comparing the shortest decimal gives the same answer
        if (m.compareTo(new BigDecimal("1e-4")) >= 0 && m.compareTo(new BigDecimal("1e16")) < 0) {
            String s = m.toPlainString();
            if (s.indexOf('.') < 0) s = s + ".0";
            return sign + s;
        }
        // scientific: d.ddd e(+|-)XX with at least two exponent digits
        String digits = m.unscaledValue().toString();
        int exp = digits.length() - 1 - m.scale();
        String mant = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
        String e = Integer.toString(Math.abs(exp));
        if (e.length() < 2) e = "0" + e;
        return sign + mant + "e" + (exp < 0 ? "-" : "+") + e;
    }

    /** The decimal with the fewest significant digits that reads back as {@code v}. */
    private static BigDecimal shortest(double v, DoublePredicate readsBack) {
        BigDecimal exact = new BigDecimal(v);
        for (int p = 1; p <= 17; p++) {
            BigDecimal r = exact.round(new MathContext(p, RoundingMode.HALF_EVEN));
            if (readsBack.test(r.doubleValue())) return r.stripTrailingZeros();
        }
        return exact;
    }
}
