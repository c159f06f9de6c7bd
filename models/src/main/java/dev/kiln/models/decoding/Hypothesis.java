package dev.kiln.models.decoding;

/**
 * A sequence found by {@link BeamSearch}.
 *
 * @param tokens the generated tokens (prompt excluded, EOS included when finished)
 * @param logProb the sum of the tokens' log-probabilities
 * @param score {@code logProb} with the length penalty applied
 * @param finished whether the sequence ended with EOS (otherwise it hit the length limit)
 */
public record Hypothesis(int[] tokens, double logProb, double score, boolean finished) {
    @Override
    public String toString() {
        return java.util.Arrays.toString(tokens) + " logProb=" + logProb + " score=" + score + (finished ? " (eos)" : "");
    }
}
