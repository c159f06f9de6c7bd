package dev.kiln.models.classic;

import dev.kiln.models.data.Dataset;
import dev.kiln.models.data.Split;
import dev.kiln.models.data.Splits;
import java.util.Locale;
import java.util.function.Supplier;

/** Test accuracy of a classifier over the stratified splits with seeds 0..count-1. */
final class SeededSplits {
    private SeededSplits() {}

    /** Prints every split's accuracy and returns the mean. */
    static double meanAccuracy(String what, Dataset d, double testFraction, int count, Supplier<Estimator> model) {
        StringBuilder sb = new StringBuilder();
        double sum = 0;
        double min = 1;
        for (int seed = 0; seed < count; seed++) {
            Split s = Splits.stratifiedTrainTest(d.labels(), testFraction, seed);
            Estimator e = model.get().fit(s.trainOf(d).x(), s.trainOf(d).y());
            double acc = e.score(s.testOf(d).x(), s.testOf(d).y());
            sum += acc;
            min = Math.min(min, acc);
            sb.append(String.format(Locale.ROOT, " %.3f", acc));
        }
        double mean = sum / count;
        System.out.printf(Locale.ROOT, "%s: test accuracy over %d stratified %.0f%% splits (seeds 0..%d): mean %.4f, min %.4f [%s ]%n",
                what, count, testFraction * 100, count - 1, mean, min, sb);
        return mean;
    }
}
