package dev.kiln.models.embed;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class PoolingTest {
    @Test
    void meanOverMaskedTokensThenUnitLength() {
        // hidden: (B=2, T=3, H=2); row 0 keeps tokens 0 and 1, row 1 only token 0
        float[] hidden = {
            1, 2, 5, 2, 100, 100,
            0, -3, 7, 7, 7, 7,
        };
        long[] mask = {1, 1, 0, 1, 0, 0};
        float[][] out = Pooling.MEAN.poolNormalized(hidden, mask, 2, 3, 2);
        // row 0: mean (3, 2), norm sqrt(13); row 1: (0, -3) -> (0, -1)
        assertArrayEquals(new float[] {(float) (3 / Math.sqrt(13)), (float) (2 / Math.sqrt(13))}, out[0], 1e-7f);
        assertArrayEquals(new float[] {0, -1}, out[1], 0f);
    }

    @Test
    void clsTakesTheFirstTokenAndMeanWithoutNormalisingKeepsTheScale() {
        // hidden: (B=1, T=2, H=2)
        float[] hidden = {3, 4, 1, 0};
        long[] mask = {1, 1};
        assertArrayEquals(new float[] {3, 4}, Pooling.CLS.pool(hidden, mask, 1, 2, 2)[0], 0f);
        assertArrayEquals(new float[] {0.6f, 0.8f}, Pooling.CLS.poolNormalized(hidden, mask, 1, 2, 2)[0], 1e-7f);
        assertArrayEquals(new float[] {2, 2}, Pooling.MEAN.pool(hidden, mask, 1, 2, 2)[0], 0f);
    }

    @Test
    void allPaddingGivesZerosNotNaN() {
        float[][] out = Pooling.MEAN.poolNormalized(new float[] {4, 5}, new long[] {0}, 1, 1, 2);
        assertArrayEquals(new float[] {0, 0}, out[0], 0f);
    }

    @Test
    void mismatchedSizesAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> Pooling.MEAN.poolNormalized(new float[5], new long[2], 1, 2, 2));
    }
}
