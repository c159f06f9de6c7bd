package dev.kiln.ops.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class VectorWidthsTest {
    @Test
    void theDefaultWidthFollowsTheProperty() {
        String bits = System.getProperty(VectorWidths.PROPERTY);
        if (bits != null) assertEquals(Integer.parseInt(bits), VectorWidths.preferredBits());
        assertEquals(VectorWidths.preferredBits(), VectorMath.S.vectorBitSize());
        assertTrue(VectorWidths.nativeWidths().contains(VectorWidths.preferredBits()));
    }

    @Test
    void fmaPeakRunsAtEveryWidth() {
        for (int bits = 128; bits <= 512; bits *= 2) {
            assertTrue(FmaPeak.measure(bits, 20_000) > 0, bits + " bits");
        }
    }
}
