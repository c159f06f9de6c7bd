package dev.kiln.ops.quant;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.kiln.runtime.graph.Attributes;
import dev.kiln.runtime.graph.Node;
import dev.kiln.runtime.tensor.DType;
import dev.kiln.runtime.tensor.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Scales of exactly 1 make the expected codes hand-computable, ties included. */
class DynamicQuantizeLinearTest {
    private static final DynamicQuantizeLinear OP = new DynamicQuantizeLinear(new Node("q", "", "DynamicQuantizeLinear",
            List.of("x"), List.of("y", "y_scale", "y_zero_point"), new Attributes(List.of())));

    /** codes (unsigned), scale, zero point. */
    private static Object[] run(float... x) {
        Tensor[] out = java.util.Arrays.stream(OP.forward(new Tensor[] {Tensor.of(x, x.length)}, null))
                .map(Tensor.class::cast).toArray(Tensor[]::new);
        assertEquals(DType.UINT8, out[0].dtype());
        assertEquals(DType.UINT8, out[2].dtype());
        int[] codes = new int[x.length];
        for (int i = 0; i < x.length; i++) codes[i] = out[0].bytes()[i] & 0xFF;
        return new Object[] {codes, out[1].floats()[0], out[2].bytes()[0] & 0xFF};
    }

    @Test
    void roundsHalfToEvenAroundTheZeroPoint() {
        // min -100, max 155: scale 1, zero point 100
        Object[] r = run(-100f, 155f, 2.5f, 3.5f, -0.5f, -1.5f, 0f);
        assertEquals(1f, (float) r[1]);
        assertEquals(100, (int) r[2]);
        assertArrayEquals(new int[] {0, 255, 102, 104, 100, 98, 100}, (int[]) r[0]);
    }

    @Test
    void zeroPointTieRoundsToEven() {
        // min -100.5, max 154.5: scale 1, zero point round(100.5) = 100
        Object[] r = run(-100.5f, 154.5f, 0f);
        assertEquals(1f, (float) r[1]);
        assertEquals(100, (int) r[2]);
        // -100.5 -> round(-100.5) + 100 = 0; 154.5 -> 154 + 100 = 254
        assertArrayEquals(new int[] {0, 254, 100}, (int[]) r[0]);
    }

    @Test
    void rangeIsWidenedToIncludeZero() {
        // all positive: min becomes 0, zero point 0
        Object[] pos = run(255f, 25.5f, 127.5f);
        assertEquals(1f, (float) pos[1]);
        assertEquals(0, (int) pos[2]);
        assertArrayEquals(new int[] {255, 26, 128}, (int[]) pos[0]);
        // all negative: max becomes 0, zero point 255
        Object[] neg = run(-255f, -127.5f, -0.5f);
        assertEquals(255, (int) neg[2]);
        assertArrayEquals(new int[] {0, 127, 255}, (int[]) neg[0]);
    }

    @Test
    void allZerosGiveScaleZeroAndCodesAtTheZeroPoint() {
        Object[] r = run(0f, 0f);
        assertEquals(0f, (float) r[1]);
        assertEquals(0, (int) r[2]);
        assertArrayEquals(new int[] {0, 0}, (int[]) r[0]);
    }

    @Test
    void generalScaleMatchesTheFormula() {
        // min -1, max 3: scale 4/255 in float32, zero point round(1 / scale) = round(63.75) = 64
        Object[] r = run(-1f, 3f, 1f);
        float scale = 4f / 255f;
        assertEquals(scale, (float) r[1]);
        assertEquals(64, (int) r[2]);
        assertArrayEquals(new int[] {0, 255, (int) Math.rint(1f / scale) + 64}, (int[]) r[0]);
    }
}
