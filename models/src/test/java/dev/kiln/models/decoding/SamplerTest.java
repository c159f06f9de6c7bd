package dev.kiln.models.decoding;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SamplerTest {
    /** softmax of these logits is exactly P. */
    private static final double[] P = {0.4, 0.25, 0.15, 0.1, 0.06, 0.04};
    private static final int N = 40_000;

    private static float[] logits() {
        float[] l = new float[P.length];
        for (int i = 0; i < P.length; i++) l[i] = (float) Math.log(P[i]);
        return l;
    }

    /** Draws N tokens at a fixed seed and returns the chi-square statistic against {@code expected} (zeros must never occur). */
    private static double chiSquare(SamplingConfig cfg, double[] expected) {
        SplittableRandom rnd = new SplittableRandom(12345);
        long[] counts = new long[P.length];
        float[] l = logits();
        for (int i = 0; i < N; i++) counts[Sampler.next(l, new int[0], cfg, rnd)]++;
        double chi = 0;
        for (int i = 0; i < P.length; i++) {
            if (expected[i] == 0) {
                assertEquals(0, counts[i], "token " + i + " was filtered out but drawn");
                continue;
            }
            double e = N * expected[i];
            chi += (counts[i] - e) * (counts[i] - e) / e;
        }
        System.out.printf("chi-square %s: %.3f counts %s%n", cfg, chi, Arrays.toString(counts));
        return chi;
    }

    @Test
    void fullDistribution() {
        // df = 5, 0.999 critical value 20.515
        assertTrue(chiSquare(SamplingConfig.builder().build(), P) < 20.515);
    }

    @Test
    void topKRenormalises() {
        // keep 0.4, 0.25, 0.15 -> / 0.8; df = 2, critical 13.816
        double[] q = {0.5, 0.3125, 0.1875, 0, 0, 0};
        assertArrayEquals(q, Sampler.distribution(logits(), null, SamplingConfig.builder().topK(3).build()), 1e-6);
        assertTrue(chiSquare(SamplingConfig.builder().topK(3).build(), q) < 13.816);
    }

    @Test
    void topPRenormalises() {
        // cumulative 0.4, 0.65 >= 0.6: keep two -> / 0.65; df = 1, critical 10.828
        double[] q = {0.4 / 0.65, 0.25 / 0.65, 0, 0, 0, 0};
        assertArrayEquals(q, Sampler.distribution(logits(), null, SamplingConfig.builder().topP(0.6).build()), 1e-6);
        assertTrue(chiSquare(SamplingConfig.builder().topP(0.6).build(), q) < 10.828);
    }

    @Test
    void temperatureThenTopP() {
        // T = 2: q ~ sqrt(P) = .632, .5, .387, .316, .245, .2 (sum 2.281); cumulative .277 .497 .666 .805 .912:
        // top-p 0.9 keeps five; df = 4, critical 18.467
        double[] q = new double[P.length];
        double s = 0;
        for (int i = 0; i < 5; i++) s += Math.sqrt(P[i]);
        for (int i = 0; i < 5; i++) q[i] = Math.sqrt(P[i]) / s;
        SamplingConfig cfg = SamplingConfig.builder().temperature(2).topP(0.9).build();
        assertArrayEquals(q, Sampler.distribution(logits(), null, cfg), 1e-6);
        assertTrue(chiSquare(cfg, q) < 18.467);
    }

    @Test
    void repetitionPenalty() {
        // [2, 1.5, -1] with tokens 0 and 2 seen, penalty 2 -> [1, 1.5, -2]
        float[] l = {2, 1.5f, -1};
        SamplingConfig greedy = SamplingConfig.builder().temperature(0).repetitionPenalty(2).build();
        assertEquals(1, Sampler.next(l, new int[] {0, 2, 2}, greedy, new SplittableRandom(0)));
        assertEquals(0, Sampler.next(l, new int[] {}, greedy, new SplittableRandom(0)));
        double z = Math.exp(1) + Math.exp(1.5) + Math.exp(-2);
        assertArrayEquals(new double[] {Math.exp(1) / z, Math.exp(1.5) / z, Math.exp(-2) / z},
                Sampler.distribution(l, new int[] {0, 2}, SamplingConfig.builder().repetitionPenalty(2).build()), 1e-9);
    }

    @Test
    void tiesGoToTheLowerId() {
        assertEquals(1, Sampler.argmax(new float[] {0, 3, 3}));
        assertArrayEquals(new double[] {0, 1, 0}, Sampler.distribution(new float[] {0, 3, 3}, null,
                SamplingConfig.builder().topK(1).build()));
    }

    @Test
    void clearErrors() {
        assertThrows(IllegalArgumentException.class, () -> SamplingConfig.builder().topP(0).build());
        assertThrows(IllegalArgumentException.class, () -> SamplingConfig.builder().temperature(-1).build());
        assertThrows(IllegalArgumentException.class, () -> SamplingConfig.builder().topK(-2).build());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Sampler.distribution(new float[] {0, Float.NaN}, null, SamplingConfig.builder().build()));
        assertTrue(e.getMessage().contains("NaN"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Sampler.distribution(new float[] {0, 1}, new int[] {5},
                SamplingConfig.builder().repetitionPenalty(1.2).build()));
        assertFalse(SamplingConfig.builder().build().isGreedy());
    }
}
