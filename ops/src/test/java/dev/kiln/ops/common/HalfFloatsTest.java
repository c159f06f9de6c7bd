package dev.kiln.ops.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import dev.kiln.runtime.tensor.Float16;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The array conversions, public, scalar and vector paths, against the scalar codec {@link Float16}, bit for bit. */
class HalfFloatsTest {

    @Test
    void everyHalfWidensLikeTheCodecOnEveryPath() {
        short[] h = new short[65536 + 3]; // 3 more so that the last ones go through the tail
        for (int i = 0; i < h.length; i++) h[i] = (short) i;
        for (Widen path : widenPaths()) {
            float[] f = new float[h.length + 5];
            path.run(h, f);
            for (int i = 0; i < h.length; i++) {
                int want = Float.floatToRawIntBits(Float16.toFloat(h[i]));
                int got = Float.floatToRawIntBits(f[5 + i]);
                if (!path.exactNaN() && Float.isNaN(Float16.toFloat(h[i])) && Float.isNaN(f[5 + i])) {
                    want &= 0x80000000; // a NaN of the same sign
                    got &= 0x80000000;
                }
                if (want != got) fail(String.format("%s, half %04x: want %08x, got %08x", path, i & 0xffff, want, got));
            }
        }
    }

    @Test
    void vectorWidenCoversWholeVectorsOnly() {
        if (!Vectors.ENABLED) return;
        short[] h = new short[1000];
        for (int i = 0; i < h.length; i++) h[i] = (short) (i * 65);
        float[] f = new float[h.length];
        int done = HalfVectors.toFloat(h, 1, f, 0, 999);
        assertEquals(VectorMath.S.loopBound(999), done);
        for (int i = 0; i < done; i++) assertEquals(Float16.toFloat(h[1 + i]), f[i]);
        for (int i = done; i < f.length; i++) assertEquals(0f, f[i], "written past the whole vectors at " + i);
    }

    @Test
    void everyHalfButSignallingNanRoundTrips() {
        float[] f = new float[65536];
        for (int i = 0; i < f.length; i++) f[i] = Float16.toFloat((short) i);
        short[] back = HalfFloats.fromFloat(f);
        for (int i = 0; i < f.length; i++) {
            int want = Float.isNaN(f[i]) ? i | 0x200 : i; // the codec quiets NaN
            if (Float.isNaN(f[i]) && HalfFloats.intrinsics()) continue; // the JDK's NaN payloads may differ
            if ((back[i] & 0xffff) != want) fail(String.format("half %04x came back as %04x", i, back[i] & 0xffff));
        }
    }

    /**
     * Every combination of the top 16 float bits (sign, exponent, top mantissa bits: every
     * binade, Inf, NaN, the subnormal halves, overflow) with low bits at and around each
     * rounding position: exact ties, one below, one above, odd and even kept bits.
     */
    @Test
    void floatsRoundToNearestEvenLikeTheCodecAtEveryBinadeAndTie() {
        int[] lows = lowPatterns();
        float[] f = new float[65536 * lows.length];
        int k = 0;
        for (int hi = 0; hi < 65536; hi++) {
            for (int low : lows) f[k++] = Float.intBitsToFloat(hi << 16 | low);
        }
        check(f);
    }

    @Test
    void randomFloatsAndSpecialsRoundLikeTheCodec() {
        SplittableRandom rnd = new SplittableRandom(12);
        float[] f = new float[1 << 20];
        for (int i = 0; i < f.length; i++) {
            f[i] = switch (i % 4) {
                case 0 -> Float.intBitsToFloat(rnd.nextInt());
                case 1 -> (float) (rnd.nextGaussian() * 100);
                case 2 -> (float) (rnd.nextGaussian() * 1e-5); // subnormal halves
                default -> (float) ((rnd.nextDouble() - 0.5) * 140000); // overflow both ways
            };
        }
        float[] specials = {0f, -0f, Float.NaN, Float.intBitsToFloat(0x7fc00001), Float.intBitsToFloat(0xff812345),
            Float.intBitsToFloat(0x7f800001), Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, 65504f, -65504f,
            65519.996f, 65520f, -65520f, 65536f, Float.MAX_VALUE, Float.MIN_VALUE, 0x1p-24f, 0x1p-25f,
            0x1.000002p-25f, 0x1.8p-24f, 0x1p-14f, 0x1.ffcp-15f, 0x1.ffep-15f, 0x1.ffdp-15f, 0x1.ff9p-15f};
        System.arraycopy(specials, 0, f, 3, specials.length);
        check(f);
    }

    /**
     * Converts {@code f} at an odd offset on every path (the public one: vectors and a tail) and
     * compares each element with the codec.
     */
    private static void check(float[] f) {
        float[] src = new float[f.length + 1];
        System.arraycopy(f, 0, src, 1, f.length);
        for (Narrow path : narrowPaths()) {
            short[] got = new short[f.length + 2];
            path.run(src, got, f.length);
            for (int i = 0; i < f.length; i++) {
                short want = Float16.fromFloat(f[i]);
                boolean nan = Float.isNaN(f[i]) && (got[2 + i] & 0x7c00) == 0x7c00 && (got[2 + i] & 0x3ff) != 0;
                if (!path.exactNaN() && nan && (got[2 + i] & 0x8000) == (want & 0x8000)) continue;
                if (got[2 + i] != want) {
                    fail(String.format("%s, float %08x (%s): want %04x, got %04x", path, Float.floatToRawIntBits(f[i]),
                            f[i], want & 0xffff, got[2 + i] & 0xffff));
                }
            }
        }
    }

    /** A half → float path writing h (all of it) to f from index 5. */
    private interface Widen {
        void run(short[] h, float[] f);

        /** Whether NaN payload bits must match the codec's too (not on the JDK's conversions). */
        default boolean exactNaN() { return true; }
    }

    /** A float → half path reading src from index 1 and writing n elements to dst from index 2. */
    private interface Narrow {
        void run(float[] src, short[] dst, int n);

        /** Whether NaN payload bits must match the codec's too (not on the JDK's conversions). */
        default boolean exactNaN() { return true; }
    }

    private static List<Widen> widenPaths() {
        boolean jdk = HalfFloats.intrinsics();
        List<Widen> p = new ArrayList<>();
        p.add(named("public", !jdk, (h, f) -> HalfFloats.toFloat(h, 0, f, 5, h.length)));
        p.add(named("scalar", true, (h, f) -> HalfFloats.toFloatScalar(h, 0, f, 5, h.length)));
        if (jdk) p.add(named("JDK", false, (h, f) -> HalfFloats.toFloatIntrinsic(h, 0, f, 5, h.length)));
        if (Vectors.ENABLED) {
            p.add(named("vector", true, (h, f) -> {
                int done = HalfVectors.toFloat(h, 0, f, 5, h.length);
                HalfFloats.toFloatScalar(h, done, f, 5 + done, h.length - done);
            }));
        }
        return p;
    }

    private static List<Narrow> narrowPaths() {
        boolean jdk = HalfFloats.intrinsics();
        List<Narrow> p = new ArrayList<>();
        p.add(named("public", !jdk, (s, d, n) -> HalfFloats.fromFloat(s, 1, d, 2, n)));
        p.add(named("scalar", true, (s, d, n) -> HalfFloats.fromFloatScalar(s, 1, d, 2, n)));
        if (jdk) p.add(named("JDK", false, (s, d, n) -> HalfFloats.fromFloatIntrinsic(s, 1, d, 2, n)));
        if (Vectors.ENABLED) {
            p.add(named("vector", true, (s, d, n) -> {
                int done = HalfVectors.fromFloat(s, 1, d, 2, n);
                HalfFloats.fromFloatScalar(s, 1 + done, d, 2 + done, n - done);
            }));
        }
        return p;
    }

    private static Widen named(String name, boolean exactNaN, Widen w) {
        return new Widen() {
            @Override public void run(short[] h, float[] f) { w.run(h, f); }
            @Override public boolean exactNaN() { return exactNaN; }
            @Override public String toString() { return name; }
        };
    }

    private static Narrow named(String name, boolean exactNaN, Narrow w) {
        return new Narrow() {
            @Override public void run(float[] s, short[] d, int n) { w.run(s, d, n); }
            @Override public boolean exactNaN() { return exactNaN; }
            @Override public String toString() { return name; }
        };
    }

    /** Low 16 bits: 0, all ones, and 2^k - 1, 2^k, 2^k + 1 with and without the bit above. */
    private static int[] lowPatterns() {
        int[] p = new int[2 + 16 * 6];
        int n = 0;
        p[n++] = 0;
        p[n++] = 0xffff;
        for (int k = 0; k < 16; k++) {
            int t = 1 << k;
            int above = (t << 1) & 0xffff;
            for (int d = -1; d <= 1; d++) {
                p[n++] = (t + d) & 0xffff;
                p[n++] = ((t + d) | above) & 0xffff;
            }
        }
        return p;
    }
}
