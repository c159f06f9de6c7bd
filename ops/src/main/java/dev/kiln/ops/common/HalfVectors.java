package dev.kiln.ops.common;

import java.lang.invoke.MethodHandles;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.ShortVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * The Vector API half ↔ float32 conversions behind {@link HalfFloats}, on whole vectors only:
 * each method converts a multiple of the vector length and returns how many elements it did.
 * Only call it when {@link Vectors#ENABLED}.
 *
 * <p>Both directions work on the bits with integer lanes and no branches. Half → float moves
 * exponent and mantissa up by 13 bits and rebiases the exponent by 112 (again for Inf/NaN);
 * a subnormal half is rebuilt as 2^-14 · (1 + m/1024) and 2^-14 subtracted in float, which is
 * exact. Float → half rebiases, adds 0xfff plus the lowest kept bit and shifts by 13: a carry out
 * of the mantissa is round to nearest even, and one into exponent 31 is overflow to infinity.
 * Results below 2^-14 are rounded by a float addition of 0.5, whose unit in the last place is
 * the half subnormal step 2^-24, so the hardware's own nearest-even does it.
 */
final class HalfVectors {
    private static final VectorSpecies<Float> F = VectorWidths.species(MethodHandles.lookup());
    private static final VectorSpecies<Integer> I = F.withLanes(int.class);
    /** Shorts in half the bits of an int vector: as many lanes as {@link #I}. */
    private static final VectorSpecies<Short> S =
            VectorSpecies.of(short.class, VectorShape.forBitSize(I.vectorBitSize() / 2));
    /** Elements per vector. */
    static final int LANES = I.length();

    /** Half exponent bits after the shift by 13. */
    private static final int EXP = 0x7c00 << 13;
    /** (127 - 15) << 23: the exponent bias difference. */
    private static final int REBIAS = 112 << 23;
    /** 2^-14, the smallest normal half, as float. */
    private static final float MIN_NORMAL = 0x1p-14f;
    /** 2^16 as float bits: from here on (and Inf, NaN) the half is Inf or NaN. */
    private static final int HALF_OVERFLOW = (127 + 16) << 23;
    /** 2^-14 as float bits: below, the half is subnormal or zero. */
    private static final int HALF_SUBNORMAL = 113 << 23;
    private static final int INF = 0x7f800000;
    /** 0.5f: adding it leaves a float whose last place is 2^-24. */
    private static final float DENORM_MAGIC = 0.5f;
    private static final int DENORM_MAGIC_BITS = Float.floatToRawIntBits(DENORM_MAGIC);

    private HalfVectors() {}

    /** Converts whole vectors of {@code src} to floats; returns how many elements were done. */
    static int toFloat(short[] src, int srcOff, float[] dst, int dstOff, int n) {
        int bound = I.loopBound(n);
        for (int i = 0; i < bound; i += I.length()) {
            IntVector h = (IntVector) ShortVector.fromArray(S, src, srcOff + i)
                    .convertShape(VectorOperators.S2I, I, 0);
            IntVector o = h.and(0x7fff).lanewise(VectorOperators.LSHL, 13);
            IntVector exp = o.and(EXP);
            o = o.add(REBIAS);
            o = o.add(REBIAS, exp.eq(EXP));
            VectorMask<Integer> sub = exp.eq(0);
            IntVector renorm = o.add(1 << 23).reinterpretAsFloats().sub(MIN_NORMAL).reinterpretAsInts();
            o = o.blend(renorm, sub);
            o = o.or(h.and(0x8000).lanewise(VectorOperators.LSHL, 16));
            o.reinterpretAsFloats().intoArray(dst, dstOff + i);
        }
        return bound;
    }

    /** Converts whole vectors of {@code src} to half bits; returns how many elements were done. */
    static int fromFloat(float[] src, int srcOff, short[] dst, int dstOff, int n) {
        int bound = F.loopBound(n);
        for (int i = 0; i < bound; i += F.length()) {
            IntVector f = FloatVector.fromArray(F, src, srcOff + i).reinterpretAsInts();
            IntVector sign = f.lanewise(VectorOperators.LSHR, 16).and(0x8000);
            IntVector a = f.and(0x7fffffff);
            // normal: rebias, round to nearest even at bit 13, shift
            IntVector odd = a.lanewise(VectorOperators.LSHR, 13).and(1);
            IntVector o = a.add(-REBIAS + 0xfff).add(odd).lanewise(VectorOperators.LSHR, 13);
            // subnormal or zero: the float addition rounds
            IntVector sub = a.reinterpretAsFloats().add(DENORM_MAGIC).reinterpretAsInts().sub(DENORM_MAGIC_BITS);
            o = o.blend(sub, a.lt(HALF_SUBNORMAL));
            // Inf and overflow to 0x7c00, NaN quiet with its top payload bits
            IntVector nan = a.and(0x7fffff).lanewise(VectorOperators.LSHR, 13).or(0x7e00);
            IntVector big = IntVector.broadcast(I, 0x7c00).blend(nan, a.compare(VectorOperators.GT, INF));
            o = o.blend(big, a.compare(VectorOperators.GE, HALF_OVERFLOW));
            ((ShortVector) o.or(sign).convertShape(VectorOperators.I2S, S, 0)).intoArray(dst, dstOff + i);
        }
        return bound;
    }
}
