package dev.kiln.models.decoding;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Beam search: keeps the {@code beamWidth} most probable partial sequences. At each step every
 * beam is extended by every token; of the {@code 2 * beamWidth} best extensions (by total
 * log-probability; ties to the earlier beam, then the lower token id), those ending in EOS that
 * rank within the first {@code beamWidth} become finished hypotheses, and the first
 * {@code beamWidth} others go on.
 *
 * <p>Search stops at {@code maxNewTokens}, or as soon as {@code beamWidth} hypotheses are
 * finished and no live beam can still beat the worst of them: extending a sequence never raises
 * its log-probability, so a live beam's best reachable score is bounded by its current
 * log-probability over the largest (alpha &gt; 0) or current (alpha &lt;= 0) length factor.
 * Deterministic: no randomness is involved.
 */
public final class BeamSearch {
    private BeamSearch() {}

    private record Beam<S>(int[] tokens, double logProb, StepResult<S> result) {}

    private record Candidate(int beam, int token, double logProb) {}

    /** The best hypotheses, best first (at most {@code beamWidth}). */
    public static <S> List<Hypothesis> search(StepModel<S> model, int[] prompt, BeamSearchConfig cfg) {
        if (prompt == null) throw new IllegalArgumentException("The prompt must not be null");
        List<Beam<S>> beams = List.of(new Beam<>(new int[0], 0, model.init(prompt.clone())));
        List<Hypothesis> finished = new ArrayList<>();
        Comparator<Hypothesis> byScore = Comparator.comparingDouble(Hypothesis::score).reversed();
        int w = cfg.beamWidth();
        for (int step = 1; step <= cfg.maxNewTokens(); step++) {
            List<Candidate> cands = new ArrayList<>();
            for (int b = 0; b < beams.size(); b++) {
                double[] lp = Sampler.logSoftmax(beams.get(b).result().logits());
                if (cfg.eosId() >= lp.length) {
                    throw new IllegalArgumentException("eosId " + cfg.eosId() + " is outside the vocabulary of " + lp.length);
                }
                // the best 2w extensions overall are among each beam's best 2w tokens
                for (int v : top(lp, 2 * w)) cands.add(new Candidate(b, v, beams.get(b).logProb() + lp[v]));
            }
            cands.sort(Comparator.comparingDouble(Candidate::logProb).reversed()
                    .thenComparingInt(Candidate::beam).thenComparingInt(Candidate::token));
            List<Candidate> alive = new ArrayList<>();
            for (int rank = 0; rank < Math.min(2 * w, cands.size()) && alive.size() < w; rank++) {
                Candidate c = cands.get(rank);
                if (c.token() == cfg.eosId()) {
                    if (rank < w) finished.add(hypothesis(beams.get(c.beam()), c, true, step, cfg));
                } else {
                    alive.add(c);
                }
            }
            if (alive.isEmpty()) {
                beams = List.of();
                break;
            }
            if (step == cfg.maxNewTokens()) {
                for (Candidate c : alive) finished.add(hypothesis(beams.get(c.beam()), c, false, step, cfg));
                beams = List.of();
                break;
            }
            List<Beam<S>> next = new ArrayList<>();
            for (Candidate c : alive) {
                Beam<S> parent = beams.get(c.beam());
                next.add(new Beam<>(append(parent.tokens(), c.token()), c.logProb(), model.step(parent.result().state(), c.token())));
            }
            beams = next;
            if (finished.size() >= w && cannotImprove(beams, finished, byScore, step, cfg)) break;
        }
        for (Beam<S> b : beams) {
            finished.add(new Hypothesis(b.tokens(), b.logProb(), cfg.score(b.logProb(), b.tokens().length), false));
        }
        finished.sort(byScore);
        return List.copyOf(finished.subList(0, Math.min(w, finished.size())));
    }

    /** The single best sequence's tokens. */
    public static <S> int[] best(StepModel<S> model, int[] prompt, BeamSearchConfig cfg) {
        return search(model, prompt, cfg).get(0).tokens();
    }

    private static <S> boolean cannotImprove(List<Beam<S>> beams, List<Hypothesis> finished, Comparator<Hypothesis> byScore,
                                             int length, BeamSearchConfig cfg) {
        finished.sort(byScore);
        double worstKept = finished.get(cfg.beamWidth() - 1).score();
        int bestLength = cfg.lengthPenalty() > 0 ? cfg.maxNewTokens() : length;
        for (Beam<S> b : beams) {
            if (cfg.score(b.logProb(), bestLength) > worstKept) return false;
        }
        return true;
    }

    private static <S> Hypothesis hypothesis(Beam<S> parent, Candidate c, boolean eos, int length, BeamSearchConfig cfg) {
        return new Hypothesis(append(parent.tokens(), c.token()), c.logProb(), cfg.score(c.logProb(), length), eos);
    }

    /** The indices of the {@code k} largest finite values, largest first (lower index first among equals). */
    static int[] top(double[] x, int k) {
        int[] idx = new int[Math.min(k, x.length)];
        int n = 0;
        for (int v = 0; v < x.length; v++) {
            if (x[v] == Double.NEGATIVE_INFINITY) continue;
            if (n == idx.length && x[v] <= x[idx[n - 1]]) continue;
            int pos = n == idx.length ? n - 1 : n++;
            while (pos > 0 && x[idx[pos - 1]] < x[v]) {
                idx[pos] = idx[pos - 1];
                pos--;
            }
            idx[pos] = v;
        }
        return Arrays.copyOf(idx, n);
    }

    private static int[] append(int[] a, int v) {
        int[] out = Arrays.copyOf(a, a.length + 1);
        out[a.length] = v;
        return out;
    }
}
