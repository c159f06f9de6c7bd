package dev.kiln.models.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.kiln.runtime.tensor.Tensor;
import java.util.SplittableRandom;
import org.joml.Matrix3x2f;
import org.junit.jupiter.api.Test;

class AugmentTest {
    private static Tensor image() {
        float[] v = new float[2 * 1 * 5 * 5];
        for (int i = 0; i < v.length; i++) v[i] = (i * 7) % 11;
        return Tensor.of(v, 2, 1, 5, 5);
    }

    @Test
    void zeroRangesAreTheIdentity() {
        Tensor x = image();
        Tensor y = new Augment(0, 0, 0).apply(x, new SplittableRandom(1));
        assertArrayEquals(x.floats(), y.floats(), 1e-5f);
    }

    @Test
    void integerShiftMovesPixels() {
        Tensor x = image();
        Matrix3x2f inv = Augment.transform(0, 1, 1, 0, 5, 5).invert();
        float[] out = new float[25];
        Augment.resample(x.floats(), out, 0, 5, 5, inv);
        for (int y = 0; y < 5; y++) {
            assertEquals(0f, out[y * 5], 1e-6f);
            for (int xx = 1; xx < 5; xx++) assertEquals(x.floats()[y * 5 + xx - 1], out[y * 5 + xx], 1e-5f);
        }
    }

    @Test
    void quarterTurnRotatesAboutTheCentre() {
        float[] v = new float[9];
        v[1] = 1; // top middle
        float[] out = new float[9];
        Augment.resample(v, out, 0, 3, 3, Augment.transform((float) (Math.PI / 2), 1, 0, 0, 3, 3).invert());
        // +90 degrees in image coordinates (y down) moves the top-middle pixel to the right-middle
        assertEquals(1f, out[5], 1e-5f);
        assertEquals(0f, out[1], 1e-5f);
    }

    @Test
    void sameSeedSameAugmentation() {
        Augment a = new Augment(10, 0.1, 1);
        assertArrayEquals(a.apply(image(), new SplittableRandom(3)).floats(), a.apply(image(), new SplittableRandom(3)).floats());
    }
}
