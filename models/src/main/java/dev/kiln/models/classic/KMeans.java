package dev.kiln.models.classic;

import dev.kiln.models.data.Checks;
import dev.kiln.runtime.graph.Attribute;
import dev.kiln.runtime.graph.Graph;
import dev.kiln.runtime.tensor.Tensor;
import java.util.List;
import java.util.Random;

/**
 * K-means clustering by Lloyd's algorithm from k-means++ starts. A cluster that loses all its
 * points is re-seeded with the point farthest from its centre. Exports as standard ONNX ops:
 * squared distances {@code |x|² - 2 x·c + |c|²} (MatMul, computed on data shifted by the
 * centres' mean to limit cancellation) and ArgMin.
 */
public final class KMeans {
    private final KMeansConfig config;
    private double[][] centers;
    private int[] labels;
    private double inertia;
    private int iterations;

    /** A model with the given settings. */
    public KMeans(KMeansConfig config) { this.config = config; }

    /** A model with {@code k} clusters and otherwise default settings. */
    public KMeans(int k) { this(KMeansConfig.of(k)); }

    private record Run(double[][] centers, int[] labels, double inertia, int iterations) {}

    /** Clusters {@code x}: (N, F), N >= k. Returns this. */
    public KMeans fit(double[][] x) {
        int f = Checks.matrix(x, "X");
        int k = config.k();
        if (x.length < k) throw new IllegalArgumentException("X has " + x.length + " rows, fewer than k = " + k + " clusters");
        double tolAbs = config.tol() * meanVariance(x, f);
        Random rnd = new Random(config.seed());
        Run best = null;
        for (int r = 0; r < config.nInit(); r++) {
            Run run = lloyd(x, initPlusPlus(x, k, rnd), tolAbs);
            if (best == null || run.inertia < best.inertia) best = run;
        }
        centers = best.centers;
        labels = best.labels;
        inertia = best.inertia;
        iterations = best.iterations;
        return this;
    }

    // k-means++: the first centre uniformly, each next one with probability ∝ squared distance
    // to the nearest centre chosen so far.
    private static double[][] initPlusPlus(double[][] x, int k, Random rnd) {
        int n = x.length;
        double[][] c = new double[k][];
        c[0] = x[rnd.nextInt(n)].clone();
        double[] d2 = new double[n];
        for (int i = 0; i < n; i++) d2[i] = dist2(x[i], c[0]);
        for (int j = 1; j < k; j++) {
            double total = 0;
            for (double v : d2) total += v;
            int pick = n - 1;
            if (total > 0) {
                double u = rnd.nextDouble() * total;
                for (int i = 0; i < n; i++) {
                    u -= d2[i];
                    if (u < 0) {
                        pick = i;
                        break;
                    }
                }
            } else {
                pick = rnd.nextInt(n);
            }
            c[j] = x[pick].clone();
            for (int i = 0; i < n; i++) d2[i] = Math.min(d2[i], dist2(x[i], c[j]));
        }
        return c;
    }

    private Run lloyd(double[][] x, double[][] c, double tolAbs) {
        int n = x.length;
        int k = c.length;
        int f = x[0].length;
        int[] lab = new int[n];
        double[] d2 = new double[n];
        assign(x, c, lab, d2);
        int it = 0;
        while (it < config.maxIter()) {
            it++;
            double[][] next = new double[k][f];
            int[] count = new int[k];
            for (int i = 0; i < n; i++) {
                count[lab[i]]++;
                for (int j = 0; j < f; j++) next[lab[i]][j] += x[i][j];
            }
            boolean[] taken = new boolean[n];
            for (int a = 0; a < k; a++) {
                if (count[a] > 0) {
                    for (int j = 0; j < f; j++) next[a][j] /= count[a];
                } else {
                    int far = farthest(d2, taken);
                    taken[far] = true;
                    next[a] = x[far].clone();
                }
            }
            double shift = 0;
            for (int a = 0; a < k; a++) shift += dist2(next[a], c[a]);
            c = next;
            assign(x, c, lab, d2);
            if (shift <= tolAbs) break;
        }
        double sse = 0;
        for (double v : d2) sse += v;
        return new Run(c, lab, sse, it);
    }

    private static int farthest(double[] d2, boolean[] taken) {
        int best = -1;
        for (int i = 0; i < d2.length; i++) if (!taken[i] && (best < 0 || d2[i] > d2[best])) best = i;
        return best;
    }

    private static void assign(double[][] x, double[][] c, int[] lab, double[] d2) {
        for (int i = 0; i < x.length; i++) {
            int best = 0;
            double bd = dist2(x[i], c[0]);
            for (int a = 1; a < c.length; a++) {
                double d = dist2(x[i], c[a]);
                if (d < bd) {
                    bd = d;
                    best = a;
                }
            }
            lab[i] = best;
            d2[i] = bd;
        }
    }

    private static double dist2(double[] a, double[] b) {
        double s = 0;
        for (int j = 0; j < a.length; j++) s += (a[j] - b[j]) * (a[j] - b[j]);
        return s;
    }

    private static double meanVariance(double[][] x, int f) {
        double total = 0;
        for (int j = 0; j < f; j++) {
            double m = 0;
            for (double[] row : x) m += row[j];
            m /= x.length;
            double v = 0;
            for (double[] row : x) v += (row[j] - m) * (row[j] - m);
            total += v / x.length;
        }
        return total / f;
    }

    /** The index (0..k-1) of the nearest centre of each row (the first on ties). */
    public int[] predict(double[][] x) {
        Labels.requireFitted(centers != null, this);
        Checks.matrix(x, "X", centers[0].length);
        int[] lab = new int[x.length];
        assign(x, centers, lab, new double[x.length]);
        return lab;
    }

    /** Squared distances (N, k) of each row to each centre. */
    public double[][] squaredDistances(double[][] x) {
        Labels.requireFitted(centers != null, this);
        Checks.matrix(x, "X", centers[0].length);
        double[][] out = new double[x.length][centers.length];
        for (int i = 0; i < x.length; i++) for (int a = 0; a < centers.length; a++) out[i][a] = dist2(x[i], centers[a]);
        return out;
    }

    /** The centres (k, F). */
    public double[][] clusterCenters() {
        Labels.requireFitted(centers != null, this);
        double[][] out = new double[centers.length][];
        for (int a = 0; a < out.length; a++) out[a] = centers[a].clone();
        return out;
    }

    /** Cluster of each training row. */
    public int[] labels() {
        Labels.requireFitted(labels != null, this);
        return labels.clone();
    }

    /** Sum of squared distances of the training rows to their centres. */
    public double inertia() { return inertia; }

    /** Lloyd iterations of the kept run. */
    public int iterations() { return iterations; }

    /** The settings. */
    public KMeansConfig config() { return config; }

    /**
     * The inference graph: input {@code X} float32 (N, F); outputs {@code label} int64 (N) and
     * {@code squared_distances} float32 (N, k).
     */
    public Graph toOnnx() {
        Labels.requireFitted(centers != null, this);
        int k = centers.length;
        int f = centers[0].length;
        double[] shift = new double[f];
        for (double[] c : centers) for (int j = 0; j < f; j++) shift[j] += c[j] / k;
        double[][] ct = new double[f][k];      // (F, K): shifted centres, transposed
        double[] cc = new double[k];           // |c - shift|²
        for (int a = 0; a < k; a++) {
            for (int j = 0; j < f; j++) {
                double v = centers[a][j] - shift[j];
                ct[j][a] = v;
                cc[a] += v * v;
            }
        }
        OnnxBuilder b = new OnnxBuilder("KMeans", f);
        String xs = b.op("Sub", List.of(b.input(), b.vector("shift", shift)));                     // (N, F)
        String xx = b.op("ReduceSumSquare", List.of(xs), Attribute.ofInts("axes", 1), Attribute.of("keepdims", 1L)); // (N, 1)
        String xc = b.op("MatMul", List.of(xs, b.matrix("centers_t", ct)));                       // (N, K)
        String two = b.constant("two", Tensor.of(new float[] {2f}, 1));
        String d = b.op("Sub", List.of(xx, b.op("Mul", List.of(xc, two))));
        d = b.op("Add", List.of(d, b.vector("center_norms", cc)));
        String dist = b.node("", "Relu", List.of(d), List.of("squared_distances")).get(0);
        String label = b.node("", "ArgMin", List.of(d), List.of("label"),
                Attribute.of("axis", 1L), Attribute.of("keepdims", 0L)).get(0);
        return b.build(List.of(OnnxBuilder.labelOutput(label), OnnxBuilder.floatOutput(dist, k)));
    }

    @Override
    public String toString() {
        return "KMeans(k=" + config.k() + (centers == null ? ", unfitted)" : String.format(", inertia=%.4g)", inertia));
    }
}
