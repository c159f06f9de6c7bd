package dev.kiln.models.decoding;

/**
 * What a {@link StepModel} returns: the logits of the next token and the state that produced them.
 *
 * @param logits one entry per vocabulary token
 * @param state the model state after the tokens fed so far (e.g. a KV cache)
 * @param <S> the state type
 */
public record StepResult<S>(float[] logits, S state) {
    public StepResult {
        if (logits == null || logits.length == 0) throw new IllegalArgumentException("A step must return non-empty logits");
    }
}
