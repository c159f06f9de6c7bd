package dev.kiln.models.classic;

/**
 * Settings of {@link LogisticRegression}.
 *
 * @param l2 penalty λ: minimises mean cross-entropy + (λ/2)|W|² (intercepts not penalised)
 * @param fitIntercept whether to fit intercepts
 * @param maxIter L-BFGS iteration limit
 * @param tol L-BFGS stops when every gradient component is below this
 */
public record LogisticRegressionConfig(double l2, boolean fitIntercept, int maxIter, double tol) {
    public LogisticRegressionConfig {
        if (!(l2 >= 0) || Double.isInfinite(l2)) throw new IllegalArgumentException("l2 is " + l2 + ", expected a finite value >= 0");
        if (maxIter < 1) throw new IllegalArgumentException("maxIter is " + maxIter + ", expected >= 1");
        if (!(tol >= 0)) throw new IllegalArgumentException("tol is " + tol + ", expected >= 0");
    }

    /** λ = 1e-3 (light), with intercept, 1000 iterations, tolerance 1e-8. */
    public static LogisticRegressionConfig defaults() { return new LogisticRegressionConfig(1e-3, true, 1000, 1e-8); }

    /** A copy with another penalty. */
    public LogisticRegressionConfig withL2(double v) { return new LogisticRegressionConfig(v, fitIntercept, maxIter, tol); }

    /** A copy with or without intercepts. */
    public LogisticRegressionConfig withFitIntercept(boolean v) { return new LogisticRegressionConfig(l2, v, maxIter, tol); }

    /** A copy with another iteration limit. */
    public LogisticRegressionConfig withMaxIter(int v) { return new LogisticRegressionConfig(l2, fitIntercept, v, tol); }

    /** A copy with another tolerance. */
    public LogisticRegressionConfig withTol(double v) { return new LogisticRegressionConfig(l2, fitIntercept, maxIter, v); }
}
