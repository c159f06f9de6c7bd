package dev.kiln.models.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kiln.runtime.tensor.Tensor;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class LossTest {
    /** Central differences in float64 against the analytic gradient. */
    private static void assertGradientMatches(Loss loss, Tensor prediction, Tensor target) {
        Loss.Result r = loss.evaluate(prediction, target);
        double h = 1e-6;
        for (int i = 0; i < prediction.size(); i++) {
            Tensor plus = prediction.copy();
            Tensor minus = prediction.copy();
            plus.setDouble(i, prediction.getDouble(i) + h);
            minus.setDouble(i, prediction.getDouble(i) - h);
            double numeric = (loss.evaluate(plus, target).value() - loss.evaluate(minus, target).value()) / (2 * h);
            double analytic = r.gradient().getDouble(i);
            assertEquals(numeric, analytic, 1e-5 * Math.max(1, Math.abs(numeric)), loss + " element " + i);
        }
    }

    private static Tensor random(long seed, double scale, long... dims) {
        SplittableRandom rnd = new SplittableRandom(seed);
        int n = 1;
        for (long d : dims) n *= d;
        double[] v = new double[n];
        for (int i = 0; i < n; i++) v[i] = (rnd.nextDouble() * 2 - 1) * scale;
        return Tensor.of(v, dims);
    }

    @Test
    void mseBothFormsByHand() {
        Tensor p = Tensor.of(new float[] {1, 2, 4}, 3);
        Tensor y = Tensor.of(new float[] {1, 0, 1}, 3);
        // differences 0, 2, 3: half-sum 0.5*(0+4+9)=6.5; mean (0+4+9)/3
        assertEquals(6.5, MeanSquaredError.halfSum().evaluate(p, y).value(), 1e-12);
        assertArrayEquals(new float[] {0, 2, 3}, MeanSquaredError.halfSum().evaluate(p, y).gradient().floats());
        assertEquals(13.0 / 3, MeanSquaredError.mean().evaluate(p, y).value(), 1e-12);
        assertArrayEquals(new float[] {0, 4f / 3, 2}, MeanSquaredError.mean().evaluate(p, y).gradient().floats(), 1e-6f);
        assertGradientMatches(MeanSquaredError.mean(), random(1, 2, 4, 3), random(2, 2, 4, 3));
    }

    @Test
    void crossEntropyOnLogitsByHand() {
        // logits (0, ln 3): softmax (1/4, 3/4); label 1 -> -log(3/4)
        Tensor z = Tensor.of(new double[] {0, Math.log(3)}, 1, 2);
        Loss.Result r = CrossEntropy.fromLogits().evaluate(z, Tensor.vector(1));
        assertEquals(-Math.log(0.75), r.value(), 1e-9);
        assertArrayEquals(new float[] {0.25f, -0.25f}, r.gradient().floats(), 1e-7f);
        // stable for huge logits
        Loss.Result big = CrossEntropy.fromLogits().evaluate(Tensor.of(new double[] {1000, 0}, 1, 2), Tensor.vector(1));
        assertEquals(1000, big.value(), 1e-9);
        assertGradientMatches(CrossEntropy.fromLogits(), random(3, 3, 5, 4), Tensor.vector(0, 3, 1, 2, 3));
        assertThrows(IllegalArgumentException.class,
                () -> CrossEntropy.fromLogits().evaluate(Tensor.of(new double[] {1, 2}, 1, 2), Tensor.vector(2)));
    }

    @Test
    void crossEntropyOnProbabilitiesClips() {
        Tensor p = Tensor.of(new double[] {0.5, 0.5, 0.0, 1.0}, 2, 2);
        Tensor t = Tensor.of(new double[] {1, 0, 1, 0}, 2, 2);
        Loss.Result r = CrossEntropy.fromProbabilities(1e-7).evaluate(p, t);
        assertEquals((-Math.log(0.5) - Math.log(1e-7)) / 2, r.value(), 1e-9);
        assertEquals(0f, r.gradient().floats()[2]);
        Tensor inside = Tensor.of(new double[] {0.2, 0.8, 0.6, 0.4}, 2, 2);
        assertGradientMatches(CrossEntropy.fromProbabilities(1e-7), inside, t);
    }

    @Test
    void binaryCrossEntropyBothForms() {
        Tensor z = Tensor.of(new double[] {0, 2, -3}, 3);
        Tensor t = Tensor.of(new double[] {1, 0, 0}, 3);
        double expected = (Math.log(2) + Math.log1p(Math.exp(2)) + Math.log1p(Math.exp(-3))) / 3;
        assertEquals(expected, BinaryCrossEntropy.fromLogits().evaluate(z, t).value(), 1e-9);
        assertGradientMatches(BinaryCrossEntropy.fromLogits(), random(4, 5, 6), Tensor.of(new double[] {1, 0, 1, 1, 0, 0}, 6));
        Tensor p = Tensor.of(new double[] {0.5, 0.1 + 0.0, 0.9}, 3);
        double e2 = -(Math.log(0.5) + Math.log(0.9) + Math.log(0.1)) / 3;
        assertEquals(e2, BinaryCrossEntropy.fromProbabilities(1e-7).evaluate(p, t).value(), 1e-9);
        assertGradientMatches(BinaryCrossEntropy.fromProbabilities(1e-7), p, t);
    }

    @Test
    void focalLossReducesToBceAndDownweightsEasyExamples() {
        Tensor z = random(5, 4, 8);
        Tensor t = Tensor.of(new double[] {1, 0, 1, 1, 0, 0, 1, 0}, 8);
        assertEquals(BinaryCrossEntropy.fromLogits().evaluate(z, t).value(), new FocalLoss(0, null).evaluate(z, t).value(), 1e-9);
        // an easy positive (z=4, p=0.982): BCE 0.01815, focal gamma=2 multiplies by (1-p)^2
        Tensor easy = Tensor.of(new double[] {4}, 1);
        Tensor one = Tensor.of(new double[] {1}, 1);
        double p = 1 / (1 + Math.exp(-4));
        assertEquals(-Math.pow(1 - p, 2) * Math.log(p) * 0.25, new FocalLoss(2, 0.25).evaluate(easy, one).value(), 1e-12);
        assertGradientMatches(new FocalLoss(2, 0.25), z, t);
        assertGradientMatches(new FocalLoss(0.5, null), z, t);
        assertTrue(new FocalLoss(2, null).evaluate(easy, one).value() < BinaryCrossEntropy.fromLogits().evaluate(easy, one).value());
    }
}
