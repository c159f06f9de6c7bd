package dev.kiln.ops.cast;

import dev.kiln.runtime.tensor.DType;
import dev.kiln.runtime.tensor.Float16;
import dev.kiln.runtime.tensor.NarrowTypes;

/**
 * Encoding of doubles into the 16-bit and narrow float types and the narrow integer types, with
 * the semantics of ONNX {@code Cast}.
 *
 * <p>It differs from {@link NarrowTypes#encode} where {@code Cast} differs from quantization:
 * int4/uint4/int2/uint2 truncate toward zero and keep the low bits (as every other integer cast
 * does) instead of rounding and clipping; float4e2m1 has no NaN and encodes NaN as the code
 * {@code 0x8}, as the ONNX reference does; float8e8m0 honours the {@code round_mode} attribute.
 * The 16-bit formats round once, directly from double (no double rounding through float32).
 */
public final class NarrowCodec {
    private NarrowCodec() {}

    /** The float8e8m0 rounding modes of {@code Cast}'s {@code round_mode} attribute. */
    public enum E8M0Rounding {
        /** Round up to the next power of two unless exact (the default). */
        UP,
        /** Truncate to the power of two below. */
        DOWN,
        /** Round to the nearest power of two on the mantissa, ties up. */
        NEAREST;

        /** Parses {@code up}, {@code down} or {@code nearest}. */
        public static E8M0Rounding parse(String s) {
            return switch (s) {
                case "up" -> UP;
                case "down" -> DOWN;
                case "nearest" -> NEAREST;
                default -> throw new IllegalArgumentException("attribute 'round_mode' must be up, down or nearest, got '"
                        + s + "'");
            };
        }
    }

    /** The raw code of narrow type {@code t} for {@code v}, converted as {@code Cast} does. */
    public static byte encode(DType t, double v, boolean saturate, E8M0Rounding mode) {
        switch (t) {
            case INT4, UINT4: return (byte) (truncate(v) & 0xf);
            case INT2, UINT2: return (byte) (truncate(v) & 0x3);
            case FLOAT4E2M1: return Double.isNaN(v) ? (byte) 0x8 : NarrowTypes.encode(t, v, true);
            case FLOAT8E8M0: return encodeE8M0((float) v, saturate, mode);
            default: return NarrowTypes.encode(t, v, saturate);
        }
    }

    /** The raw code of an integer narrow type for an integer value: its low bits. */
    public static byte wrap(DType t, long v) {
        return switch (t) {
            case INT4, UINT4 -> (byte) (v & 0xf);
            case INT2, UINT2 -> (byte) (v & 0x3);
            default -> throw new IllegalArgumentException(t + " is not a narrow integer type");
        };
    }

    private static long truncate(double v) {
        return Double.isNaN(v) ? 0 : (long) v;
    }

    /**
     * float8e8m0 from the float32 bits of {@code f}: the code is the biased exponent, rounded by
     * the mantissa bits according to {@code mode}. NaN and infinity have no finite code; infinity
     * saturates to the largest code when {@code saturate}. The sign is ignored (negative inputs
     * are undefined by the spec).
     */
    static byte encodeE8M0(float f, boolean saturate, E8M0Rounding mode) {
        int bits = Float.floatToRawIntBits(f);
        int exp = (bits >>> 23) & 0xff;
        int mant = bits & 0x7fffff;
        if (exp == 0xff) {
            return (byte) (mant == 0 && saturate ? 0xfe : 0xff);
        }
        boolean up = switch (mode) {
            case UP -> mant != 0;
            case DOWN -> false;
            // guard bit set, and the value is not a subnormal sitting exactly on the tie
            case NEAREST -> (mant & 0x400000) != 0 && ((mant & 0x3fffff) != 0 || exp > 0);
        };
        if (up) {
            if (exp == 0xfe) return (byte) (saturate ? 0xfe : 0xff);
            exp++;
        }
        return (byte) exp;
    }

}
