package dev.kiln.ops.norm;

import dev.kiln.runtime.tensor.Shape;

/** Per-row statistics for the normalizations that view X as (rows, inner). */
final class RowStats {
    private RowStats() {}

    /** Normalises an axis attribute in [-r, r). */
    static int axis(long axis, int rank) {
        long a = axis < 0 ? axis + rank : axis;
        if (a < 0 || a >= rank) {
            throw new IllegalArgumentException("attribute 'axis' " + axis + " is out of range for input rank " + rank);
        }
        return (int) a;
    }

    static double mean(Values v, int base, int n) {
        double s = 0;
        for (int j = 0; j < n; j++) s += v.get(base + j);
        return s / n;
    }

    /** Population variance around {@code mean}. */
    static double variance(Values v, int base, int n, double mean) {
        double s = 0;
        for (int j = 0; j < n; j++) {
            double d = v.get(base + j) - mean;
            s += d * d;
        }
        return s / n;
    }

    /** Mean of squares. */
    static double meanSquare(Values v, int base, int n) {
        double s = 0;
        for (int j = 0; j < n; j++) {
            double x = v.get(base + j);
            s += x * x;
        }
        return s / n;
    }

    /** (d0, .., d[axis-1], 1, .., 1). */
    static Shape statShape(Shape x, int axis) {
        long[] d = x.dims();
        for (int i = axis; i < d.length; i++) d[i] = 1;
        return Shape.of(d);
    }

    /**
     * The gradient through {@code xhat = (x - mean) * inv} with {@code mean}, {@code inv =
     * 1 / sqrt(var + eps)} the statistics of the same {@code n} elements at {@code base}, given
     * {@code g = dL/dxhat} (indexed from 0) and extra gradients {@code dMean}, {@code dVar} reaching
     * the statistics directly: writes
     * {@code dX = inv * (g - mean(g) - xhat * mean(g * xhat)) + dMean / n + dVar * 2 (x - mean) / n}.
     */
    static void normBackward(Values x, int base, int n, double mean, double inv, double[] g,
                             double dMean, double dVar, Values dx) {
        double sumG = 0, sumGx = 0;
        for (int j = 0; j < n; j++) {
            double xhat = (x.get(base + j) - mean) * inv;
            sumG += g[j];
            sumGx += g[j] * xhat;
        }
        double meanG = sumG / n, meanGx = sumGx / n;
        for (int j = 0; j < n; j++) {
            double centered = x.get(base + j) - mean;
            double xhat = centered * inv;
            dx.set(base + j, inv * (g[j] - meanG - xhat * meanGx) + dMean / n + dVar * 2 * centered / n);
        }
    }
}
