package dev.kiln.models.classic;

import java.util.Arrays;
import java.util.Locale;

/**
 * Per-fold scores of a cross-validation.
 *
 * @param metric what was measured ("accuracy" or "r2")
 * @param scores one score per fold
 */
public record CvScores(String metric, double[] scores) {
    /** The mean score. */
    public double mean() { return Arrays.stream(scores).average().orElse(Double.NaN); }

    /** The population standard deviation of the scores. */
    public double std() {
        double m = mean();
        return Math.sqrt(Arrays.stream(scores).map(s -> (s - m) * (s - m)).average().orElse(Double.NaN));
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        for (double s : scores) sb.append(sb.length() == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%.4f", s));
        return String.format(Locale.ROOT, "%d-fold %s %.4f ± %.4f [%s]", scores.length, metric, mean(), std(), sb);
    }
}
