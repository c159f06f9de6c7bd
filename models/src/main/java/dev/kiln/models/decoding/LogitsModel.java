package dev.kiln.models.decoding;

/** A language model seen as a function from a token prefix to the logits of the next token. */
@FunctionalInterface
public interface LogitsModel {
    /**
     * The unnormalised log-probabilities of every token of the vocabulary following {@code prefix}.
     * The array has one entry per token and is not kept by the caller's decoders beyond the call
     * that asked for it, so a model may return a fresh array each time.
     */
    float[] nextLogits(int[] prefix);
}
