package dev.kiln.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class InterleavedTest {
    @Test
    void quantilesInterpolateBetweenOrderStatistics() {
        double[] v = {4, 1, 3, 2};
        assertEquals(2.5, Interleaved.median(v), 1e-12);
        assertEquals(1.75, Interleaved.quantile(v, 0.25), 1e-12);
        assertEquals(4, Interleaved.quantile(v, 1), 1e-12);
        assertEquals(7, Interleaved.median(new double[] {7}), 1e-12);
        // the input is left in its order
        assertEquals(4, v[0]);
    }
}
