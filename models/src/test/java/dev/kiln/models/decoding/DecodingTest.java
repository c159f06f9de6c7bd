package dev.kiln.models.decoding;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class DecodingTest {
    private static final int V = 7;
    private static final int[] PROMPT = {3, 1, 4};

    @Test
    void greedyTakesTheArgmaxEachStep() {
        LogitsModel m = ToyModels.hashed(V);
        int[] out = Generator.generate(m, PROMPT, SamplingConfig.greedy(12));
        assertEquals(12, out.length);
        int[] prefix = PROMPT.clone();
        for (int t : out) {
            float[] l = m.nextLogits(prefix);
            for (float x : l) assertTrue(x <= l[t]);
            prefix = Arrays.copyOf(prefix, prefix.length + 1);
            prefix[prefix.length - 1] = t;
        }
    }

    @Test
    void topKOneEqualsGreedy() {
        int[] greedy = Generator.generate(ToyModels.hashed(V), PROMPT, SamplingConfig.greedy(20));
        for (long seed = 0; seed < 5; seed++) {
            SamplingConfig k1 = SamplingConfig.builder().topK(1).temperature(1.5).maxNewTokens(20).seed(seed).build();
            assertArrayEquals(greedy, Generator.generate(ToyModels.hashed(V), PROMPT, k1));
        }
    }

    @Test
    void beamWidthOneEqualsGreedy() {
        int[] greedy = Generator.generate(ToyModels.hashed(V), PROMPT, SamplingConfig.greedy(20));
        assertArrayEquals(greedy, BeamSearch.best(StepModel.of(ToyModels.hashed(V)), PROMPT, BeamSearchConfig.of(1, 20)));
        // with an EOS token both stop at the same place (the token greedy emits 5th, say)
        int eos = greedy[4];
        int[] greedyEos = Generator.generate(ToyModels.hashed(V), PROMPT, SamplingConfig.builder().temperature(0).maxNewTokens(20).eosId(eos).build());
        assertEquals(eos, greedyEos[greedyEos.length - 1]);
        List<Hypothesis> beam = BeamSearch.search(StepModel.of(ToyModels.hashed(V)), PROMPT, BeamSearchConfig.of(1, 20).withEos(eos));
        assertArrayEquals(greedyEos, beam.get(0).tokens());
        assertTrue(beam.get(0).finished());
    }

    @Test
    void stepModelMatchesStatelessModelAndFeedsEachTokenOnce() {
        SamplingConfig cfg = SamplingConfig.builder().temperature(0.8).topP(0.95).repetitionPenalty(1.3).maxNewTokens(30).seed(42).build();
        ToyModels.HashedSteps steps = new ToyModels.HashedSteps(V);
        int[] viaSteps = Generator.generate(steps, PROMPT, cfg);
        assertArrayEquals(Generator.generate(ToyModels.hashed(V), PROMPT, cfg), viaSteps);
        assertEquals(PROMPT.length + 29, steps.fed);
        // the same seed gives the same tokens, another seed other tokens
        assertArrayEquals(viaSteps, Generator.generate(new ToyModels.HashedSteps(V), PROMPT, cfg));
        SamplingConfig other = SamplingConfig.builder().temperature(0.8).topP(0.95).repetitionPenalty(1.3).maxNewTokens(30).seed(43).build();
        assertFalse(Arrays.equals(viaSteps, Generator.generate(ToyModels.hashed(V), PROMPT, other)));
    }

    /**
     * Tokens A=0, B=1, C=2, two steps. First: A 0.55, B 0.45. After A: 0.34, 0.33, 0.33. After B:
     * 0.9, 0.05, 0.05. Greedy takes A then A (0.55 * 0.34 = 0.187); the best sequence is B A
     * (0.45 * 0.9 = 0.405), which width 2 finds.
     */
    @Test
    void beamFindsWhatGreedyMisses() {
        LogitsModel m = ToyModels.fromProbs(prefix -> {
            int n = prefix.length;
            if (n == 0) return new double[] {0.55, 0.45, 0};
            return prefix[n - 1] == 0 ? new double[] {0.34, 0.33, 0.33} : new double[] {0.9, 0.05, 0.05};
        });
        assertArrayEquals(new int[] {0, 0}, Generator.generate(m, new int[0], SamplingConfig.greedy(2)));
        List<Hypothesis> hs = BeamSearch.search(StepModel.of(m), new int[0], BeamSearchConfig.of(2, 2));
        assertArrayEquals(new int[] {1, 0}, hs.get(0).tokens());
        assertEquals(Math.log(0.405), hs.get(0).logProb(), 1e-6);
        assertArrayEquals(new int[] {0, 0}, hs.get(1).tokens());
        assertFalse(hs.get(0).finished());
    }

    @Test
    void wideBeamIsExhaustive() {
        // width V^2 keeps every prefix of length 2, so 3 tokens are searched exhaustively
        int v = 4;
        LogitsModel m = ToyModels.hashed(v);
        double best = Double.NEGATIVE_INFINITY;
        int[] arg = null;
        for (int a = 0; a < v; a++) {
            for (int b = 0; b < v; b++) {
                for (int c = 0; c < v; c++) {
                    double lp = Sampler.logSoftmax(m.nextLogits(new int[] {9}))[a]
                            + Sampler.logSoftmax(m.nextLogits(new int[] {9, a}))[b]
                            + Sampler.logSoftmax(m.nextLogits(new int[] {9, a, b}))[c];
                    if (lp > best) {
                        best = lp;
                        arg = new int[] {a, b, c};
                    }
                }
            }
        }
        Hypothesis h = BeamSearch.search(StepModel.of(m), new int[] {9}, BeamSearchConfig.of(v * v, 3)).get(0);
        assertArrayEquals(arg, h.tokens());
        assertEquals(best, h.logProb(), 1e-9);
    }

    /**
     * Tokens A=0, B=1, EOS=2. First: EOS 0.55, A 0.45. After A: EOS 0.9, A 0.05, B 0.05.
     * [EOS] has log-prob ln 0.55 = -0.598; [A, EOS] ln 0.405 = -0.904, or -0.452 per token.
     * Alpha 0 prefers [EOS]; alpha 1 prefers [A, EOS].
     */
    @Test
    void lengthPenaltyAndEos() {
        LogitsModel m = ToyModels.fromProbs(prefix -> prefix.length == 0 ? new double[] {0.45, 0, 0.55}
                : new double[] {0.05, 0.05, 0.9});
        BeamSearchConfig cfg = BeamSearchConfig.of(2, 5).withEos(2);
        Hypothesis plain = BeamSearch.search(StepModel.of(m), new int[0], cfg).get(0);
        assertArrayEquals(new int[] {2}, plain.tokens());
        assertTrue(plain.finished());
        List<Hypothesis> normed = BeamSearch.search(StepModel.of(m), new int[0], cfg.withLengthPenalty(1));
        assertArrayEquals(new int[] {0, 2}, normed.get(0).tokens());
        assertEquals(Math.log(0.405) / 2, normed.get(0).score(), 1e-6);
        assertArrayEquals(new int[] {2}, normed.get(1).tokens());
    }
}
