package dev.kiln.ops.common;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Lane-wise float32 math on the Vector API: exp, erf and the normal CDF, by range reduction and
 * polynomials fitted for this class (relative error of exp below 1e-7, absolute error of erf below
 * 2e-7, see VectorMathTest). Only use it when {@link Vectors#ENABLED}.
 */
public final class VectorMath {
    /** The species every float32 kernel uses. */
    public static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;

    private static final float LOG2E = 1.4426950408889634f;
    /** ln 2 split so that k * LN2_HI is exact for |k| < 2^11. */
    private static final float LN2_HI = 0.693145751953125f;
    private static final float LN2_LO = 1.42860682030941723212e-6f;
    /** Adding and subtracting 1.5 * 2^23 rounds a float of magnitude below 2^22 to an integer. */
    private static final float ROUND = 12582912f;
    /** Below this e^x is under the smallest normal float and is returned as 0. */
    private static final float EXP_MIN = -87.3f;
    /** Above this e^x overflows anyway; clamping keeps the exponent arithmetic in range. */
    private static final float EXP_MAX = 89f;
    // e^r on |r| <= ln2 / 2: 1 + r + r^2 * (E2 + r * (E3 + ...)), least-squares fit, rel. error 4e-9
    private static final float E2 = 0.49999988079071045f, E3 = 0.166665181517601f,
            E4 = 0.04166953265666962f, E5 = 0.008368921466171741f, E6 = 0.001375138876028359f;
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

    /** Floats per vector of {@link #S}. */
    static int lanes() { return S.length(); }

    /**
     * e^x per lane. NaN stays NaN, results below the smallest normal float are 0, large x gives
     * +Infinity.
     */
    public static FloatVector exp(FloatVector x) {
        FloatVector c = x.max(EXP_MIN).min(EXP_MAX);
        FloatVector k = c.fma(LOG2E, ROUND).sub(ROUND);
        FloatVector r = k.fma(bc(-LN2_HI), c).add(k.mul(-LN2_LO));
        FloatVector p = r.fma(E6, E5).fma(r, bc(E4)).fma(r, bc(E3)).fma(r, bc(E2)).fma(r.mul(r), r).add(1f);
        // 2^k as 2^(k >> 1) * 2^(k - (k >> 1)), each factor a normal float for k in [-126, 129]
        IntVector ki = (IntVector) k.convert(VectorOperators.F2I, 0);
        IntVector h = ki.lanewise(VectorOperators.ASHR, 1);
        FloatVector s1 = h.add(127).lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats();
        FloatVector s2 = ki.sub(h).add(127).lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats();
        FloatVector y = p.mul(s1).mul(s2);
        return y.blend(0f, x.lt(EXP_MIN));
    }

    /** erf(x) per lane; NaN stays NaN. */
    public static FloatVector erf(FloatVector x) {
        FloatVector a = x.abs();
        FloatVector small = a.mul(evenPoly(a.mul(a)));
        FloatVector b = a.max(1f).min(ERFC_MAX);
        FloatVector bb = b.mul(b);
        FloatVector big = erfcAbove1(b, bb, b.fma(b, bb.neg())).neg().add(1f);
        FloatVector r = big.blend(small, a.compare(VectorOperators.LE, 1f).or(a.test(VectorOperators.IS_NAN)));
        return r.lanewise(VectorOperators.NEG, x.lt(0f));
    }

    /**
     * The standard normal CDF {@code Phi(x) = (1 + erf(x / sqrt 2)) / 2} per lane, computed as
     * {@code erfc(|z|) / 2} in the left tail so that it keeps its relative accuracy there.
     */
    public static FloatVector normalCdf(FloatVector x) {
        FloatVector z = x.mul((float) Math.sqrt(0.5));
        FloatVector a = z.abs();
        FloatVector erfSmall = a.mul(evenPoly(a.mul(a)));
        // z^2 = x^2 / 2 from x itself (halving is exact), so the rounding of z does not reach e^(-z^2)
        FloatVector xc = x.abs().min(ERFC_MAX * (float) Math.sqrt(2));
        FloatVector xx = xc.mul(xc);
        FloatVector erfc = erfcAbove1(a.max(1f).min(ERFC_MAX), xx.mul(0.5f), xc.fma(xc, xx.neg()).mul(0.5f));
        // |z| <= 1: (1 +- erf|z|) / 2; z > 1: 1 - erfc / 2; z < -1: erfc / 2
        FloatVector near = erfSmall.lanewise(VectorOperators.NEG, z.lt(0f)).add(1f).mul(0.5f);
        FloatVector tail = erfc.mul(0.5f);
        FloatVector far = tail.blend(tail.neg().add(1f), z.compare(VectorOperators.GT, 0f));
        return far.blend(near, a.compare(VectorOperators.LE, 1f).or(a.test(VectorOperators.IS_NAN)));
    }

    private static FloatVector bc(float v) { return FloatVector.broadcast(S, v); }

    // P(s) = erf(x) / x with s = x^2
    private static FloatVector evenPoly(FloatVector s) {
        return s.fma(P6, P5).fma(s, bc(P4)).fma(s, bc(P3)).fma(s, bc(P2)).fma(s, bc(P1)).fma(s, bc(P0));
    }

    // erfc(a) = e^(-a^2) * Q(2 / (2 + a)) for a in [1, ERFC_MAX], given a^2 as its rounded value s
    // and the rounding error err (s + err = a^2 exactly), so that e^(-a^2) keeps its relative accuracy
    private static FloatVector erfcAbove1(FloatVector a, FloatVector s, FloatVector err) {
        FloatVector t = bc(2f).div(a.add(2f));
        FloatVector q = t.fma(Q8, Q7).fma(t, bc(Q6)).fma(t, bc(Q5)).fma(t, bc(Q4)).fma(t, bc(Q3))
                .fma(t, bc(Q2)).fma(t, bc(Q1)).fma(t, bc(Q0));
        FloatVector e = exp(s.neg());
        return e.fma(err.neg(), e).mul(q);
    }
}
