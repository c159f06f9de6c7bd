package dev.kiln.models.decoding;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Generates tokens one at a time with a {@link Sampler}: greedy, temperature, top-k, top-p and
 * repetition penalty as the {@link SamplingConfig} says. The same seed gives the same tokens.
 */
public final class Generator {
    private Generator() {}

    /**
     * The tokens generated after {@code prompt} (the prompt not included). Stops after
     * {@code maxNewTokens} tokens or after the EOS token, which is included.
     */
    public static <S> int[] generate(StepModel<S> model, int[] prompt, SamplingConfig cfg) {
        if (prompt == null) throw new IllegalArgumentException("The prompt must not be null");
        SplittableRandom rnd = new SplittableRandom(cfg.seed());
        int[] context = Arrays.copyOf(prompt, prompt.length + cfg.maxNewTokens());
        int len = prompt.length;
        if (cfg.maxNewTokens() == 0) return new int[0];
        StepResult<S> r = model.init(prompt.clone());
        for (int i = 0; i < cfg.maxNewTokens(); i++) {
            int token = Sampler.next(r.logits(), Arrays.copyOf(context, len), cfg, rnd);
            context[len++] = token;
            if (token == cfg.eosId() || i + 1 == cfg.maxNewTokens()) break;
            r = model.step(r.state(), token);
        }
        return Arrays.copyOfRange(context, prompt.length, len);
    }

    /** {@link #generate(StepModel, int[], SamplingConfig)} for a stateless model. */
    public static int[] generate(LogitsModel model, int[] prompt, SamplingConfig cfg) {
        return generate(StepModel.of(model), prompt, cfg);
    }
}
