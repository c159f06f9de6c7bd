package dev.kiln.runtime.tensor;

/**
 * Decoding and encoding of the narrow element types (float8 variants, float4e2m1, int4/uint4,
 * int2/uint2), each kept as one raw code per byte.
 *
 * <p>Encoding rounds to the nearest representable value, ties to even. With {@code saturate},
 * finite values beyond the range clamp to the largest finite value; without it they become
 * infinity where the type has one, else NaN. Integer types round half to even and clip.
 */
public final class NarrowTypes {
    private NarrowTypes() {}

    private static final double[][] POSITIVE = new double[DType.values().length][];

    static {
        for (DType t : DType.values()) {
            if (t.isNarrow() && t.isFloatingPoint()) {
                double[] v = new double[128];
                for (int c = 0; c < 128; c++) v[c] = decode(t, (byte) c);
                POSITIVE[t.ordinal()] = v;
            }
        }
    }

    /** The value of raw code {@code code} of narrow type {@code t}. */
    public static double decode(DType t, byte code) {
        int c = code & 0xff;
        return switch (t) {
            case INT4 -> ((c & 0xf) ^ 8) - 8;
            case UINT4 -> c & 0xf;
            case INT2 -> ((c & 3) ^ 2) - 2;
            case UINT2 -> c & 3;
            case FLOAT8E4M3FN -> (c & 0x7f) == 0x7f ? Double.NaN : minifloat(c, 4, 3, 7);
            case FLOAT8E4M3FNUZ -> c == 0x80 ? Double.NaN : minifloat(c, 4, 3, 8);
            case FLOAT8E5M2 -> {
                if ((c & 0x7c) == 0x7c) {
                    if ((c & 3) != 0) yield Double.NaN;
                    yield (c & 0x80) != 0 ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
                }
                yield minifloat(c, 5, 2, 15);
            }
            case FLOAT8E5M2FNUZ -> c == 0x80 ? Double.NaN : minifloat(c, 5, 2, 16);
            case FLOAT4E2M1 -> minifloat(c & 0xf, 2, 1, 1);
            case FLOAT8E8M0 -> c == 0xff ? Double.NaN : Math.scalb(1.0, c - 127);
            default -> throw new IllegalArgumentException(t + " is not a narrow type");
        };
    }

    private static double minifloat(int c, int ebits, int mbits, int bias) {
        int signBit = 1 << (ebits + mbits);
        int e = (c >> mbits) & ((1 << ebits) - 1);
        int m = c & ((1 << mbits) - 1);
        double v = e == 0 ? Math.scalb((double) m, 1 - bias - mbits)
                : Math.scalb((double) ((1 << mbits) | m), e - bias - mbits);
        return (c & signBit) != 0 ? -v : v;
    }

    /** The raw code of narrow type {@code t} nearest to {@code v}. */
    public static byte encode(DType t, double v, boolean saturate) {
        switch (t) {
            case INT4: return (byte) (clipRound(v, -8, 7) & 0xf);
            case UINT4: return (byte) clipRound(v, 0, 15);
            case INT2: return (byte) (clipRound(v, -2, 1) & 3);
            case UINT2: return (byte) clipRound(v, 0, 3);
            case FLOAT8E8M0: return encodeE8M0(v, saturate);
            default: break;
        }
        double[] table = POSITIVE[t.ordinal()];
        if (table == null) throw new IllegalArgumentException(t + " is not a narrow type");
        int signBit = t == DType.FLOAT4E2M1 ? 0x8 : 0x80;
        boolean hasNegZero = t != DType.FLOAT8E4M3FNUZ && t != DType.FLOAT8E5M2FNUZ;
        if (Double.isNaN(v)) return nanCode(t);
        boolean neg = v < 0 || (v == 0 && 1 / v < 0);
        double a = Math.abs(v);
        int maxCode = maxFiniteCode(t);
        double max = table[maxCode];
        int code;
        if (Double.isInfinite(a)) {
            if (saturate || t == DType.FLOAT4E2M1) code = maxCode;
            else return t == DType.FLOAT8E5M2 ? (byte) ((neg ? 0x80 : 0) | 0x7c) : nanCode(t);
        } else {
            double ulp = max - table[maxCode - 1];
            if (a >= max + ulp / 2 && !(a == max + ulp / 2 && (maxCode & 1) == 0)) {
                if (saturate || t == DType.FLOAT4E2M1) code = maxCode;
                else return t == DType.FLOAT8E5M2 ? (byte) ((neg ? 0x80 : 0) | 0x7c) : nanCode(t);
            } else {
                code = nearest(table, maxCode, a);
            }
        }
        if (code == 0 && !hasNegZero) return 0;
        return (byte) (neg ? code | signBit : code);
    }

    private static int nearest(double[] table, int maxCode, double a) {
        int lo = 0;
        int hi = maxCode;
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (table[mid] <= a) lo = mid; else hi = mid - 1;
        }
        if (lo == maxCode) return lo;
        double dLo = a - table[lo];
        double dHi = table[lo + 1] - a;
        if (dLo < dHi) return lo;
        if (dHi < dLo) return lo + 1;
        return (lo & 1) == 0 ? lo : lo + 1;
    }

    private static int maxFiniteCode(DType t) {
        return switch (t) {
            case FLOAT8E4M3FN -> 0x7e;
            case FLOAT8E4M3FNUZ, FLOAT8E5M2FNUZ -> 0x7f;
            case FLOAT8E5M2 -> 0x7b;
            case FLOAT4E2M1 -> 0x7;
            default -> throw new IllegalArgumentException(t + " has no float code table");
        };
    }

    private static byte nanCode(DType t) {
        return switch (t) {
            case FLOAT8E4M3FN -> 0x7f;
            case FLOAT8E4M3FNUZ, FLOAT8E5M2FNUZ -> (byte) 0x80;
            case FLOAT8E5M2 -> 0x7f;
            case FLOAT4E2M1 -> 0x7; // no NaN: saturates
            default -> (byte) 0xff;
        };
    }

    private static byte encodeE8M0(double v, boolean saturate) {
        if (Double.isNaN(v) || v <= 0) return (byte) (v == 0 || v < 0 ? 0 : 0xff);
        if (Double.isInfinite(v)) return (byte) (saturate ? 0xfe : 0xff);
        int e = Math.getExponent(v);
        double frac = v / Math.scalb(1.0, e);
        if (frac > 1.0) e += 1; // round up, the spec's default mode
        int code = e + 127;
        if (code < 0) code = 0;
        if (code > 0xfe) code = saturate ? 0xfe : 0xff;
        return (byte) code;
    }

    private static int clipRound(double v, int lo, int hi) {
        if (Double.isNaN(v)) return 0;
        double r = Math.rint(v);
        if (r < lo) return lo;
        if (r > hi) return hi;
        return (int) r;
    }
}
