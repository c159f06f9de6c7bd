package dev.kiln.runtime.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class Float16Test {
    @Test
    void everyHalfRoundTripsThroughFloat() {
        for (int bits = 0; bits < 0x10000; bits++) {
            short h = (short) bits;
            float f = Float16.toFloat(h);
            if (Float.isNaN(f)) {
                assertTrue(Float.isNaN(Float16.toFloat(Float16.fromFloat(f))));
            } else {
                assertEquals(h, Float16.fromFloat(f), "bits " + Integer.toHexString(bits));
            }
        }
    }

    @Test
    void halfRoundsToNearestEven() {
        // 1 + 2^-11 lies exactly between 1 and the next half (1 + 2^-10): ties go to even (1.0)
        assertEquals(1.0f, Float16.toFloat(Float16.fromFloat(1f + 0x1p-11f)));
        // 1 + 3*2^-11 lies between 1+2^-10 (odd) and 1+2^-9 (even): goes up
        assertEquals(1f + 0x1p-9f, Float16.toFloat(Float16.fromFloat(1f + 3 * 0x1p-11f)));
        assertEquals(Float.POSITIVE_INFINITY, Float16.toFloat(Float16.fromFloat(65520f)));
        assertEquals(65504f, Float16.toFloat(Float16.fromFloat(65519f)));
        assertEquals(0x1p-24f, Float16.toFloat(Float16.fromFloat(0x1p-24f)));
        assertEquals(0f, Float16.toFloat(Float16.fromFloat(0x1p-26f)));
        assertEquals(Float.NEGATIVE_INFINITY, Float16.toFloat(Float16.fromFloat(Float.NEGATIVE_INFINITY)));
    }

    @Test
    void bfloat16RoundsToNearestEvenAndKeepsSpecials() {
        for (int bits = 0; bits < 0x10000; bits++) {
            float f = Float16.bfloat16ToFloat((short) bits);
            if (!Float.isNaN(f)) assertEquals((short) bits, Float16.bfloat16FromFloat(f));
        }
        assertEquals(1.0f, Float16.bfloat16ToFloat(Float16.bfloat16FromFloat(1f + 0x1p-8f)));
        assertEquals(1f + 0x1p-6f, Float16.bfloat16ToFloat(Float16.bfloat16FromFloat(1f + 3 * 0x1p-8f)));
        assertTrue(Float.isNaN(Float16.bfloat16ToFloat(Float16.bfloat16FromFloat(Float.NaN))));
        assertEquals(Float.POSITIVE_INFINITY, Float16.bfloat16ToFloat(Float16.bfloat16FromFloat(Float.POSITIVE_INFINITY)));
    }

    @Test
    void fromDoubleRoundsOnce() {
        // 1 + 2^-11 + 2^-40 is just above the tie between 1 and 1 + 2^-10: must round up
        assertEquals((short) 0x3c01, Float16.fromDouble(1 + 0x1p-11 + 0x1p-40));
        assertEquals((short) 0x3c00, Float16.fromDouble(1 + 0x1p-11));
        assertEquals(Float.POSITIVE_INFINITY, Float16.toFloat(Float16.fromDouble(65520.0)));
        assertEquals(0x1p-24f, Float16.toFloat(Float16.fromDouble(0x1p-24)));
    }

    @Test
    void narrowIntegersWrapLikeCast() {
        Tensor t = Tensor.zeros(DType.INT4, Shape.of(3));
        t.setDouble(0, -9.7);
        t.setLong(1, 15);
        t.setLong(2, 7);
        assertEquals(7, t.getLong(0));
        assertEquals(-1, t.getLong(1));
        assertEquals(7, t.getLong(2));
    }
}
