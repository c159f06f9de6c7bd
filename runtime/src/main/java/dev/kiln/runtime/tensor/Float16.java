package dev.kiln.runtime.tensor;

/**
 * Conversions between float32 and the 16-bit float formats (IEEE half and bfloat16), rounding to
 * nearest even and keeping NaN and infinities.
 */
public final class Float16 {
    private Float16() {}

    /** float32 → IEEE half bits, round to nearest even. */
    public static short fromFloat(float f) {
        int bits = Float.floatToRawIntBits(f);
        int sign = (bits >>> 16) & 0x8000;
        int exp = (bits >>> 23) & 0xff;
        int mant = bits & 0x7fffff;
        if (exp == 0xff) {
            if (mant != 0) return (short) (sign | 0x7e00 | (mant >>> 13)); // NaN, quiet
            return (short) (sign | 0x7c00);
        }
        int e = exp - 127 + 15;
        if (e >= 0x1f) return (short) (sign | 0x7c00);
        if (e <= 0) {
            if (e < -10) return (short) sign; // underflows to zero
            int m = mant | 0x800000;
            int shift = 14 - e;
            int half = m >>> shift;
            int rem = m & ((1 << shift) - 1);
            int mid = 1 << (shift - 1);
            if (rem > mid || (rem == mid && (half & 1) == 1)) half++;
            return (short) (sign | half);
        }
        int half = (e << 10) | (mant >>> 13);
        int rem = mant & 0x1fff;
        if (rem > 0x1000 || (rem == 0x1000 && (half & 1) == 1)) half++;
        return (short) (sign | half);
    }

    /** IEEE half bits → float32 (exact). */
    public static float toFloat(short h) {
        int bits = h & 0xffff;
        int sign = (bits & 0x8000) << 16;
        int exp = (bits >>> 10) & 0x1f;
        int mant = bits & 0x3ff;
        if (exp == 0x1f) {
            return Float.intBitsToFloat(sign | 0x7f800000 | (mant << 13));
        }
        if (exp == 0) {
            if (mant == 0) return Float.intBitsToFloat(sign);
            float v = mant * 0x1p-24f;
            return sign != 0 ? -v : v;
        }
        return Float.intBitsToFloat(sign | ((exp - 15 + 127) << 23) | (mant << 13));
    }

    /** float32 → bfloat16 bits, round to nearest even. */
    public static short bfloat16FromFloat(float f) {
        int bits = Float.floatToRawIntBits(f);
        if ((bits & 0x7f800000) == 0x7f800000 && (bits & 0x7fffff) != 0) {
            return (short) ((bits >>> 16) | 0x40); // quiet NaN
        }
        int rounding = 0x7fff + ((bits >>> 16) & 1);
        return (short) ((bits + rounding) >>> 16);
    }

    /** bfloat16 bits → float32 (exact). */
    public static float bfloat16ToFloat(short b) {
        return Float.intBitsToFloat((b & 0xffff) << 16);
    }

    /** float64 → IEEE half bits, rounding once (to nearest even) straight from the double. */
    public static short fromDouble(double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) return fromFloat((float) v);
        if (Math.abs(v) >= 65520.0) return (short) ((v < 0 ? 0x8000 : 0) | 0x7c00); // 65504 + half an ulp ties to inf
        return fromFloat((float) roundToPrecision(v, 11, -14));
    }

    /** float64 → bfloat16 bits, rounding once (to nearest even) straight from the double. */
    public static short bfloat16FromDouble(double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) return bfloat16FromFloat((float) v);
        // (float) of a value already rounded to 8 significant bits is exact, or overflows to inf
        return bfloat16FromFloat((float) roundToPrecision(v, 8, -126));
    }

    /** {@code v} rounded to {@code p} significant bits, ties to even; exponents below {@code minExp} as subnormals. */
    private static double roundToPrecision(double v, int p, int minExp) {
        if (v == 0) return v;
        int e = Math.max(Math.getExponent(v), minExp);
        double unit = Math.scalb(1.0, e - (p - 1));
        double r = Math.rint(v / unit) * unit;
        return r == 0 ? Math.copySign(0.0, v) : r;
    }
}
