package dev.kiln.runtime.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kiln.runtime.ResourceLimitException;
import org.junit.jupiter.api.Test;

class MemoryBudgetTest {
    @Test
    void nothingIsCheckedOutsideARun() {
        assertNull(MemoryBudget.current());
        assertEquals(1 << 20, Tensor.zeros(DType.FLOAT32, Shape.of(1 << 20)).size());
    }

    @Test
    void aTensorOverTheLimitFailsBeforeAllocatingAndNamesItsShape() {
        MemoryBudget previous = MemoryBudget.install(new MemoryBudget(1 << 20, 1 << 30));
        try {
            ResourceLimitException e = assertThrows(ResourceLimitException.class,
                    () -> Tensor.zeros(DType.FLOAT64, Shape.of(40000, 40000)));
            assertEquals(12_800_000_000L, e.requestedBytes());
            assertTrue(e.getMessage().contains("float64[40000, 40000]"), e.getMessage());
            assertThrows(ResourceLimitException.class, () -> Tensor.allocate(DType.INT32, 1 << 19));
            assertEquals(1 << 18, Tensor.zeros(DType.FLOAT32, Shape.of(1 << 18)).size()); // exactly 1 MiB
        } finally {
            MemoryBudget.install(previous);
        }
    }

    @Test
    void viewsOfOneArrayCountOnceAndReleaseFreesTheBytes() {
        MemoryBudget b = new MemoryBudget(1 << 20, 1 << 21);
        Tensor t = Tensor.zeros(DType.FLOAT32, Shape.of(1000));
        Tensor view = t.reshape(Shape.of(10, 100));
        b.hold(t);
        b.hold(view);
        assertEquals(4000, b.liveBytes());
        b.release(t);
        assertEquals(4000, b.liveBytes());
        b.release(view);
        assertEquals(0, b.liveBytes());
    }

    @Test
    void theRunLimitCountsHeldBytesAndChildScopes() {
        MemoryBudget b = new MemoryBudget(1 << 20, 3 << 19); // 1 MiB per tensor, 1.5 MiB per run
        b.hold(Tensor.of(new float[1 << 18], 1 << 18)); // 1 MiB held
        MemoryBudget previous = MemoryBudget.install(b.child());
        try {
            ResourceLimitException e = assertThrows(ResourceLimitException.class,
                    () -> Tensor.zeros(DType.FLOAT32, Shape.of(1 << 18)));
            assertTrue(e.getMessage().contains("per-run"), e.getMessage());
            assertEquals(1 << 16, Tensor.zeros(DType.FLOAT32, Shape.of(1 << 16)).size());
        } finally {
            MemoryBudget.install(previous);
        }
    }
}
