package dev.kiln.importer.conformance;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.kiln.runtime.tensor.DType;
import dev.kiln.runtime.tensor.Shape;
import dev.kiln.runtime.tensor.Tensor;
import org.junit.jupiter.api.Test;

class ComparisonTest {
    private static final double R = Comparison.RTOL;
    private static final double A = Comparison.ATOL;

    @Test
    void withinRelativeToleranceMatches() {
        assertNull(Comparison.compare(Tensor.of(new float[] {1000f}, 1), Tensor.of(new float[] {1000.9f}, 1), R, A));
        assertNotNull(Comparison.compare(Tensor.of(new float[] {1000f}, 1), Tensor.of(new float[] {1001.1f}, 1), R, A));
    }

    @Test
    void nanEqualsNanButNotANumber() {
        assertNull(Comparison.compare(Tensor.of(new float[] {Float.NaN}, 1), Tensor.of(new float[] {Float.NaN}, 1), R, A));
        assertNotNull(Comparison.compare(Tensor.of(new float[] {Float.NaN}, 1), Tensor.of(new float[] {0f}, 1), R, A));
    }

    @Test
    void infinitiesMustMatchExactly() {
        assertNull(Comparison.compare(Tensor.of(new float[] {Float.POSITIVE_INFINITY}, 1),
                Tensor.of(new float[] {Float.POSITIVE_INFINITY}, 1), R, A));
        assertNotNull(Comparison.compare(Tensor.of(new float[] {Float.POSITIVE_INFINITY}, 1),
                Tensor.of(new float[] {Float.MAX_VALUE}, 1), R, A));
    }

    @Test
    void shapeAndDtypeMustMatchExactly() {
        assertNotNull(Comparison.compare(Tensor.of(new float[] {1, 2}, 2), Tensor.of(new float[] {1, 2}, 1, 2), R, A));
        assertNotNull(Comparison.compare(Tensor.of(new float[] {1}, 1), Tensor.of(new double[] {1}, 1), R, A));
        assertNotNull(Comparison.compare(Tensor.zeros(DType.INT32, Shape.of(1)), Tensor.zeros(DType.INT64, Shape.of(1)), R, A));
    }

    @Test
    void stringsCompareExactly() {
        assertNull(Comparison.compare(Tensor.of(new String[] {"a"}, 1), Tensor.of(new String[] {"a"}, 1), R, A));
        assertNotNull(Comparison.compare(Tensor.of(new String[] {"a"}, 1), Tensor.of(new String[] {"A"}, 1), R, A));
    }

    @Test
    void largeInt64ComparedExactly() {
        long big = (1L << 60) + 1;
        assertNull(Comparison.compare(Tensor.vector(big), Tensor.vector(big), R, A));
    }
}
