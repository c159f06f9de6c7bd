package dev.kiln.ops.common;

import dev.kiln.runtime.tensor.Float16;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

/**
 * Array conversions between IEEE half bits ({@code short}) and float32: round to nearest even,
 * overflow to infinity, subnormals both ways, NaN to NaN of the same sign. Three paths, chosen
 * once and logged at DEBUG:
 * <ol>
 * <li>JDK 20 and later: {@code Float.float16ToFloat} and {@code Float.floatToFloat16}, through
 *     method handles since the release is 17. C2 compiles them to the CPU's conversion
 *     instructions and vectorises the loops; before C2 they are plain Java, a few ns each. The
 *     bits of a NaN's payload may differ from the codec's (the CPU quiets a signalling NaN, the
 *     Java code does not).
 * <li>Otherwise with {@link Vectors#ENABLED}: {@link HalfVectors}, the codec's results bit for
 *     bit. Until C2 has compiled it, Vector API code runs hundreds of times slower than scalar
 *     code (every vector a heap object), and one call on a large tensor ran 5 s before an
 *     on-stack replacement arrived. So it starts cold: arrays go through the scalar loop in
 *     blocks, each led by a timed one-vector probe; the probes get the vector method compiled,
 *     and the first probe at compiled speed switches whole arrays to the vectors.
 * <li>Otherwise the branch-free scalar loop, also bit for bit the codec.
 * </ol>
 * The tests hold every path to the scalar codec {@link Float16}.
 */
public final class HalfFloats {
    /** Elements per block while the vector path is cold. */
    private static final int BLOCK = 16384;
    /** A probe (one vector) this fast ran compiled code: compiled takes ~10 ns, cold 10 µs and more. */
    private static final long WARM_PROBE_NS = 300;
    /** {@code Float.float16ToFloat(short)}, or null before JDK 20. */
    private static final MethodHandle TO_FLOAT = find("float16ToFloat", float.class, short.class);
    /** {@code Float.floatToFloat16(float)}, or null before JDK 20. */
    private static final MethodHandle TO_HALF = find("floatToFloat16", short.class, float.class);
    private static final boolean INTRINSICS = TO_FLOAT != null && TO_HALF != null;

    static {
        System.getLogger(HalfFloats.class.getName()).log(System.Logger.Level.DEBUG, "float16 conversions: "
                + (INTRINSICS ? "JDK intrinsics" : Vectors.ENABLED ? "Vector API" : "scalar"));
    }

    private static volatile boolean toFloatWarm, fromFloatWarm;

    private HalfFloats() {}

    /** {@code dst[dstOff + i] = half(src[srcOff + i])} for i below {@code n}. */
    public static void toFloat(short[] src, int srcOff, float[] dst, int dstOff, int n) {
        if (INTRINSICS) {
            toFloatIntrinsic(src, srcOff, dst, dstOff, n);
            return;
        }
        int i = 0;
        if (Vectors.ENABLED) {
            while (!toFloatWarm && i < n) {
                int len = Math.min(BLOCK, n - i);
                long t0 = System.nanoTime();
                int done = HalfVectors.toFloat(src, srcOff + i, dst, dstOff + i, Math.min(HalfVectors.LANES, len));
                if (done > 0 && System.nanoTime() - t0 <= WARM_PROBE_NS) toFloatWarm = true;
                toFloatScalar(src, srcOff + i + done, dst, dstOff + i + done, len - done);
                i += len;
            }
            i += HalfVectors.toFloat(src, srcOff + i, dst, dstOff + i, n - i);
        }
        toFloatScalar(src, srcOff + i, dst, dstOff + i, n - i);
    }

    /** {@code dst[dstOff + i] = toHalf(src[srcOff + i])} for i below {@code n}, nearest even. */
    public static void fromFloat(float[] src, int srcOff, short[] dst, int dstOff, int n) {
        if (INTRINSICS) {
            fromFloatIntrinsic(src, srcOff, dst, dstOff, n);
            return;
        }
        int i = 0;
        if (Vectors.ENABLED) {
            while (!fromFloatWarm && i < n) {
                int len = Math.min(BLOCK, n - i);
                long t0 = System.nanoTime();
                int done = HalfVectors.fromFloat(src, srcOff + i, dst, dstOff + i, Math.min(HalfVectors.LANES, len));
                if (done > 0 && System.nanoTime() - t0 <= WARM_PROBE_NS) fromFloatWarm = true;
                fromFloatScalar(src, srcOff + i + done, dst, dstOff + i + done, len - done);
                i += len;
            }
            i += HalfVectors.fromFloat(src, srcOff + i, dst, dstOff + i, n - i);
        }
        fromFloatScalar(src, srcOff + i, dst, dstOff + i, n - i);
    }

    /** The whole of {@code src} as floats, in a new array. */
    public static float[] toFloat(short[] src) {
        float[] f = new float[src.length];
        toFloat(src, 0, f, 0, src.length);
        return f;
    }

    /** The whole of {@code src} as half bits, in a new array. */
    public static short[] fromFloat(float[] src) {
        short[] s = new short[src.length];
        fromFloat(src, 0, s, 0, src.length);
        return s;
    }

    /**
     * Whether a conversion call costs little beyond its elements wherever it is called from: the
     * JDK's conversions and the scalar loop, not the Vector API path (see {@link Floats#blockFor}).
     */
    static boolean cheapPerCall() { return INTRINSICS || !Vectors.ENABLED; }

    /** Whether the JDK's conversions are there (JDK 20 and later). */
    static boolean intrinsics() { return INTRINSICS; }

    /** The JDK's half → float loop; only when {@link #intrinsics()}. */
    static void toFloatIntrinsic(short[] src, int srcOff, float[] dst, int dstOff, int n) {
        try {
            for (int i = 0; i < n; i++) dst[dstOff + i] = (float) TO_FLOAT.invokeExact(src[srcOff + i]);
        } catch (Throwable e) {
            throw new IllegalStateException("Float.float16ToFloat failed", e);
        }
    }

    /** The JDK's float → half loop; only when {@link #intrinsics()}. */
    static void fromFloatIntrinsic(float[] src, int srcOff, short[] dst, int dstOff, int n) {
        try {
            for (int i = 0; i < n; i++) dst[dstOff + i] = (short) TO_HALF.invokeExact(src[srcOff + i]);
        } catch (Throwable e) {
            throw new IllegalStateException("Float.floatToFloat16 failed", e);
        }
    }

    private static MethodHandle find(String name, Class<?> returns, Class<?> takes) {
        try {
            return MethodHandles.publicLookup().findStatic(Float.class, name, MethodType.methodType(returns, takes));
        } catch (ReflectiveOperationException e) {
            return null;
        }
    }

    /**
     * The scalar loop, {@link HalfVectors#toFloat}'s steps with masks for blends: exponent and
     * mantissa up by 13 bits, exponent rebiased by 112 (twice for Inf and NaN); a subnormal half
     * is its mantissa times 2^-24, exact in float.
     */
    static void toFloatScalar(short[] src, int srcOff, float[] dst, int dstOff, int n) {
        for (int i = 0; i < n; i++) {
            int h = src[srcOff + i];
            int em = h & 0x7fff;
            int o = (em << 13) + (112 << 23);
            o += ((0x7bff - em) >> 31) & (112 << 23);
            int sub = Float.floatToRawIntBits(em * 0x1p-24f);
            int isSub = (em - 0x400) >> 31;
            o = (o & ~isSub) | (sub & isSub);
            dst[dstOff + i] = Float.intBitsToFloat(o | ((h & 0x8000) << 16));
        }
    }

    /** The scalar loop, {@link HalfVectors#fromFloat}'s steps with masks for blends. */
    static void fromFloatScalar(float[] src, int srcOff, short[] dst, int dstOff, int n) {
        for (int i = 0; i < n; i++) {
            int f = Float.floatToRawIntBits(src[srcOff + i]);
            int a = f & 0x7fffffff;
            int normal = (a - (112 << 23) + 0xfff + ((a >>> 13) & 1)) >>> 13;
            int sub = Float.floatToRawIntBits(Float.intBitsToFloat(a) + 0.5f) - 0x3f000000;
            int isSub = (a - 0x38800000) >> 31;
            int o = (normal & ~isSub) | (sub & isSub);
            int isNan = (0x7f800000 - a) >> 31;
            int big = 0x7c00 | (isNan & (0x200 | ((a & 0x7fffff) >>> 13)));
            int isBig = (0x477fffff - a) >> 31;
            o = (o & ~isBig) | (big & isBig);
            dst[dstOff + i] = (short) (o | ((f >>> 16) & 0x8000));
        }
    }
}
