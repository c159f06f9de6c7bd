package dev.kiln.ops.shape;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kiln.runtime.graph.Attribute;
import dev.kiln.runtime.tensor.Shape;
import dev.kiln.runtime.tensor.Tensor;
import org.junit.jupiter.api.Test;

class GatherNDTest {
    // data = [[[0,1],[2,3]], [[4,5],[6,7]]]
    private static final Tensor DATA = Tensor.of(new long[] {0, 1, 2, 3, 4, 5, 6, 7}, 2, 2, 2);

    private static Tensor gather(long batchDims, Tensor indices) {
        return Run.one(GatherND::new, Run.node("GatherND", 2, 1, Attribute.of("batch_dims", batchDims)), DATA, indices);
    }

    @Test
    void batchDimsOnePicksWithinEachBatch() {
        // batch 0 takes row 1 -> [2,3]; batch 1 takes row 0 -> [4,5]
        Tensor y = gather(1, Tensor.of(new long[] {1, 0}, 2, 1));
        assertEquals(Shape.of(2, 2), y.shape());
        assertArrayEquals(new long[] {2, 3, 4, 5}, y.longs());
    }

    @Test
    void batchDimsOneWithFullIndexRows() {
        // batch 0 takes [0,1] -> 1; batch 1 takes [1,0] -> 6
        Tensor y = gather(1, Tensor.of(new long[] {0, 1, 1, 0}, 2, 2));
        assertEquals(Shape.of(2), y.shape());
        assertArrayEquals(new long[] {1, 6}, y.longs());
    }

    @Test
    void noBatchDimsWithNegativeInt32Indices() {
        // [-1, 0] -> data[1][0] = [4,5]; [0, -1, -1] is too long, so use two rows of length 2
        Tensor y = gather(0, Tensor.of(new int[] {-1, 0, 0, -1}, 2, 2));
        assertArrayEquals(new long[] {4, 5, 2, 3}, y.longs());
    }

    @Test
    void outOfRangeIndexIsAClearError() {
        var e = assertThrows(IllegalArgumentException.class, () -> gather(0, Tensor.of(new long[] {2}, 1)));
        assertTrue(e.getMessage().contains("index 2 is out of range"), e.getMessage());
    }
}
