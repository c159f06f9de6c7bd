package dev.kiln.ops.common;

import java.lang.invoke.MethodHandles;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * float32 math on the Vector API over arrays: exp, erf and the normal CDF, by range reduction and
 * polynomials fitted for this class (relative error of exp below 1e-7, absolute error of erf below
 * 2e-7, see VectorMathTest). Only use it when {@link Vectors#ENABLED}.
 *
 * <p>Each function is a plain loop over whole vectors: C2 compiles a Vector API expression to
 * registers only when all of it is inlined into one method, and it declines to inline large
 * helpers (a vector passed to a method that is not inlined is boxed on the heap, ten times
 * slower). So erf and the normal CDF run in stages over short blocks through a scratch buffer,
 * sharing the one exp loop, instead of calling a lane-wise exp. The elements past the last whole
 * vector are left to the caller.
 */
public final class VectorMath {
    /** The species every float32 kernel uses. */
    public static final VectorSpecies<Float> S = VectorWidths.species(MethodHandles.lookup());

    private static final float LOG2E = 1.4426950408889634f;
    /** ln 2 split so that k * LN2_HI is exact for |k| < 2^11. */
    private static final float LN2_HI = 0.693145751953125f;
    private static final float LN2_LO = 1.42860682030941723212e-6f;
    /** Adding and subtracting 1.5 * 2^23 rounds a float of magnitude below 2^22 to an integer. */
    private static final float ROUND = 12582912f;
    private static final int ROUND_BITS = Float.floatToRawIntBits(ROUND);
    /** Below this e^x is under the smallest normal float and is returned as 0. */
    private static final float EXP_MIN = -87.3f;
    /** Above this e^x overflows anyway; clamping keeps the exponent arithmetic in range. */
    private static final float EXP_MAX = 89f;
    // e^r on |r| <= ln2 / 2: 1 + r + r^2 * (E2 + r * (E3 + ...)), least-squares fit, rel. error 4e-9
    private static final float E2 = 0.49999988079071045f, E3 = 0.166665181517601f,
            E4 = 0.04166953265666962f, E5 = 0.008368921466171741f, E6 = 0.001375138876028359f;
    private static final float SQRT_HALF = (float) Math.sqrt(0.5);
    /** erfc is below the smallest normal float from here on (erfc(9.2) ~ 1e-38). */
    private static final float ERFC_MAX = 10f;
    // erf(x) / x = P(x^2) on |x| <= 1, rel. error 1.4e-9
    private static final float P0 = 1.128379225730896f, P1 = -0.3761262893676758f,
            P2 = 0.11283612251281738f, P3 = -0.026854807510972023f, P4 = 0.0051900530233979225f,
            P5 = -0.000802435155492276f, P6 = 7.898201874922961e-05f;
    // erfc(x) * e^(x^2) = Q(t), t = 2 / (2 + x), on x in [1, 10], rel. error 7e-9
    private static final float Q0 = -3.7137647268536966e-06f, Q1 = 0.28218984603881836f,
            Q2 = 0.2810899317264557f, Q3 = 0.2523980736732483f, Q4 = 0.1600217968225479f,
            Q5 = 0.1010604277253151f, Q6 = 0.030688973143696785f, Q7 = -0.1891581267118454f,
            Q8 = 0.08217617869377136f;

    private VectorMath() {}

    /**
     * {@code y[yOff + i] += x[xOff + i]} for i below {@code n}, all of them (the tail too). C2
     * does not vectorize the plain loop when it cannot rule out that x and y overlap.
     */
    public static void addInPlace(float[] y, int yOff, float[] x, int xOff, int n) {
        int bound = S.loopBound(n), i = 0;
        for (; i < bound; i += S.length()) {
            FloatVector.fromArray(S, y, yOff + i).add(FloatVector.fromArray(S, x, xOff + i)).intoArray(y, yOff + i);
        }
        for (; i < n; i++) y[yOff + i] += x[xOff + i];
    }

    /**
     * The sum of the lanes of {@code v}, added in lane order. {@code reduceLanes(ADD)} may add
     * in any order, and does add in different orders before and after C2 compiles a loop, so
     * that the same input could give results that differ in the last bits from one call to the
     * next; this one cannot.
     */
    public static float sumLanes(FloatVector v) {
        float s = v.lane(0);
        for (int i = 1; i < S.length(); i++) s += v.lane(i);
        return s;
    }

    /** Floats per vector of {@link #S}. */
    static int lanes() { return S.length(); }

    /** Elements per stage block of erf and the normal CDF (the scratch holds 3 of them). */
    private static final int CHUNK = 256;

    /**
     * {@code y[yOff + i] = e^(x[xOff + i] - shift)} for i below {@code S.loopBound(n)}, returning
     * the sum of those values. NaN stays NaN, results below the smallest normal float are 0,
     * large arguments give +Infinity.
     */
    public static float expShifted(float[] x, int xOff, float shift, float[] y, int yOff, int n) {
        FloatVector sum = FloatVector.zero(S);
        FloatVector nLn2Hi = FloatVector.broadcast(S, -LN2_HI);
        FloatVector e2 = FloatVector.broadcast(S, E2), e3 = FloatVector.broadcast(S, E3);
        FloatVector e4 = FloatVector.broadcast(S, E4);
        for (int i = 0, end = S.loopBound(n); i < end; i += S.length()) {
            FloatVector v = FloatVector.fromArray(S, x, xOff + i).sub(shift);
            // clamp by compare and blend (JDK 17 does not compile float min/max to vector code)
            FloatVector c = v.blend(EXP_MIN, v.lt(EXP_MIN));
            c = c.blend(EXP_MAX, c.compare(VectorOperators.GT, EXP_MAX));
            // e^c = 2^k * e^r, k = round(c / ln 2), |r| <= ln2 / 2; the low bits of k + ROUND
            // are k itself (JDK 17 does not compile float-to-int conversion to vector code)
            FloatVector kr = c.fma(LOG2E, ROUND);
            FloatVector k = kr.sub(ROUND);
            FloatVector r = k.fma(nLn2Hi, c).add(k.mul(-LN2_LO));
            FloatVector p = r.fma(E6, E5).fma(r, e4).fma(r, e3).fma(r, e2).fma(r.mul(r), r).add(1f);
            // 2^k as 2^(k >> 1) * 2^(k - (k >> 1)), each factor a normal float for k in [-126, 129]
            IntVector ki = ((IntVector) kr.reinterpretAsInts()).sub(ROUND_BITS);
            IntVector h = ki.lanewise(VectorOperators.ASHR, 1);
            FloatVector s1 = h.add(127).lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats();
            FloatVector s2 = ki.sub(h).add(127).lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats();
            FloatVector ev = p.mul(s1).mul(s2).blend(0f, v.lt(EXP_MIN));
            ev.intoArray(y, yOff + i);
            sum = sum.add(ev);
        }
        return sumLanes(sum);
    }

    /**
     * {@link #expShifted} for arguments that are never positive, as in softmax where
     * {@code shift} is the maximum: the same range reduction and polynomial, with 2^k applied by
     * one exponent add (k lies in [-126, 0] once the argument is clamped at the smallest normal
     * result). Results below the smallest normal float are 0; NaN stays NaN. A positive
     * argument (a shift below the maximum) is not allowed.
     */
    public static float expNonPositive(float[] x, int xOff, float shift, float[] y, int yOff, int n) {
        FloatVector sum = FloatVector.zero(S);
        FloatVector nLn2Hi = FloatVector.broadcast(S, -LN2_HI);
        FloatVector e2 = FloatVector.broadcast(S, E2), e3 = FloatVector.broadcast(S, E3);
        FloatVector e4 = FloatVector.broadcast(S, E4);
        for (int i = 0, end = S.loopBound(n); i < end; i += S.length()) {
            FloatVector v = FloatVector.fromArray(S, x, xOff + i).sub(shift);
            FloatVector c = v.max(EXP_MIN);
            FloatVector kr = c.fma(LOG2E, ROUND);
            FloatVector k = kr.sub(ROUND);
            FloatVector r = k.fma(nLn2Hi, c).add(k.mul(-LN2_LO));
            FloatVector p = r.fma(E6, E5).fma(r, e4).fma(r, e3).fma(r, e2).fma(r.mul(r), r).add(1f);
            IntVector ki = ((IntVector) kr.reinterpretAsInts()).sub(ROUND_BITS);
            FloatVector ev = ((IntVector) p.reinterpretAsInts()).add(ki.lanewise(VectorOperators.LSHL, 23))
                    .reinterpretAsFloats();
            ev = ev.blend(0f, v.lt(EXP_MIN));
            ev.intoArray(y, yOff + i);
            sum = sum.add(ev);
        }
        return sumLanes(sum);
    }

    /** {@code y[yOff + i] = erf(x[xOff + i])} for i below {@code S.loopBound(n)}; NaN stays NaN. */
    public static void erf(float[] x, int xOff, float[] y, int yOff, int n) {
        float[] work = new float[3 * CHUNK];
        int bound = S.loopBound(n);
        for (int c0 = 0; c0 < bound; c0 += CHUNK) {
            int len = Math.min(CHUNK, bound - c0);
            erfcStage(x, xOff + c0, 1f, 1f, len, work);
            expShifted(work, 0, 0f, work, 0, len);
            erfFinish(x, xOff + c0, y, yOff + c0, len, work);
        }
    }

    /**
     * {@code y[yOff + i] = x * Phi(x)} with {@code x = x[xOff + i]} and the standard normal CDF
     * {@code Phi(x) = (1 + erf(x / sqrt 2)) / 2}, for i below {@code S.loopBound(n)}. In the left
     * tail Phi is {@code erfc(|z|) / 2}, so the product keeps its relative accuracy there.
     */
    public static void gelu(float[] x, int xOff, float[] y, int yOff, int n) {
        float[] work = new float[3 * CHUNK];
        int bound = S.loopBound(n);
        for (int c0 = 0; c0 < bound; c0 += CHUNK) {
            int len = Math.min(CHUNK, bound - c0);
            erfcStage(x, xOff + c0, SQRT_HALF, 0.5f, len, work);
            expShifted(work, 0, 0f, work, 0, len);
            geluFinish(x, xOff + c0, y, yOff + c0, len, work);
        }
    }

    // |x| <= 1 (or NaN): x * P(x^2); else sign(x) * (1 - erfc(|x|)), erfc = e^(-s) * (1 - err) * Q
    private static void erfFinish(float[] x, int xOff, float[] y, int yOff, int len, float[] work) {
        FloatVector p0 = FloatVector.broadcast(S, P0), p1 = FloatVector.broadcast(S, P1);
        FloatVector p2 = FloatVector.broadcast(S, P2), p3 = FloatVector.broadcast(S, P3);
        FloatVector p4 = FloatVector.broadcast(S, P4);
        for (int i = 0; i < len; i += S.length()) {
            FloatVector v = FloatVector.fromArray(S, x, xOff + i);
            FloatVector a = v.abs();
            FloatVector sq = a.mul(a);
            FloatVector small = sq.fma(P6, P5).fma(sq, p4).fma(sq, p3).fma(sq, p2).fma(sq, p1).fma(sq, p0).mul(a);
            FloatVector e = FloatVector.fromArray(S, work, i);
            FloatVector erfc = e.fma(FloatVector.fromArray(S, work, CHUNK + i).neg(), e)
                    .mul(FloatVector.fromArray(S, work, 2 * CHUNK + i));
            VectorMask<Float> near = a.compare(VectorOperators.LE, 1f).or(a.test(VectorOperators.IS_NAN));
            FloatVector r = erfc.neg().add(1f).blend(small, near);
            r.lanewise(VectorOperators.NEG, v.lt(0f)).intoArray(y, yOff + i);
        }
    }

    // z = x / sqrt 2. |z| <= 1: (1 +- erf|z|) / 2; z > 1: 1 - erfc / 2; z < -1: erfc / 2; times x
    private static void geluFinish(float[] x, int xOff, float[] y, int yOff, int len, float[] work) {
        FloatVector p0 = FloatVector.broadcast(S, P0), p1 = FloatVector.broadcast(S, P1);
        FloatVector p2 = FloatVector.broadcast(S, P2), p3 = FloatVector.broadcast(S, P3);
        FloatVector p4 = FloatVector.broadcast(S, P4);
        for (int i = 0; i < len; i += S.length()) {
            FloatVector v = FloatVector.fromArray(S, x, xOff + i);
            FloatVector a = v.abs().mul(SQRT_HALF);
            FloatVector sq = a.mul(a);
            FloatVector small = sq.fma(P6, P5).fma(sq, p4).fma(sq, p3).fma(sq, p2).fma(sq, p1).fma(sq, p0).mul(a);
            FloatVector e = FloatVector.fromArray(S, work, i);
            FloatVector tail = e.fma(FloatVector.fromArray(S, work, CHUNK + i).neg(), e)
                    .mul(FloatVector.fromArray(S, work, 2 * CHUNK + i)).mul(0.5f);
            FloatVector mid = small.lanewise(VectorOperators.NEG, v.lt(0f)).add(1f).mul(0.5f);
            FloatVector far = tail.blend(tail.neg().add(1f), v.compare(VectorOperators.GT, 0f));
            VectorMask<Float> near = a.compare(VectorOperators.LE, 1f).or(a.test(VectorOperators.IS_NAN));
            v.mul(far.blend(mid, near)).intoArray(y, yOff + i);
        }
    }

    // For z = scale * x, a = min(max(|z|, 1), ERFC_MAX): work[0:len] = -a^2 (rounded),
    // work[CHUNK + i] = the rounding error of a^2, work[2 * CHUNK + i] = Q(2 / (2 + a)).
    // a^2 is formed as x^2 * scale2 (scale2 = scale^2 is 1 or 1/2, an exact factor) so that the
    // rounding of z does not reach e^(-a^2).
    private static void erfcStage(float[] x, int off, float scale, float scale2, int len, float[] work) {
        float lo = 1f / scale, hi = ERFC_MAX / scale;
        FloatVector two = FloatVector.broadcast(S, 2f);
        for (int i = 0; i < len; i += S.length()) {
            FloatVector xa = FloatVector.fromArray(S, x, off + i).abs();
            xa = xa.blend(lo, xa.lt(lo));
            xa = xa.blend(hi, xa.compare(VectorOperators.GT, hi));
            FloatVector a = xa.mul(scale);
            FloatVector xx = xa.mul(xa);
            xx.mul(-scale2).intoArray(work, i);
            xa.fma(xa, xx.neg()).mul(scale2).intoArray(work, CHUNK + i);
            FloatVector t = two.div(a.add(2f));
            FloatVector q = t.fma(Q8, Q7).fma(t, FloatVector.broadcast(S, Q6)).fma(t, FloatVector.broadcast(S, Q5))
                    .fma(t, FloatVector.broadcast(S, Q4)).fma(t, FloatVector.broadcast(S, Q3))
                    .fma(t, FloatVector.broadcast(S, Q2)).fma(t, FloatVector.broadcast(S, Q1))
                    .fma(t, FloatVector.broadcast(S, Q0));
            q.intoArray(work, 2 * CHUNK + i);
        }
    }
}
