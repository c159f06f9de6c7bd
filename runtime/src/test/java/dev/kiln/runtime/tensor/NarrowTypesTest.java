package dev.kiln.runtime.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class NarrowTypesTest {
    @Test
    void float8E4M3FnKnownValues() {
        assertEquals(448.0, NarrowTypes.decode(DType.FLOAT8E4M3FN, (byte) 0x7e));
        assertTrue(Double.isNaN(NarrowTypes.decode(DType.FLOAT8E4M3FN, (byte) 0x7f)));
        assertEquals(0x1p-9, NarrowTypes.decode(DType.FLOAT8E4M3FN, (byte) 0x01));
        assertEquals((byte) 0x7e, NarrowTypes.encode(DType.FLOAT8E4M3FN, 1000.0, true));
        assertEquals((byte) 0x7f, NarrowTypes.encode(DType.FLOAT8E4M3FN, 1000.0, false));
        assertEquals((byte) 0x38, NarrowTypes.encode(DType.FLOAT8E4M3FN, 1.0, true));
    }

    @Test
    void everyFiniteCodeRoundTrips() {
        for (DType t : new DType[] {DType.FLOAT8E4M3FN, DType.FLOAT8E4M3FNUZ, DType.FLOAT8E5M2,
                DType.FLOAT8E5M2FNUZ, DType.FLOAT4E2M1}) {
            int codes = t == DType.FLOAT4E2M1 ? 16 : 256;
            for (int c = 0; c < codes; c++) {
                double v = NarrowTypes.decode(t, (byte) c);
                if (Double.isNaN(v) || Double.isInfinite(v)) continue;
                if (v == 0) continue; // +0/-0 both valid encodings of zero
                assertEquals((byte) c, NarrowTypes.encode(t, v, true), t + " code " + c);
            }
        }
    }

    @Test
    void intNarrowTypesClipAndRoundHalfEven() {
        assertEquals(7, NarrowTypes.decode(DType.INT4, NarrowTypes.encode(DType.INT4, 9.0, true)));
        assertEquals(-8, NarrowTypes.decode(DType.INT4, NarrowTypes.encode(DType.INT4, -20.0, true)));
        assertEquals(2, NarrowTypes.decode(DType.UINT4, NarrowTypes.encode(DType.UINT4, 2.5, true)));
        assertEquals(-2, NarrowTypes.decode(DType.INT2, NarrowTypes.encode(DType.INT2, -3.0, true)));
        assertEquals(3, NarrowTypes.decode(DType.UINT2, NarrowTypes.encode(DType.UINT2, 3.4, true)));
    }
}
