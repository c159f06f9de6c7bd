package dev.kiln.ops.attention;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import dev.kiln.runtime.exec.ExecutionContext;
import dev.kiln.runtime.graph.Attribute;
import dev.kiln.runtime.graph.Attributes;
import dev.kiln.runtime.graph.Node;
import dev.kiln.runtime.tensor.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;

class RotaryEmbeddingTest {
    private static Tensor run(long interleaved, Tensor... in) {
        Node n = new Node("n", "", "RotaryEmbedding", List.of("x", "cos", "sin", "pos"), List.of("y"),
                new Attributes(List.of(Attribute.of("interleaved", interleaved))));
        return (Tensor) new RotaryEmbedding(n).forward(in, ExecutionContext.standalone(1))[0];
    }

    // X: (1, 1, 1, 4) = [1, 2, 3, 4]; position 1 rotates by 90 degrees (cos 0, sin 1), position 0 not at all
    private static final Tensor X = Tensor.of(new float[] {1, 2, 3, 4}, 1, 1, 1, 4);
    private static final Tensor COS = Tensor.of(new float[] {1, 1, 0, 0}, 2, 2);
    private static final Tensor SIN = Tensor.of(new float[] {0, 0, 1, 1}, 2, 2);

    @Test
    void halvesPairFeatureIWithFeatureIPlusHalf() {
        // pairs (1,3) and (2,4) -> (c*x1 - s*x2, s*x1 + c*x2) = (-3, 1) and (-4, 2)
        Tensor y = run(0, X, COS, SIN, Tensor.of(new long[] {1}, 1, 1));
        assertArrayEquals(new float[] {-3, -4, 1, 2}, y.floats(), 1e-6f);
    }

    @Test
    void interleavedPairsNeighbours() {
        // pairs (1,2) and (3,4) -> (-2, 1) and (-4, 3)
        Tensor y = run(1, X, COS, SIN, Tensor.of(new long[] {1}, 1, 1));
        assertArrayEquals(new float[] {-2, 1, -4, 3}, y.floats(), 1e-6f);
    }

    @Test
    void positionZeroLeavesTheInputUnchanged() {
        Tensor y = run(0, X, COS, SIN, Tensor.of(new long[] {0}, 1, 1));
        assertArrayEquals(new float[] {1, 2, 3, 4}, y.floats(), 1e-6f);
    }
}
