package dev.kiln.models.decoding;

/**
 * Settings of {@link Generator}. The logits of each step are processed in this order: repetition
 * penalty, temperature, top-k, top-p; then a token is drawn (or the best one taken when the
 * temperature is 0).
 *
 * @param temperature divides the logits; 0 means greedy (always the most likely token)
 * @param topK keep only the k most likely tokens; 0 keeps all
 * @param topP keep the smallest set of most likely tokens whose probability reaches p (in (0, 1]); 1 keeps all
 * @param repetitionPenalty divide positive (multiply negative) logits of tokens already in the
 *     prompt or output by this (>= 1 lowers them; 1 is off)
 * @param maxNewTokens the most tokens to generate
 * @param eosId stop after generating this token; -1 for none
 * @param seed seed of the {@link java.util.SplittableRandom} that draws tokens
 */
public record SamplingConfig(double temperature, int topK, double topP, double repetitionPenalty, int maxNewTokens,
                             int eosId, long seed) {
    public SamplingConfig {
        if (!(temperature >= 0) || Double.isInfinite(temperature)) {
            throw new IllegalArgumentException("temperature must be finite and >= 0, got " + temperature);
        }
        if (topK < 0) throw new IllegalArgumentException("topK must be >= 0 (0 = off), got " + topK);
        if (!(topP > 0 && topP <= 1)) throw new IllegalArgumentException("topP must be in (0, 1], got " + topP);
        if (!(repetitionPenalty > 0) || Double.isInfinite(repetitionPenalty)) {
            throw new IllegalArgumentException("repetitionPenalty must be finite and > 0, got " + repetitionPenalty);
        }
        if (maxNewTokens < 0) throw new IllegalArgumentException("maxNewTokens must be >= 0, got " + maxNewTokens);
        if (eosId < -1) throw new IllegalArgumentException("eosId must be a token id or -1, got " + eosId);
    }

    /** Greedy decoding of up to {@code maxNewTokens} tokens, no EOS. */
    public static SamplingConfig greedy(int maxNewTokens) { return builder().temperature(0).maxNewTokens(maxNewTokens).build(); }

    /** A builder: temperature 1, no top-k/top-p, no penalty, 32 tokens, no EOS, seed 0. */
    public static Builder builder() { return new Builder(); }

    /** Whether decoding is greedy. */
    public boolean isGreedy() { return temperature == 0; }

    /** Builds a {@link SamplingConfig}. */
    public static final class Builder {
        private double temperature = 1;
        private int topK;
        private double topP = 1;
        private double repetitionPenalty = 1;
        private int maxNewTokens = 32;
        private int eosId = -1;
        private long seed;

        private Builder() {}

        /** Temperature (default 1; 0 is greedy). */
        public Builder temperature(double v) {
            this.temperature = v;
            return this;
        }

        /** Top-k (default 0 = off). */
        public Builder topK(int v) {
            this.topK = v;
            return this;
        }

        /** Top-p (default 1 = off). */
        public Builder topP(double v) {
            this.topP = v;
            return this;
        }

        /** Repetition penalty (default 1 = off). */
        public Builder repetitionPenalty(double v) {
            this.repetitionPenalty = v;
            return this;
        }

        /** Most tokens to generate (default 32). */
        public Builder maxNewTokens(int v) {
            this.maxNewTokens = v;
            return this;
        }

        /** End-of-sequence token (default -1 = none). */
        public Builder eosId(int v) {
            this.eosId = v;
            return this;
        }

        /** Random seed (default 0). */
        public Builder seed(long v) {
            this.seed = v;
            return this;
        }

        /** The settings. */
        public SamplingConfig build() {
            return new SamplingConfig(temperature, topK, topP, repetitionPenalty, maxNewTokens, eosId, seed);
        }
    }
}
