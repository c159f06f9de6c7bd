package dev.kiln.ops.loss;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.kiln.runtime.exec.ExecutionContext;
import dev.kiln.runtime.graph.Attribute;
import dev.kiln.runtime.graph.Attributes;
import dev.kiln.runtime.graph.Node;
import dev.kiln.runtime.op.Op;
import dev.kiln.runtime.tensor.Shape;
import dev.kiln.runtime.tensor.Tensor;
import dev.kiln.runtime.tensor.Value;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class LossTest {
    private static Tensor[] run(Function<Node, Op> factory, String op, Tensor[] in, Attribute... attrs) {
        Node n = new Node("n", "", op, List.of("a", "b", "c"), List.of("y", "z"), new Attributes(List.of(attrs)));
        Value[] v = factory.apply(n).forward(in, ExecutionContext.standalone(1));
        Tensor[] t = new Tensor[v.length];
        for (int i = 0; i < v.length; i++) t[i] = (Tensor) v[i];
        return t;
    }

    // the spec example: input (2, 3, 2), target (2, 2), weight (3)
    private static final Tensor INPUT = Tensor.of(new float[] {1, 2, 2, 2, 3, 2, 0, 1, 2, 2, 1, 2}, 2, 3, 2);
    private static final Tensor TARGET = Tensor.of(new long[] {2, 1, 0, 2}, 2, 2);
    private static final Tensor WEIGHT = Tensor.of(new float[] {0.2f, 0.3f, 0.1f}, 3);

    @Test
    void nllNoneReductionPicksTheTargetClass() {
        Tensor y = run(NegativeLogLikelihoodLoss::new, "NegativeLogLikelihoodLoss",
                new Tensor[] {INPUT, TARGET, null}, Attribute.of("reduction", "none"))[0];
        assertEquals(Shape.of(2, 2), y.shape());
        assertArrayEquals(new float[] {-3, -2, 0, -2}, y.floats(), 1e-6f);
    }

    @Test
    void nllWeightedMeanDividesByTheAppliedWeights() {
        // sum = -0.3 - 0.6 - 0 - 0.2 = -1.1; weights 0.1 + 0.3 + 0.2 + 0.1 = 0.7
        Tensor y = run(NegativeLogLikelihoodLoss::new, "NegativeLogLikelihoodLoss",
                new Tensor[] {INPUT, TARGET, WEIGHT})[0];
        assertEquals(Shape.SCALAR, y.shape());
        assertEquals(-1.1 / 0.7, y.floats()[0], 1e-5);
    }

    @Test
    void nllNegativeIgnoreIndexDropsSamplesFromTheMean() {
        // target -1 is ignored: mean of -3, -2, -2 over 3 samples
        Tensor target = Tensor.of(new long[] {2, 1, -1, 2}, 2, 2);
        Tensor y = run(NegativeLogLikelihoodLoss::new, "NegativeLogLikelihoodLoss",
                new Tensor[] {INPUT, target, null}, Attribute.of("ignore_index", -1L))[0];
        assertEquals(-7.0 / 3, y.floats()[0], 1e-5);
    }

    @Test
    void nllOutOfRangeTargetIsAClearError() {
        Tensor target = Tensor.of(new long[] {2, 1, 3, 2}, 2, 2);
        assertThrows(IllegalArgumentException.class, () -> run(NegativeLogLikelihoodLoss::new,
                "NegativeLogLikelihoodLoss", new Tensor[] {INPUT, target, null}));
    }

    @Test
    void softmaxCrossEntropyOfEqualScoresIsLogC() {
        // scores (2, 2): row 0 equal -> ln 2; row 1 = [0, ln 3] with label 1 -> -ln(3/4)
        Tensor scores = Tensor.of(new float[] {0, 0, 0, (float) Math.log(3)}, 2, 2);
        Tensor labels = Tensor.of(new long[] {0, 1}, 2);
        Tensor[] out = run(SoftmaxCrossEntropyLoss::new, "SoftmaxCrossEntropyLoss",
                new Tensor[] {scores, labels, null}, Attribute.of("reduction", "sum"));
        assertEquals(Math.log(2) - Math.log(0.75), out[0].floats()[0], 1e-5);
        float ln2 = (float) Math.log(2);
        assertArrayEquals(new float[] {-ln2, -ln2, (float) Math.log(0.25), (float) Math.log(0.75)},
                out[1].floats(), 1e-5f);
    }
}
