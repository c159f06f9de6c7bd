package dev.kiln.models.classic;

/**
 * Settings of {@link KMeans}.
 *
 * @param k number of clusters
 * @param nInit independent k-means++ starts; the run with the lowest inertia is kept
 * @param maxIter Lloyd iteration limit per start
 * @param tol stop when the centres move (sum of squared shifts) by at most {@code tol} times
 *     the mean per-feature variance of the data
 * @param seed random seed (the result is a function of the data and the seed)
 */
public record KMeansConfig(int k, int nInit, int maxIter, double tol, long seed) {
    public KMeansConfig {
        if (k < 1) throw new IllegalArgumentException("k is " + k + ", expected >= 1");
        if (nInit < 1) throw new IllegalArgumentException("nInit is " + nInit + ", expected >= 1");
        if (maxIter < 1) throw new IllegalArgumentException("maxIter is " + maxIter + ", expected >= 1");
        if (!(tol >= 0)) throw new IllegalArgumentException("tol is " + tol + ", expected >= 0");
    }

    /** k = 8, 10 starts, 300 iterations, tol 1e-4, seed 0. */
    public static KMeansConfig defaults() { return new KMeansConfig(8, 10, 300, 1e-4, 0); }

    /** Defaults with {@code k} clusters. */
    public static KMeansConfig of(int k) { return defaults().withK(k); }

    /** A copy with another cluster count. */
    public KMeansConfig withK(int v) { return new KMeansConfig(v, nInit, maxIter, tol, seed); }

    /** A copy with another number of starts. */
    public KMeansConfig withNInit(int v) { return new KMeansConfig(k, v, maxIter, tol, seed); }

    /** A copy with another iteration limit. */
    public KMeansConfig withMaxIter(int v) { return new KMeansConfig(k, nInit, v, tol, seed); }

    /** A copy with another tolerance. */
    public KMeansConfig withTol(double v) { return new KMeansConfig(k, nInit, maxIter, v, seed); }

    /** A copy with another seed. */
    public KMeansConfig withSeed(long v) { return new KMeansConfig(k, nInit, maxIter, tol, v); }
}
