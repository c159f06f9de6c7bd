package dev.kiln.ops.unary;

import static dev.kiln.ops.GradTesting.assertGradient;
import static dev.kiln.ops.GradTesting.assertGradientFloat32;
import static dev.kiln.ops.GradTesting.nonZero;
import static dev.kiln.ops.GradTesting.op;
import static dev.kiln.ops.GradTesting.uniform;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.kiln.runtime.op.Op;
import dev.kiln.runtime.tensor.DType;
import dev.kiln.runtime.tensor.Shape;
import dev.kiln.runtime.tensor.Tensor;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class UnaryGradientTest {
    private final SplittableRandom rnd = new SplittableRandom(5);

    /** Checks op in float64 on (3, 5) and float32 on (7) inputs drawn from [lo, hi). */
    private void check(String type, double lo, double hi) {
        assertGradient(op(type, 13, 1, 1), uniform(rnd, lo, hi, 3, 5));
        assertGradient(op(type, 13, 1, 1), uniform(rnd, lo, hi));
        assertGradientFloat32(op(type, 13, 1, 1), uniform(rnd, lo, hi, 7));
    }

    @Test
    void elementaryFunctions() {
        check("Neg", -3, 3);
        check("Exp", -2, 2);
        check("Log", 0.5, 4);
        check("Sqrt", 0.5, 4);
        check("Reciprocal", 0.5, 3);
        check("Reciprocal", -3, -0.5);
        check("Erf", -2.5, 2.5);
        assertGradient(op("Abs", 13, 1, 1), nonZero(rnd, 4, 3));
        assertGradientFloat32(op("Abs", 13, 1, 1), nonZero(rnd, 6));
    }

    @Test
    void trigonometricAndHyperbolic() {
        check("Sin", -3, 3);
        check("Cos", -3, 3);
        check("Tan", -1.2, 1.2);
        check("Asin", -0.9, 0.9);
        check("Acos", -0.9, 0.9);
        check("Atan", -3, 3);
        check("Sinh", -2, 2);
        check("Cosh", -2, 2);
        check("Asinh", -3, 3);
        check("Acosh", 1.2, 4);
        check("Atanh", -0.9, 0.9);
    }

    @Test
    void absSendsNothingAtZero() {
        Op abs = op("Abs", 13, 1, 1);
        Tensor[] in = {Tensor.of(new double[] {-2, 0, 3}, 3)};
        Tensor[] out = {(Tensor) abs.forward(in, null)[0]};
        Tensor[] d = abs.backward(in, out, new Tensor[] {Tensor.of(new double[] {1, 1, 1}, 3)});
        assertArrayEquals(new double[] {-1, 0, 1}, d[0].doubles());
    }

    @Test
    void float16GradientsKeepTheirType() {
        Tensor x = Tensor.fromDoubles(DType.FLOAT16, Shape.of(2), new double[] {0.5, 2});
        Op log = op("Log", 13, 1, 1);
        Tensor[] out = {(Tensor) log.forward(new Tensor[] {x}, null)[0]};
        Tensor dY = Tensor.fromDoubles(DType.FLOAT16, Shape.of(2), new double[] {1, 1});
        Tensor dX = log.backward(new Tensor[] {x}, out, new Tensor[] {dY})[0];
        assertArrayEquals(new double[] {2, 0.5}, dX.toDoubleArray());
    }

    @Test
    void integerInputsAndStepFunctions() {
        Op neg = op("Neg", 13, 1, 1);
        Tensor i = Tensor.of(new long[] {1, -2}, 2);
        assertNull(neg.backward(new Tensor[] {i}, new Tensor[] {i}, new Tensor[1])[0]);
        Op floor = op("Floor", 13, 1, 1);
        Tensor x = Tensor.of(new double[] {1.5}, 1);
        assertThrows(UnsupportedOperationException.class, () -> floor.backward(new Tensor[] {x}, new Tensor[] {x}, new Tensor[] {x}));
    }
}
