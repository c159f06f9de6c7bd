package dev.kiln.models.decoding;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Turns next-token logits into a token: repetition penalty, temperature, top-k, top-p, then a
 * draw (or the arg-max when greedy). Ties between equal logits go to the lower token id.
 */
public final class Sampler {
    private Sampler() {}

    /** The next token for {@code logits}, given the tokens so far ({@code context}: prompt and output). */
    public static int next(float[] logits, int[] context, SamplingConfig cfg, SplittableRandom rnd) {
        if (cfg.isGreedy()) return argmax(penalized(logits, context, cfg.repetitionPenalty()));
        return draw(distribution(logits, context, cfg), rnd);
    }

    /**
     * The distribution {@link #next} draws from: one probability per token, zero for the tokens
     * that top-k or top-p removed, the rest renormalised to sum to 1.
     *
     * @throws IllegalArgumentException when the logits are empty, hold NaN, or are all -infinity,
     *     or the context holds an id outside the vocabulary
     */
    public static double[] distribution(float[] logits, int[] context, SamplingConfig cfg) {
        double t = cfg.isGreedy() ? 1 : cfg.temperature();
        double[] x = penalized(logits, context, cfg.repetitionPenalty());
        for (int i = 0; i < x.length; i++) x[i] /= t;
        int n = x.length;
        Integer[] order = null;
        int keep = n;
        if (cfg.topK() > 0 || cfg.topP() < 1) {
            order = new Integer[n];
            for (int i = 0; i < n; i++) order[i] = i;
            Arrays.sort(order, (a, b) -> x[a] != x[b] ? Double.compare(x[b], x[a]) : Integer.compare(a, b));
            if (cfg.topK() > 0) keep = Math.min(keep, cfg.topK());
        }
        double max = Double.NEGATIVE_INFINITY;
        for (double v : x) max = Math.max(max, v);
        if (max == Double.NEGATIVE_INFINITY) throw new IllegalArgumentException("All logits are -infinity");
        double[] p = new double[n];
        if (order == null) {
            for (int i = 0; i < n; i++) p[i] = Math.exp(x[i] - max);
            return normalized(p);
        }
        double sum = 0;
        for (int r = 0; r < keep; r++) {
            p[order[r]] = Math.exp(x[order[r]] - max);
            sum += p[order[r]];
        }
        if (cfg.topP() < 1) {
            double cum = 0;
            int r = 0;
            while (r < keep) {
                cum += p[order[r]] / sum;
                r++;
                if (cum >= cfg.topP()) break;
            }
            for (int q = r; q < keep; q++) p[order[q]] = 0;
        }
        return normalized(p);
    }

    /** The logits as doubles after the repetition penalty (checked: no NaN, context ids in range). */
    static double[] penalized(float[] logits, int[] context, double penalty) {
        if (logits == null || logits.length == 0) throw new IllegalArgumentException("The logits are empty");
        double[] x = new double[logits.length];
        for (int i = 0; i < x.length; i++) {
            if (Float.isNaN(logits[i])) throw new IllegalArgumentException("Logit " + i + " is NaN");
            x[i] = logits[i];
        }
        if (penalty == 1 || context == null) return x;
        boolean[] seen = new boolean[x.length];
        for (int id : context) {
            if (id < 0 || id >= x.length) {
                throw new IllegalArgumentException("Context token " + id + " is outside the vocabulary of " + x.length);
            }
            if (seen[id]) continue;
            seen[id] = true;
            x[id] = x[id] > 0 ? x[id] / penalty : x[id] * penalty;
        }
        return x;
    }

    /** The index of the largest value (the lowest index among equals). */
    public static int argmax(double[] x) {
        int best = 0;
        for (int i = 1; i < x.length; i++) if (x[i] > x[best]) best = i;
        return best;
    }

    /** The index of the largest logit (the lowest id among equals). */
    public static int argmax(float[] logits) { return argmax(penalized(logits, null, 1)); }

    /** Draws an index with probability proportional to {@code p} (non-negative, not all zero). */
    public static int draw(double[] p, SplittableRandom rnd) {
        double total = 0;
        for (double v : p) total += v;
        double u = rnd.nextDouble() * total;
        double cum = 0;
        int last = -1;
        for (int i = 0; i < p.length; i++) {
            if (p[i] <= 0) continue;
            cum += p[i];
            last = i;
            if (u < cum) return i;
        }
        if (last < 0) throw new IllegalArgumentException("Cannot draw from an all-zero distribution");
        return last;
    }

    /** log softmax of {@code logits} in double precision. */
    public static double[] logSoftmax(float[] logits) {
        double[] x = penalized(logits, null, 1);
        double max = Double.NEGATIVE_INFINITY;
        for (double v : x) max = Math.max(max, v);
        if (max == Double.NEGATIVE_INFINITY) throw new IllegalArgumentException("All logits are -infinity");
        double s = 0;
        for (double v : x) s += Math.exp(v - max);
        double lse = max + Math.log(s);
        for (int i = 0; i < x.length; i++) x[i] -= lse;
        return x;
    }

    private static double[] normalized(double[] p) {
        double s = 0;
        for (double v : p) s += v;
        for (int i = 0; i < p.length; i++) p[i] /= s;
        return p;
    }
}
