package dev.kiln.models.classic;

/**
 * Settings of {@link LinearRegression}.
 *
 * @param solver how the least-squares problem is solved
 * @param l2 ridge penalty λ on the coefficients (not the intercept): minimises
 *     {@code |Xw + b - y|² + λ|w|²}
 * @param fitIntercept whether to fit an intercept (otherwise it is 0)
 * @param maxIter iteration limit of gradient descent
 * @param tol gradient descent stops when |∇| falls below {@code tol} times its starting value
 * @param learningRate gradient descent step; 0 picks 1/L with L the gradient's Lipschitz constant
 */
public record LinearRegressionConfig(Solver solver, double l2, boolean fitIntercept, int maxIter, double tol,
                                     double learningRate) {
    /** Least-squares solvers. */
    public enum Solver {
        /** Householder QR of X (or of X stacked on √λ I): never forms XᵀX. */
        QR,
        /** SVD of X; also handles rank-deficient X (minimum-norm solution). */
        SVD,
        /** Full-batch gradient descent on the mean squared error. */
        GRADIENT_DESCENT
    }

    public LinearRegressionConfig {
        if (solver == null) throw new IllegalArgumentException("solver is null");
        if (!(l2 >= 0) || Double.isInfinite(l2)) throw new IllegalArgumentException("l2 is " + l2 + ", expected a finite value >= 0");
        if (maxIter < 1) throw new IllegalArgumentException("maxIter is " + maxIter + ", expected >= 1");
        if (!(tol >= 0)) throw new IllegalArgumentException("tol is " + tol + ", expected >= 0");
        if (!(learningRate >= 0)) throw new IllegalArgumentException("learningRate is " + learningRate + ", expected >= 0");
    }

    /** QR, no penalty, with intercept; gradient descent: 200000 iterations, tol 1e-9, automatic step. */
    public static LinearRegressionConfig defaults() {
        return new LinearRegressionConfig(Solver.QR, 0, true, 200_000, 1e-9, 0);
    }

    /** A copy with another solver. */
    public LinearRegressionConfig withSolver(Solver s) { return new LinearRegressionConfig(s, l2, fitIntercept, maxIter, tol, learningRate); }

    /** A copy with another ridge penalty. */
    public LinearRegressionConfig withL2(double v) { return new LinearRegressionConfig(solver, v, fitIntercept, maxIter, tol, learningRate); }

    /** A copy with or without intercept. */
    public LinearRegressionConfig withFitIntercept(boolean v) { return new LinearRegressionConfig(solver, l2, v, maxIter, tol, learningRate); }

    /** A copy with another iteration limit. */
    public LinearRegressionConfig withMaxIter(int v) { return new LinearRegressionConfig(solver, l2, fitIntercept, v, tol, learningRate); }

    /** A copy with another gradient tolerance. */
    public LinearRegressionConfig withTol(double v) { return new LinearRegressionConfig(solver, l2, fitIntercept, maxIter, v, learningRate); }

    /** A copy with another step size (0 = automatic). */
    public LinearRegressionConfig withLearningRate(double v) { return new LinearRegressionConfig(solver, l2, fitIntercept, maxIter, tol, v); }
}
