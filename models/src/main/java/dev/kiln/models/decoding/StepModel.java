package dev.kiln.models.decoding;

/**
 * A language model that is fed one token at a time and carries its state between steps, so a
 * model with a KV cache processes each token once.
 *
 * <p>Decoders may continue one state with several different tokens (beam search keeps several
 * continuations of one prefix), so {@link #step} must not change {@code state} in a way that the
 * other continuations would see: return a new state, or one that shares only what is never
 * overwritten.
 *
 * @param <S> the state type
 */
public interface StepModel<S> {
    /** Feeds the prompt; returns the logits of the first new token and the state after the prompt. */
    StepResult<S> init(int[] prompt);

    /** Feeds {@code token} after {@code state}; returns the logits of the following token and the new state. */
    StepResult<S> step(S state, int token);

    /**
     * A step model over a stateless {@link LogitsModel}: the state is the token sequence, and
     * each step calls the model on the whole sequence again.
     */
    static StepModel<int[]> of(LogitsModel model) {
        return new StepModel<>() {
            @Override
            public StepResult<int[]> init(int[] prompt) {
                int[] p = prompt.clone();
                return new StepResult<>(model.nextLogits(p.clone()), p);
            }

            @Override
            public StepResult<int[]> step(int[] state, int token) {
                int[] next = java.util.Arrays.copyOf(state, state.length + 1);
                next[state.length] = token;
                return new StepResult<>(model.nextLogits(next.clone()), next);
            }
        };
    }
}
