package dev.kiln.models.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kiln.runtime.tensor.Tensor;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OptimizerTest {
    private static Map<String, Tensor> param(float... v) { return Map.of("w", Tensor.of(v, v.length)); }

    private static Map<String, Tensor> grad(float... v) { return Map.of("w", Tensor.of(v, v.length)); }

    @Test
    void sgdMomentumAndNesterovByHand() {
        Map<String, Tensor> p = param(1f);
        Sgd sgd = new Sgd(0.9, false, 0);
        sgd.step(p, grad(1f), 0.1);      // v=1, w=1-0.1
        sgd.step(p, grad(1f), 0.1);      // v=1.9, w=0.9-0.19
        assertEquals(0.71f, p.get("w").floats()[0], 1e-6f);
        Map<String, Tensor> q = param(1f);
        Sgd nesterov = new Sgd(0.9, true, 0);
        nesterov.step(q, grad(1f), 0.1); // v=1, update g+mu v=1.9
        assertEquals(1 - 0.19f, q.get("w").floats()[0], 1e-6f);
        Map<String, Tensor> r = param(2f);
        new Sgd(0, false, 0.5).step(r, grad(0f), 0.1); // g = 0.5*2 = 1
        assertEquals(1.9f, r.get("w").floats()[0], 1e-6f);
    }

    @Test
    void adamFirstStepMovesByLearningRate() {
        // bias-corrected first step: m_hat = g, v_hat = g^2, update = lr * sign(g)
        Map<String, Tensor> p = param(1f, -1f);
        Adam.adam().step(p, grad(0.3f, -5f), 0.01);
        assertArrayEquals(new float[] {0.99f, -0.99f}, p.get("w").floats(), 1e-6f);
        Map<String, Tensor> q = param(1f);
        Adam.adamW(0.1).step(q, grad(0f), 0.01); // only decoupled decay: w -= lr * wd * w
        assertEquals(1 - 0.001f, q.get("w").floats()[0], 1e-6f);
    }

    @Test
    void optimizersMinimiseAQuadratic() {
        for (Optimizer opt : new Optimizer[] {Sgd.plain(), new Sgd(0.9, true, 0), Adam.adam(), Adam.adamW(0.0)}) {
            Map<String, Tensor> p = param(3f, -2f);
            for (int i = 0; i < 500; i++) {
                float[] w = p.get("w").floats();
                opt.step(p, grad(2 * (w[0] - 1), 2 * (w[1] + 4)), 0.05);
            }
            assertArrayEquals(new float[] {1f, -4f}, p.get("w").floats(), 0.05f, opt.toString());
        }
    }

    @Test
    void schedules() {
        assertEquals(0.1, LearningRateSchedule.step(0.1, 10, 0.5).at(9), 1e-12);
        assertEquals(0.05, LearningRateSchedule.step(0.1, 10, 0.5).at(10), 1e-12);
        LearningRateSchedule cos = LearningRateSchedule.cosine(1, 0, 100);
        assertEquals(1, cos.at(0), 1e-12);
        assertEquals(0.5, cos.at(50), 1e-12);
        assertEquals(0, cos.at(100), 1e-12);
        LearningRateSchedule warm = LearningRateSchedule.linearWarmup(4, LearningRateSchedule.constant(0.2));
        assertEquals(0.05, warm.at(0), 1e-12);
        assertEquals(0.2, warm.at(3), 1e-12);
        assertEquals(0.2, warm.at(10), 1e-12);
    }

    @Test
    void clippingScalesToTheGlobalNorm() {
        Map<String, Tensor> g = Map.of("a", Tensor.of(new float[] {3}, 1), "b", Tensor.of(new float[] {4}, 1));
        assertEquals(5, GradientClipping.clipByGlobalNorm(g, 1), 1e-9);
        assertEquals(0.6f, g.get("a").floats()[0], 1e-6f);
        assertEquals(0.8f, g.get("b").floats()[0], 1e-6f);
        assertEquals(1, GradientClipping.clipByGlobalNorm(g, 2), 1e-6);
        assertEquals(0.6f, g.get("a").floats()[0], 1e-6f);
    }

    @Test
    void earlyStoppingWaitsForPatience() {
        EarlyStopping e = new EarlyStopping(2, 0);
        assertFalse(e.update(1, 1.0));
        assertFalse(e.update(2, 0.9));
        assertFalse(e.update(3, 0.95));
        assertTrue(e.update(4, 0.91));
        assertEquals(2, e.bestEpoch());
    }

    @Test
    void batchesCoverEveryRowOnceAndShuffleBySeed() {
        float[] x = new float[10 * 2];
        long[] y = new long[10];
        for (int i = 0; i < 10; i++) {
            x[2 * i] = i;
            x[2 * i + 1] = -i;
            y[i] = i;
        }
        var a = Batches.of(Tensor.of(x, 10, 2), Tensor.of(y, 10), 4, 7);
        assertEquals(3, a.size());
        boolean[] seen = new boolean[10];
        for (var b : a) {
            for (int r = 0; r < b.size(); r++) {
                int label = (int) b.y().longs()[r];
                assertEquals(label, b.x().floats()[2 * r], 0f);
                seen[label] = true;
            }
        }
        for (boolean s : seen) assertTrue(s);
        assertArrayEquals(a.get(0).y().longs(), Batches.of(Tensor.of(x, 10, 2), Tensor.of(y, 10), 4, 7).get(0).y().longs());
    }
}
