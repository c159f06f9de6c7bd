package dev.kiln.ops.loss;

import static dev.kiln.ops.GradTesting.assertGradient;
import static dev.kiln.ops.GradTesting.assertGradientFloat32;
import static dev.kiln.ops.GradTesting.op;
import static dev.kiln.ops.GradTesting.uniform;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.kiln.runtime.graph.Attribute;
import dev.kiln.runtime.op.Op;
import dev.kiln.runtime.tensor.Tensor;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class LossGradientTest {
    private static final String[] REDUCTIONS = {"none", "sum", "mean"};
    private static final boolean[] FIRST = {true, false, false};

    private final SplittableRandom rnd = new SplittableRandom(31);

    private Tensor labels(int classes, long... dims) {
        long[] v = new long[(int) dev.kiln.runtime.tensor.Shape.of(dims).size()];
        for (int i = 0; i < v.length; i++) v[i] = rnd.nextInt(classes);
        return Tensor.of(v, dims);
    }

    @Test
    void softmaxCrossEntropyToScores() {
        Tensor weights = uniform(rnd, 0.5, 2, 4);
        for (String r : REDUCTIONS) {
            Op sce = op("SoftmaxCrossEntropyLoss", 13, 3, 2, Attribute.of("reduction", r));
            assertGradient(sce, FIRST, uniform(rnd, -3, 3, 5, 4), labels(4, 5), null);
            assertGradient(sce, FIRST, uniform(rnd, -3, 3, 3, 4), labels(4, 3), weights);
            // (N, C, d1, d2)
            assertGradient(sce, FIRST, uniform(rnd, -3, 3, 2, 4, 3, 2), labels(4, 2, 3, 2), weights);
            // ignored samples get no gradient
            Tensor l = Tensor.of(new long[] {1, -1, 3, -1, 0}, 5);
            Op ignoring = op("SoftmaxCrossEntropyLoss", 13, 3, 2, Attribute.of("reduction", r), Attribute.of("ignore_index", -1L));
            assertGradient(ignoring, FIRST, uniform(rnd, -3, 3, 5, 4), l, weights);
            assertGradientFloat32(op("SoftmaxCrossEntropyLoss", 13, 2, 2, Attribute.of("reduction", r)),
                    uniform(rnd, -3, 3, 3, 4), labels(4, 3));
        }
    }

    @Test
    void softmaxCrossEntropyOfOneSample() {
        // mean over one sample: dScores = softmax(scores) - onehot(label)
        Op sce = op("SoftmaxCrossEntropyLoss", 13, 2, 1);
        Tensor s = Tensor.of(new double[] {0, Math.log(3)}, 1, 2);
        Tensor[] in = {s, Tensor.of(new long[] {0}, 1)};
        Tensor[] out = {(Tensor) sce.forward(in, null)[0]};
        Tensor[] d = sce.backward(in, out, new Tensor[] {Tensor.of(new double[] {1})});
        assertArrayEquals(new double[] {0.25 - 1, 0.75}, d[0].doubles(), 1e-15);
        assertNull(d[1]);
    }

    @Test
    void negativeLogLikelihoodToInput() {
        Tensor weights = uniform(rnd, 0.5, 2, 3);
        for (String r : REDUCTIONS) {
            Op nll = op("NegativeLogLikelihoodLoss", 13, 3, 1, Attribute.of("reduction", r));
            assertGradient(nll, FIRST, uniform(rnd, -3, 0, 4, 3), labels(3, 4), null);
            assertGradient(nll, FIRST, uniform(rnd, -3, 0, 4, 3, 2), labels(3, 4, 2), weights);
            Op ignoring = op("NegativeLogLikelihoodLoss", 13, 3, 1, Attribute.of("reduction", r), Attribute.of("ignore_index", 2L));
            assertGradient(ignoring, FIRST, uniform(rnd, -3, 0, 4, 3), Tensor.of(new long[] {2, 0, 2, 1}, 4), weights);
            assertGradientFloat32(op("NegativeLogLikelihoodLoss", 13, 2, 1, Attribute.of("reduction", r)),
                    uniform(rnd, -3, 0, 3, 3), labels(3, 3));
        }
        // mean with weights: dInput[n, t] = -w[t] / sum of the counted weights
        Op nll = op("NegativeLogLikelihoodLoss", 13, 3, 1);
        Tensor[] in = {uniform(rnd, -1, 0, 2, 2), Tensor.of(new long[] {1, 0}, 2), Tensor.of(new double[] {1, 3}, 2)};
        Tensor[] out = {(Tensor) nll.forward(in, null)[0]};
        Tensor[] d = nll.backward(in, out, new Tensor[] {Tensor.of(new double[] {2})});
        assertArrayEquals(new double[] {0, -1.5, -0.5, 0}, d[0].doubles(), 1e-15);
    }
}
