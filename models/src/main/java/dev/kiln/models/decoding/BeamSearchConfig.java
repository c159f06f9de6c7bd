package dev.kiln.models.decoding;

/**
 * Settings of {@link BeamSearch}.
 *
 * @param beamWidth how many partial sequences to keep at each step (>= 1)
 * @param maxNewTokens the most tokens to generate (>= 1)
 * @param eosId the end-of-sequence token, or -1 for none
 * @param lengthPenalty exponent alpha of the score {@code logProb / length^alpha}, where length
 *     counts the generated tokens (EOS included); 0 ranks by plain log-probability, larger values
 *     favour longer sequences
 */
public record BeamSearchConfig(int beamWidth, int maxNewTokens, int eosId, double lengthPenalty) {
    public BeamSearchConfig {
        if (beamWidth < 1) throw new IllegalArgumentException("beamWidth must be >= 1, got " + beamWidth);
        if (maxNewTokens < 1) throw new IllegalArgumentException("maxNewTokens must be >= 1, got " + maxNewTokens);
        if (eosId < -1) throw new IllegalArgumentException("eosId must be a token id or -1, got " + eosId);
        if (!Double.isFinite(lengthPenalty)) throw new IllegalArgumentException("lengthPenalty must be finite, got " + lengthPenalty);
    }

    /** Width {@code beamWidth}, up to {@code maxNewTokens} tokens, no EOS, no length penalty. */
    public static BeamSearchConfig of(int beamWidth, int maxNewTokens) {
        return new BeamSearchConfig(beamWidth, maxNewTokens, -1, 0);
    }

    /** A copy with this EOS token. */
    public BeamSearchConfig withEos(int id) { return new BeamSearchConfig(beamWidth, maxNewTokens, id, lengthPenalty); }

    /** A copy with this length penalty. */
    public BeamSearchConfig withLengthPenalty(double alpha) { return new BeamSearchConfig(beamWidth, maxNewTokens, eosId, alpha); }

    /** The score of a sequence of {@code length} generated tokens with total log-probability {@code logProb}. */
    public double score(double logProb, int length) {
        return lengthPenalty == 0 ? logProb : logProb / Math.pow(length, lengthPenalty);
    }
}
