package dev.kiln.ops.ml;

/**
 * The score transforms of the ai.onnx.ml classifiers and regressors (attribute
 * {@code post_transform}), applied to one row of scores at a time.
 */
enum PostTransform {
    NONE, SOFTMAX, LOGISTIC, SOFTMAX_ZERO, PROBIT;

    /** The transform named by a string attribute ('NONE', 'SOFTMAX', ...). */
    static PostTransform parse(String name) {
        for (PostTransform p : values()) {
            if (p.name().equals(name)) return p;
        }
        throw new IllegalArgumentException("attribute 'post_transform' must be one of NONE, SOFTMAX,"
                + " LOGISTIC, SOFTMAX_ZERO, PROBIT; got '" + name + "'");
    }

    /** The transform of TreeEnsemble's int attribute: 0 NONE, 1 SOFTMAX, 2 LOGISTIC, 3 SOFTMAX_ZERO, 4 PROBIT. */
    static PostTransform fromCode(long code) {
        if (code < 0 || code >= values().length) {
            throw new IllegalArgumentException("attribute 'post_transform' must be in [0, 4], got " + code);
        }
        return values()[(int) code];
    }

    /** Transforms {@code s[off, off + n)} in place. */
    void apply(double[] s, int off, int n) {
        switch (this) {
            case NONE -> { }
            case LOGISTIC -> {
                for (int i = off; i < off + n; i++) s[i] = logistic(s[i]);
            }
            case PROBIT -> {
                for (int i = off; i < off + n; i++) s[i] = probit(s[i]);
            }
            case SOFTMAX -> softmax(s, off, n);
            case SOFTMAX_ZERO -> softmaxZero(s, off, n);
        }
    }

    /** 1 / (1 + exp(-v)), computed without overflow for either sign. */
    static double logistic(double v) {
        double e = Math.exp(-Math.abs(v));
        return v >= 0 ? 1 / (1 + e) : e / (1 + e);
    }

    /**
     * sqrt(2) * erfinv(2p - 1), with the same closed-form erfinv approximation (Winitzki,
     * a = 0.147) that the ONNX reference and ONNX Runtime use, so results agree with them.
     */
    static double probit(double p) {
        return 1.41421356 * erfInv(2 * p - 1);
    }

    private static double erfInv(double x) {
        double sign = x < 0 ? -1 : 1;
        double w = (1 - x) * (1 + x);
        if (w == 0) return 0;
        double log = Math.log(w);
        double v = 2 / (Math.PI * 0.147) + 0.5 * log;
        double v2 = 1 / 0.147 * log;
        return sign * Math.sqrt(-v + Math.sqrt(v * v - v2));
    }

    private static void softmax(double[] s, int off, int n) {
        double max = Double.NEGATIVE_INFINITY;
        for (int i = off; i < off + n; i++) max = Math.max(max, s[i]);
        double sum = 0;
        for (int i = off; i < off + n; i++) {
            s[i] = Math.exp(s[i] - max);
            sum += s[i];
        }
        for (int i = off; i < off + n; i++) s[i] /= sum;
    }

    // Like softmax, but scores that are (almost) exactly zero stay (almost) zero.
    private static void softmaxZero(double[] s, int off, int n) {
        double max = Double.NEGATIVE_INFINITY;
        for (int i = off; i < off + n; i++) max = Math.max(max, s[i]);
        double expNegMax = Math.exp(-max);
        double sum = 0;
        for (int i = off; i < off + n; i++) {
            double v = s[i];
            s[i] = (v > 1e-7 || v < -1e-7) ? Math.exp(v - max) : v * expNegMax;
            sum += s[i];
        }
        for (int i = off; i < off + n; i++) s[i] = sum == 0 ? 0.5 : s[i] / sum;
    }
}
