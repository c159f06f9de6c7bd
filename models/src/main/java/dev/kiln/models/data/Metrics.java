package dev.kiln.models.data;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeSet;

/** Classification, regression and clustering scores. */
public final class Metrics {
    private Metrics() {}

    /** Fraction of labels predicted exactly. */
    public static double accuracy(int[] truth, int[] predicted) {
        same(truth.length, predicted.length);
        int hit = 0;
        for (int i = 0; i < truth.length; i++) if (truth[i] == predicted[i]) hit++;
        return (double) hit / truth.length;
    }

    /** The sorted distinct labels found in either array. */
    public static int[] labelsOf(int[] truth, int[] predicted) {
        TreeSet<Integer> s = new TreeSet<>();
        for (int v : truth) s.add(v);
        for (int v : predicted) s.add(v);
        return s.stream().mapToInt(Integer::intValue).toArray();
    }

    /**
     * Confusion matrix: {@code m[i][j]} counts rows of true class {@code classes[i]} predicted as
     * {@code classes[j]}.
     */
    public static int[][] confusionMatrix(int[] truth, int[] predicted, int[] classes) {
        same(truth.length, predicted.length);
        Map<Integer, Integer> index = new HashMap<>();
        for (int i = 0; i < classes.length; i++) index.put(classes[i], i);
        int[][] m = new int[classes.length][classes.length];
        for (int i = 0; i < truth.length; i++) {
            Integer a = index.get(truth[i]);
            Integer b = index.get(predicted[i]);
            if (a == null || b == null) {
                throw new IllegalArgumentException("Label " + (a == null ? truth[i] : predicted[i]) + " at row " + i + " is not among the classes");
            }
            m[a][b]++;
        }
        return m;
    }

    /** Confusion matrix over {@link #labelsOf the labels present}. */
    public static int[][] confusionMatrix(int[] truth, int[] predicted) {
        return confusionMatrix(truth, predicted, labelsOf(truth, predicted));
    }

    /** Mean squared error. */
    public static double mse(double[] truth, double[] predicted) {
        same(truth.length, predicted.length);
        double s = 0;
        for (int i = 0; i < truth.length; i++) {
            double d = truth[i] - predicted[i];
            s += d * d;
        }
        return s / truth.length;
    }

    /** Coefficient of determination: 1 - SS_res / SS_tot (1 when both are 0, 0 when only SS_tot is). */
    public static double r2(double[] truth, double[] predicted) {
        same(truth.length, predicted.length);
        double mean = 0;
        for (double v : truth) mean += v;
        mean /= truth.length;
        double res = 0;
        double tot = 0;
        for (int i = 0; i < truth.length; i++) {
            res += (truth[i] - predicted[i]) * (truth[i] - predicted[i]);
            tot += (truth[i] - mean) * (truth[i] - mean);
        }
        if (tot == 0) return res == 0 ? 1.0 : 0.0;
        return 1 - res / tot;
    }

    /**
     * Adjusted Rand index between two clusterings: 1 for identical partitions (up to renaming),
     * about 0 for independent ones.
     */
    public static double adjustedRandIndex(int[] a, int[] b) {
        same(a.length, b.length);
        Map<Integer, Integer> ia = index(a);
        Map<Integer, Integer> ib = index(b);
        long[][] table = new long[ia.size()][ib.size()];
        for (int i = 0; i < a.length; i++) table[ia.get(a[i])][ib.get(b[i])]++;
        double sumCells = 0;
        double[] rows = new double[ia.size()];
        double[] cols = new double[ib.size()];
        for (int i = 0; i < rows.length; i++) {
            for (int j = 0; j < cols.length; j++) {
                sumCells += pairs(table[i][j]);
                rows[i] += table[i][j];
                cols[j] += table[i][j];
            }
        }
        double sumRows = 0;
        double sumCols = 0;
        for (double r : rows) sumRows += pairs(r);
        for (double c : cols) sumCols += pairs(c);
        double expected = sumRows * sumCols / pairs(a.length);
        double max = (sumRows + sumCols) / 2;
        if (max == expected) return 1.0;
        return (sumCells - expected) / (max - expected);
    }

    private static double pairs(double n) { return n * (n - 1) / 2; }

    private static Map<Integer, Integer> index(int[] labels) {
        Map<Integer, Integer> m = new HashMap<>();
        for (int v : labels) m.putIfAbsent(v, m.size());
        return m;
    }

    private static void same(int a, int b) {
        if (a != b) throw new IllegalArgumentException("Lengths differ: " + a + " truth values, " + b + " predictions");
        if (a == 0) throw new IllegalArgumentException("No values to score");
    }
}
