package dev.kiln.ops.shape;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.kiln.runtime.graph.Attribute;
import dev.kiln.runtime.tensor.DType;
import dev.kiln.runtime.tensor.Shape;
import dev.kiln.runtime.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** Hand-checked cases for the data-movement ops beyond the conformance suite. */
class MovesTest {
    @Test
    void transposeOfStrings() {
        Tensor x = Tensor.of(new String[] {"a", "b", "c", "d", "e", "f"}, 2, 3);
        Tensor y = Run.one(Transpose::new, Run.node("Transpose", 1, 1), x);
        assertEquals(Shape.of(3, 2), y.shape());
        assertArrayEquals(new String[] {"a", "d", "b", "e", "c", "f"}, y.strings());
    }

    @Test
    void split18UnevenLastChunk() {
        var node = Run.node("Split", 1, 3, Attribute.of("num_outputs", 3L));
        Tensor[] y = Run.all(Split::v18, node, Tensor.of(new long[] {1, 2, 3, 4, 5, 6, 7}, 7));
        assertArrayEquals(new long[] {1, 2, 3}, y[0].longs());
        assertArrayEquals(new long[] {4, 5, 6}, y[1].longs());
        assertArrayEquals(new long[] {7}, y[2].longs());
    }

    @Test
    void split13RejectsUnevenEqualSplit() {
        var node = Run.node("Split", 1, 2);
        assertThrows(IllegalArgumentException.class, () -> Run.all(Split::v13, node, Tensor.of(new long[] {1, 2, 3}, 3)));
    }

    @Test
    void tileRepeatsEachAxis() {
        // [[1,2]] tiled (2, 2) -> [[1,2,1,2],[1,2,1,2]]
        Tensor y = Run.one(Tile::new, Run.node("Tile", 2, 1), Tensor.of(new int[] {1, 2}, 1, 2), Tensor.vector(2, 2));
        assertEquals(Shape.of(2, 4), y.shape());
        assertArrayEquals(new int[] {1, 2, 1, 2, 1, 2, 1, 2}, y.ints());
    }

    @Test
    void expandBroadcastsAColumn() {
        Tensor y = Run.one(Expand::new, Run.node("Expand", 2, 1), Tensor.of(new boolean[] {true, false}, 2, 1),
                Tensor.vector(2, 3));
        assertArrayEquals(new boolean[] {true, true, true, false, false, false}, y.booleans());
    }

    @Test
    void depthToSpaceCrd() {
        // x: (1, 4, 1, 1) = [0,1,2,3]; CRD with b=2 -> [[0,1],[2,3]]
        var node = Run.node("DepthToSpace", 1, 1, Attribute.of("blocksize", 2L), Attribute.of("mode", "CRD"));
        Tensor y = Run.one(DepthToSpace::new, node, Tensor.of(new float[] {0, 1, 2, 3}, 1, 4, 1, 1));
        assertEquals(Shape.of(1, 1, 2, 2), y.shape());
        assertArrayEquals(new float[] {0, 1, 2, 3}, y.floats());
    }

    @Test
    void spaceToDepthUndoesDepthToSpaceDcr() {
        float[] v = new float[16];
        for (int i = 0; i < v.length; i++) v[i] = i;
        Tensor x = Tensor.of(v, 1, 4, 2, 2);
        var d2s = Run.node("DepthToSpace", 1, 1, Attribute.of("blocksize", 2L));
        var s2d = Run.node("SpaceToDepth", 1, 1, Attribute.of("blocksize", 2L));
        Tensor y = Run.one(SpaceToDepth::new, s2d, Run.one(DepthToSpace::new, d2s, x));
        assertArrayEquals(v, y.floats());
    }

    @Test
    void scatterNDMultiplyAppliesDuplicatesInOrder() {
        var node = Run.node("ScatterND", 3, 1, Attribute.of("reduction", "mul"));
        Tensor y = Run.one(ScatterND::new, node, Tensor.of(new long[] {1, 2, 3}, 3),
                Tensor.of(new long[] {1, 1, -1}, 3, 1), Tensor.of(new long[] {5, 7, 4}, 3));
        assertArrayEquals(new long[] {1, 70, 12}, y.longs());
    }

    @Test
    void scatterElementsMaxOnFloat16KeepsTheLarger() {
        Tensor data = Tensor.fromDoubles(DType.FLOAT16, Shape.of(1, 3), new double[] {1, 5, 2});
        Tensor upd = Tensor.fromDoubles(DType.FLOAT16, Shape.of(1, 2), new double[] {3, 4});
        var node = Run.node("ScatterElements", 3, 1, Attribute.of("axis", 1L), Attribute.of("reduction", "max"));
        Tensor y = Run.one(ScatterElements::new, node, data, Tensor.of(new int[] {1, 2}, 1, 2), upd);
        assertArrayEquals(new double[] {1, 5, 4}, y.toDoubleArray());
    }

    @Test
    void uniqueUnsortedKeepsFirstOccurrenceOrder() {
        var node = Run.node("Unique", 1, 4, Attribute.of("sorted", 0L));
        Tensor[] y = Run.all(Unique::new, node, Tensor.of(new long[] {2, 1, 1, 3, 4, 3}, 6));
        assertArrayEquals(new long[] {2, 1, 3, 4}, y[0].longs());
        assertArrayEquals(new long[] {0, 1, 3, 4}, y[1].longs());
        assertArrayEquals(new long[] {0, 1, 1, 2, 3, 2}, y[2].longs());
        assertArrayEquals(new long[] {1, 2, 2, 1}, y[3].longs());
    }

    @Test
    void reshapeOpset1ReadsTheAttribute() {
        var node = Run.node("Reshape", 1, 1, Attribute.ofInts("shape", 0, -1));
        Tensor y = Run.one(Reshape::v1, node, Tensor.of(new float[6], 2, 3, 1));
        assertEquals(Shape.of(2, 3), y.shape());
    }

    @Test
    void unsqueezeRejectsRepeatedAxes() {
        assertThrows(IllegalArgumentException.class, () -> Run.one(Unsqueeze::new, Run.node("Unsqueeze", 2, 1),
                Tensor.of(new float[2], 2), Tensor.vector(0, -3)));
    }

    @Test
    void gatherRejectsOutOfRangeIndex() {
        assertThrows(IllegalArgumentException.class, () -> Run.one(Gather::new, Run.node("Gather", 2, 1),
                Tensor.of(new float[3], 3), Tensor.of(new int[] {-4}, 1)));
    }

    @Test
    void dropoutTrainingZeroesAboutRatioAndScalesSurvivors() {
        float[] ones = new float[1000];
        java.util.Arrays.fill(ones, 1f);
        Tensor[] y = Run.all(Dropout::new, Run.node("Dropout", 3, 2), Tensor.of(ones, 1000),
                Tensor.scalar(0.25f), Tensor.of(new boolean[] {true}));
        int kept = 0;
        for (int i = 0; i < 1000; i++) {
            boolean m = y[1].booleans()[i];
            assertEquals(m ? 1f / 0.75f : 0f, y[0].floats()[i], 1e-6f);
            if (m) kept++;
        }
        assertEquals(750, kept, 60);
    }
}
