package dev.kiln.models.classic;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Grows a CART tree greedily: each node takes the split (feature, threshold) with the largest
 * impurity decrease among those leaving {@code minSamplesLeaf} samples on both sides. Rows are
 * pre-sorted once per feature, so evaluating all splits of a node is one linear sweep per feature.
 * Split decisions use float32 feature values (see {@link Tree}).
 */
final class Cart {
    /** What a tree predicts: per-sample statistics, impurity and leaf values. */
    interface Target {
        /** Length of the statistics vector. */
        int width();

        /** Adds sample {@code i} to {@code stats}. */
        void add(int i, double[] stats);

        /** Impurity of a set of {@code n} samples with these statistics. */
        double impurity(double[] stats, int n);

        /** The prediction of a leaf with these statistics. */
        double[] value(double[] stats, int n);
    }

    private final double[][] x;
    private final Target target;
    private final DecisionTreeConfig cfg;
    private final int[][] order;        // order[f]: all rows sorted by feature f
    private final int[] nodeOf;         // the node each row currently belongs to
    private final double[] importance;
    private final List<int[]> ints = new ArrayList<>();      // per node: feature, left, right, samples
    private final List<Float> thresholds = new ArrayList<>();
    private final List<double[]> values = new ArrayList<>();
    private final List<Double> impurities = new ArrayList<>();

    private Cart(double[][] x, Target target, DecisionTreeConfig cfg) {
        this.x = x;
        this.target = target;
        this.cfg = cfg;
        int f = x[0].length;
        order = new int[f][];
        for (int j = 0; j < f; j++) {
            final int col = j;
            order[j] = IntStream.range(0, x.length).boxed()
                    .sorted(Comparator.comparingDouble((Integer i) -> x[i][col]))
                    .mapToInt(Integer::intValue).toArray();
        }
        nodeOf = new int[x.length];
        importance = new double[f];
    }

    /** Grows a tree on all rows of {@code x}; writes normalised feature importances into {@code importances}. */
    static Tree grow(double[][] x, Target target, DecisionTreeConfig cfg, double[] importances) {
        Cart c = new Cart(x, target, cfg);
        int[] all = IntStream.range(0, x.length).toArray();
        c.build(all, 0);
        double sum = Arrays.stream(c.importance).sum();
        for (int j = 0; j < importances.length; j++) importances[j] = sum > 0 ? c.importance[j] / sum : 0;
        return c.toTree();
    }

    private int build(int[] rows, int depth) {
        int id = ints.size();
        for (int r : rows) nodeOf[r] = id;
        double[] stats = new double[target.width()];
        for (int r : rows) target.add(r, stats);
        int n = rows.length;
        double imp = target.impurity(stats, n);
        ints.add(new int[] {-1, -1, -1, n});
        thresholds.add(0f);
        values.add(target.value(stats, n));
        impurities.add(imp);
        if (depth >= cfg.maxDepth() || n < cfg.minSamplesSplit() || n < 2 * cfg.minSamplesLeaf() || imp <= 1e-12) return id;
        Best best = bestSplit(id, n, stats, imp);
        if (best == null) return id;
        List<Integer> l = new ArrayList<>();
        List<Integer> r = new ArrayList<>();
        for (int row : rows) ((float) x[row][best.feature] <= best.threshold ? l : r).add(row);
        importance[best.feature] += best.gain;
        int left = build(l.stream().mapToInt(Integer::intValue).toArray(), depth + 1);
        int right = build(r.stream().mapToInt(Integer::intValue).toArray(), depth + 1);
        ints.set(id, new int[] {best.feature, left, right, n});
        thresholds.set(id, best.threshold);
        return id;
    }

    private record Best(int feature, float threshold, double gain) {}

    // gain = n·imp - nl·imp_l - nr·imp_r (the weighted impurity decrease, unnormalised).
    private Best bestSplit(int node, int n, double[] total, double imp) {
        Best best = null;
        double[] left = new double[target.width()];
        double[] right = new double[target.width()];
        int[] sorted = new int[n];
        for (int f = 0; f < order.length; f++) {
            int k = 0;
            for (int r : order[f]) if (nodeOf[r] == node) sorted[k++] = r;
            Arrays.fill(left, 0);
            for (int i = 0; i < n - 1; i++) {
                target.add(sorted[i], left);
                int nl = i + 1;
                int nr = n - nl;
                if (nl < cfg.minSamplesLeaf()) continue;
                if (nr < cfg.minSamplesLeaf()) break;
                float lo = (float) x[sorted[i]][f];
                float hi = (float) x[sorted[i + 1]][f];
                if (!(lo < hi)) continue;
                for (int s = 0; s < right.length; s++) right[s] = total[s] - left[s];
                double gain = n * imp - nl * target.impurity(left, nl) - nr * target.impurity(right, nr);
                if (best == null || gain > best.gain + 1e-12 * n * imp) best = new Best(f, midpoint(lo, hi), gain);
            }
        }
        return best;
    }

    // A float32 threshold t with lo <= t < hi, halfway when representable.
    private static float midpoint(float lo, float hi) {
        float t = (float) (((double) lo + hi) / 2);
        return t >= lo && t < hi ? t : lo;
    }

    private Tree toTree() {
        int m = ints.size();
        int[] feature = new int[m];
        int[] left = new int[m];
        int[] right = new int[m];
        int[] samples = new int[m];
        float[] thr = new float[m];
        double[] imp = new double[m];
        for (int i = 0; i < m; i++) {
            int[] v = ints.get(i);
            feature[i] = v[0];
            left[i] = v[1];
            right[i] = v[2];
            samples[i] = v[3];
            thr[i] = thresholds.get(i);
            imp[i] = impurities.get(i);
        }
        return new Tree(feature, thr, left, right, values.toArray(new double[0][]), samples, imp);
    }
}
