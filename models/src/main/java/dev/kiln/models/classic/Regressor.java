package dev.kiln.models.classic;

import dev.kiln.models.data.Metrics;

/** An estimator of real values, scored by R². */
public interface Regressor extends Estimator {
    @Override
    Regressor fit(double[][] x, double[] y);

    @Override
    default double score(double[][] x, double[] y) { return Metrics.r2(y, predict(x)); }
}
