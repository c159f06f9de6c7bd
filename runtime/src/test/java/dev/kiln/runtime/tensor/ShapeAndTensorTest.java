package dev.kiln.runtime.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class ShapeAndTensorTest {
    @Test
    void broadcastFollowsNumpy() {
        assertEquals(Shape.of(2, 3, 4), Shape.broadcast(Shape.of(3, 1), Shape.of(2, 1, 4)));
        assertEquals(Shape.of(5), Shape.broadcast(Shape.SCALAR, Shape.of(5)));
        assertThrows(IllegalArgumentException.class, () -> Shape.broadcast(Shape.of(2), Shape.of(3)));
    }

    @Test
    void negativeAndOverflowingDimsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> Shape.of(2, -1));
        assertThrows(IllegalArgumentException.class, () -> Shape.of(1L << 40, 1L << 40));
    }

    @Test
    void wrapChecksLengthAndType() {
        assertThrows(IllegalArgumentException.class, () -> Tensor.of(new float[3], 2, 2));
        assertThrows(IllegalArgumentException.class, () -> Tensor.wrap(DType.INT64, Shape.of(1), new float[1]));
    }

    @Test
    void genericAccessConvertsLikeCast() {
        Tensor t = Tensor.zeros(DType.UINT8, Shape.of(2));
        t.setDouble(0, 255.9);
        t.setLong(1, 256 + 7);
        assertEquals(255, t.getLong(0));
        assertEquals(7, t.getLong(1));
        Tensor u = Tensor.zeros(DType.UINT64, Shape.of(1));
        u.setDouble(0, 1.5e19);
        assertEquals(1.5e19, u.getDouble(0), 1e4);
        assertArrayEquals(new long[] {1, 2}, Tensor.of(new int[] {1, 2}, 2).toLongArray());
    }

    @Test
    void reshapeSharesDataAndChecksCount() {
        Tensor t = Tensor.of(new float[] {1, 2, 3, 4, 5, 6}, 2, 3);
        assertEquals(Shape.of(3, 2), t.reshape(Shape.of(3, 2)).shape());
        assertThrows(IllegalArgumentException.class, () -> t.reshape(Shape.of(4)));
    }
}
