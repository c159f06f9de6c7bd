package dev.kiln.ops.math;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.kiln.runtime.tensor.Shape;
import org.junit.jupiter.api.Test;

class RunsTest {
    @Test
    void sameShapeIsOneRun() {
        Shape s = Shape.of(2, 3, 4);
        Runs r = Runs.of(s, s, s);
        assertEquals(1, r.count);
        assertEquals(24, r.length);
        assertArrayEquals(new int[] {1, 1}, r.steps);
    }

    @Test
    void scalarRepeatsOneElement() {
        Runs r = Runs.of(Shape.of(2, 3), Shape.of(2, 3), Shape.SCALAR);
        assertEquals(1, r.count);
        assertEquals(6, r.length);
        assertArrayEquals(new int[] {1, 0}, r.steps);
        assertArrayEquals(new int[] {0}, r.offsets[1]);
    }

    @Test
    void rowVectorGivesOneRunPerRow() {
        // a: (2, 3), b: (3)
        Runs r = Runs.of(Shape.of(2, 3), Shape.of(2, 3), Shape.of(3));
        assertEquals(2, r.count);
        assertEquals(3, r.length);
        assertArrayEquals(new int[] {1, 1}, r.steps);
        assertArrayEquals(new int[] {0, 3}, r.offsets[0]);
        assertArrayEquals(new int[] {0, 0}, r.offsets[1]);
    }

    @Test
    void channelVectorRepeatsAlongSpatialAxes() {
        // x: (2, 3, 2, 2), b: (1, 3, 1, 1) -> 6 runs of 4, b repeated within a run
        Runs r = Runs.of(Shape.of(2, 3, 2, 2), Shape.of(2, 3, 2, 2), Shape.of(1, 3, 1, 1));
        assertEquals(6, r.count);
        assertEquals(4, r.length);
        assertArrayEquals(new int[] {1, 0}, r.steps);
        assertArrayEquals(new int[] {0, 4, 8, 12, 16, 20}, r.offsets[0]);
        assertArrayEquals(new int[] {0, 1, 2, 0, 1, 2}, r.offsets[1]);
    }

    @Test
    void outerProductOfColumnAndRow() {
        // a: (3, 1), b: (1, 2) -> y: (3, 2); a repeats within a row, b advances
        Runs r = Runs.of(Shape.of(3, 2), Shape.of(3, 1), Shape.of(1, 2));
        assertEquals(3, r.count);
        assertEquals(2, r.length);
        assertArrayEquals(new int[] {0, 1}, r.steps);
        assertArrayEquals(new int[] {0, 1, 2}, r.offsets[0]);
        assertArrayEquals(new int[] {0, 0, 0}, r.offsets[1]);
    }
}
