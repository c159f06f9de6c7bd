package dev.kiln.ops.ml;

import static dev.kiln.ops.ml.MlTestNodes.node;
import static dev.kiln.ops.ml.MlTestNodes.run;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.kiln.runtime.graph.Attribute;
import dev.kiln.runtime.tensor.DType;
import dev.kiln.runtime.tensor.Shape;
import dev.kiln.runtime.tensor.Tensor;
import org.junit.jupiter.api.Test;

class ScalerTest {

    @Test
    void perFeatureOffsetAndScale() {
        Scaler op = new Scaler(node("Scaler", 1,
                Attribute.ofFloats("offset", 1, 2), Attribute.ofFloats("scale", 0.5f, 2)));
        Tensor y = run(op, Tensor.of(new double[] {3, 4, 1, 0}, 2, 2))[0];
        // (3 - 1) * 0.5, (4 - 2) * 2, (1 - 1) * 0.5, (0 - 2) * 2
        assertEquals(DType.FLOAT32, y.dtype());
        assertEquals(Shape.of(2, 2), y.shape());
        assertArrayEquals(new float[] {1, 4, 0, -4}, y.floats(), 1e-6f);
    }

    @Test
    void singleValuesApplyToEveryFeature() {
        Scaler op = new Scaler(node("Scaler", 1, Attribute.ofFloats("offset", 1), Attribute.ofFloats("scale", 3)));
        Tensor y = run(op, Tensor.of(new long[] {2, 5, -1}, 3))[0];
        assertArrayEquals(new float[] {3, 12, -6}, y.floats(), 1e-6f);
    }

    @Test
    void rejectsOffsetOfWrongLength() {
        Scaler op = new Scaler(node("Scaler", 1, Attribute.ofFloats("offset", 1, 2, 3), Attribute.ofFloats("scale", 1)));
        assertThrows(IllegalArgumentException.class, () -> run(op, Tensor.of(new float[] {1, 2}, 1, 2)));
    }
}
