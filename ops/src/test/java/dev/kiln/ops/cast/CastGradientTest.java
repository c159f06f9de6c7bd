package dev.kiln.ops.cast;

import static dev.kiln.ops.GradTesting.assertGradient;
import static dev.kiln.ops.GradTesting.assertGradientFloat32;
import static dev.kiln.ops.GradTesting.op;
import static dev.kiln.ops.GradTesting.uniform;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.kiln.runtime.graph.Attribute;
import dev.kiln.runtime.op.Op;
import dev.kiln.runtime.tensor.DType;
import dev.kiln.runtime.tensor.Tensor;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class CastGradientTest {
    private final SplittableRandom rnd = new SplittableRandom(29);

    @Test
    void floatToFloatCastsTheGradientBack() {
        // float64 -> float64 is exact; float32 -> float64 and float64 -> float32 round once
        assertGradient(op("Cast", 21, 1, 1, Attribute.of("to", (long) DType.FLOAT64.onnxCode())), uniform(rnd, -2, 2, 3, 4));
        assertGradientFloat32(op("Cast", 21, 1, 1, Attribute.of("to", (long) DType.FLOAT64.onnxCode())), uniform(rnd, -2, 2, 5));
        Op toFloat = op("Cast", 21, 1, 1, Attribute.of("to", (long) DType.FLOAT32.onnxCode()));
        Tensor x = uniform(rnd, -2, 2, 2, 3);
        Tensor[] out = {(Tensor) toFloat.forward(new Tensor[] {x}, null)[0]};
        Tensor dY = Tensor.of(new float[] {1, 2, 3, 4, 5, 6}, 2, 3);
        Tensor dX = toFloat.backward(new Tensor[] {x}, out, new Tensor[] {dY})[0];
        assertEquals(DType.FLOAT64, dX.dtype());
        assertEquals(x.shape(), dX.shape());
        assertEquals(6.0, dX.doubles()[5]);
    }

    @Test
    void castToIntegerHasNoGradient() {
        Op toInt = op("Cast", 21, 1, 1, Attribute.of("to", (long) DType.INT64.onnxCode()));
        Tensor x = Tensor.of(new double[] {1.5}, 1);
        Tensor[] out = {(Tensor) toInt.forward(new Tensor[] {x}, null)[0]};
        assertNull(toInt.backward(new Tensor[] {x}, out, new Tensor[1])[0]);
    }

    @Test
    void castLikeToTheTargetsType() {
        Tensor like = Tensor.of(new double[] {0}, 1);
        Op castLike = op("CastLike", 21, 2, 1);
        assertGradient(castLike, new boolean[] {true, false}, uniform(rnd, -2, 2, 4), like);
        Tensor x32 = Tensor.of(new float[] {0.5f, -1.25f}, 2);
        Tensor[] in = {x32, like};
        Tensor[] out = {(Tensor) castLike.forward(in, null)[0]};
        Tensor[] d = castLike.backward(in, out, new Tensor[] {Tensor.of(new double[] {3, 4}, 2)});
        assertEquals(DType.FLOAT32, d[0].dtype());
        assertNull(d[1]);
    }
}
