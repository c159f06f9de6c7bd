package dev.kiln.ops.random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kiln.runtime.exec.ExecutionContext;
import dev.kiln.runtime.graph.Attribute;
import dev.kiln.runtime.graph.Attributes;
import dev.kiln.runtime.graph.Node;
import dev.kiln.runtime.tensor.DType;
import dev.kiln.runtime.tensor.Shape;
import dev.kiln.runtime.tensor.Tensor;
import dev.kiln.runtime.tensor.Value;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Random ops: shapes, dtypes, ranges, and repeatability under a seed. */
class RandomOpsTest {
    private static Node node(String op, int inputs, Attribute... attrs) {
        return new Node("n", "", op, inputs == 0 ? List.of() : List.of("x"), List.of("y"), new Attributes(List.of(attrs)));
    }

    private static Tensor run(dev.kiln.runtime.op.Op op, long runSeed, Value... in) {
        return (Tensor) op.forward(in, ExecutionContext.standalone(runSeed))[0];
    }

    @Test
    void uniformStaysInRangeAndASeededNodeRepeats() {
        RandomUniform op = new RandomUniform(node("RandomUniform", 0, Attribute.ofInts("shape", 3, 4),
                Attribute.of("low", -2f), Attribute.of("high", 3f), Attribute.of("seed", 5f),
                Attribute.of("dtype", (long) DType.FLOAT64.onnxCode())));
        Tensor a = run(op, 1);
        Tensor b = run(op, 2);
        assertEquals(DType.FLOAT64, a.dtype());
        assertEquals(Shape.of(3, 4), a.shape());
        for (double v : a.doubles()) assertTrue(v >= -2 && v < 3);
        assertArrayEquals(a.doubles(), b.doubles());
    }

    @Test
    void normalLikeTakesTheInputShapeAndDtype() {
        RandomNormalLike op = new RandomNormalLike(node("RandomNormalLike", 1, Attribute.of("mean", 10f),
                Attribute.of("scale", 0.5f)));
        Tensor y = run(op, 3, Tensor.zeros(DType.FLOAT32, Shape.of(1000)));
        assertEquals(Shape.of(1000), y.shape());
        double mean = 0;
        for (float v : y.floats()) mean += v / 1000.0;
        assertEquals(10, mean, 0.1);
    }

    @Test
    void bernoulliAndMultinomialHonourCertainOutcomes() {
        Tensor p = Tensor.of(new double[] {0, 1, 0, 1}, 4);
        Tensor y = run(new Bernoulli(node("Bernoulli", 1, Attribute.of("dtype", (long) DType.INT32.onnxCode()))), 4, p);
        assertEquals(DType.INT32, y.dtype());
        assertArrayEquals(new int[] {0, 1, 0, 1}, y.ints());

        // row 0 puts all mass on class 2, row 1 on class 0
        Tensor logits = Tensor.of(new float[] {-1000, -1000, 0, 0, -1000, -1000}, 2, 3);
        Tensor s = run(new Multinomial(node("Multinomial", 1, Attribute.of("sample_size", 5L),
                Attribute.of("dtype", (long) DType.INT64.onnxCode()))), 5, logits);
        assertEquals(Shape.of(2, 5), s.shape());
        assertArrayEquals(new long[] {2, 2, 2, 2, 2, 0, 0, 0, 0, 0}, s.longs());
    }
}
