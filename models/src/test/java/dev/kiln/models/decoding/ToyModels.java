package dev.kiln.models.decoding;

import java.util.SplittableRandom;

/** Deterministic toy language models for the decoding tests. */
final class ToyModels {
    private ToyModels() {}

    static long hash(long h, int token) { return h * 1_000_003L + token + 1; }

    static float[] logitsOf(long h, int vocab) {
        SplittableRandom r = new SplittableRandom(h);
        float[] out = new float[vocab];
        for (int i = 0; i < vocab; i++) out[i] = (float) (r.nextDouble() * 6 - 3);
        return out;
    }

    /** Logits as a pseudo-random function of the whole prefix. */
    static LogitsModel hashed(int vocab) {
        return prefix -> {
            long h = 17;
            for (int t : prefix) h = hash(h, t);
            return logitsOf(h, vocab);
        };
    }

    /** The same model with an immutable running-hash state, counting the tokens it is fed. */
    static final class HashedSteps implements StepModel<Long> {
        final int vocab;
        int fed;

        HashedSteps(int vocab) { this.vocab = vocab; }

        @Override
        public StepResult<Long> init(int[] prompt) {
            long h = 17;
            for (int t : prompt) h = hash(h, t);
            fed += prompt.length;
            return new StepResult<>(logitsOf(h, vocab), h);
        }

        @Override
        public StepResult<Long> step(Long state, int token) {
            fed++;
            long h = hash(state, token);
            return new StepResult<>(logitsOf(h, vocab), h);
        }
    }

    /** A model whose next-token probabilities are given by a function of the prefix. */
    interface Probs {
        double[] of(int[] prefix);
    }

    static LogitsModel fromProbs(Probs p) {
        return prefix -> {
            double[] q = p.of(prefix);
            float[] out = new float[q.length];
            for (int i = 0; i < q.length; i++) out[i] = q[i] == 0 ? Float.NEGATIVE_INFINITY : (float) Math.log(q[i]);
            return out;
        };
    }
}
