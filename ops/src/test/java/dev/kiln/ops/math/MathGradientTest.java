package dev.kiln.ops.math;

import static dev.kiln.ops.GradTesting.assertGradient;
import static dev.kiln.ops.GradTesting.assertGradientFloat32;
import static dev.kiln.ops.GradTesting.nonZero;
import static dev.kiln.ops.GradTesting.op;
import static dev.kiln.ops.GradTesting.uniform;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.kiln.runtime.graph.Attribute;
import dev.kiln.runtime.op.Op;
import dev.kiln.runtime.tensor.Tensor;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class MathGradientTest {
    private final SplittableRandom rnd = new SplittableRandom(11);

    /** Pairs of shapes: equal, one side broadcast, both sides broadcast, scalar. */
    private static final long[][][] SHAPES = {
        {{3, 5}, {3, 5}},
        {{2, 3, 4}, {3, 1}},
        {{5}, {2, 1, 5}},
        {{4, 1, 3}, {1, 5, 1}},
        {{3, 2}, {}},
    };

    @Test
    void addSubMulDivWithBroadcasting() {
        for (String type : new String[] {"Add", "Sub", "Mul", "Div"}) {
            for (long[][] s : SHAPES) {
                Tensor a = uniform(rnd, -2, 2, s[0]);
                Tensor b = type.equals("Div") ? nonZero(rnd, s[1]) : uniform(rnd, -2, 2, s[1]);
                assertGradient(op(type, 14, 2, 1), a, b);
                assertGradient(op(type, 14, 2, 1), b, type.equals("Div") ? nonZero(rnd, s[0]) : a);
            }
            assertGradientFloat32(op(type, 14, 2, 1), uniform(rnd, -2, 2, 2, 3), nonZero(rnd, 3));
        }
    }

    @Test
    void legacyBroadcastSumsBackToTheOriginalShape() {
        // opset 6: B (3, 4) aligned at axis 1 of A (2, 3, 4, 5)
        Op add = op("Add", 6, 2, 1, Attribute.of("broadcast", 1L), Attribute.of("axis", 1L));
        assertGradient(add, uniform(rnd, -1, 1, 2, 3, 4, 5), uniform(rnd, -1, 1, 3, 4));
        Op mul = op("Mul", 6, 2, 1, Attribute.of("broadcast", 1L));
        assertGradient(mul, uniform(rnd, -1, 1, 2, 3, 4), uniform(rnd, -1, 1, 4));
    }

    @Test
    void powToBaseAndExponent() {
        for (long[][] s : SHAPES) {
            assertGradient(op("Pow", 15, 2, 1), uniform(rnd, 0.5, 2, s[0]), uniform(rnd, -2, 2, s[1]));
        }
        assertGradientFloat32(op("Pow", 15, 2, 1), uniform(rnd, 0.5, 2, 4, 3), uniform(rnd, -2, 2, 3));
        // an integer exponent gets no gradient, the base (negative included) does
        Tensor e = Tensor.of(new long[] {2, 3, -1}, 3);
        assertGradient(op("Pow", 15, 2, 1), nonZero(rnd, 2, 3), e);
    }

    @Test
    void powLimitsAtZero() {
        Op pow = op("Pow", 15, 2, 1);
        Tensor x = Tensor.of(new double[] {0, 0, 2}, 3);
        Tensor y = Tensor.of(new double[] {0, 2, 0}, 3);
        Tensor[] out = {(Tensor) pow.forward(new Tensor[] {x, y}, null)[0]};
        Tensor[] d = pow.backward(new Tensor[] {x, y}, out, new Tensor[] {Tensor.of(new double[] {1, 1, 1}, 3)});
        // 0^0: dX 0 (zero exponent), dY 0 (zero result); 0^2: dX 0, dY 0; 2^0: dX 0, dY ln 2
        assertArrayEquals(new double[] {0, 0, 0}, d[0].doubles());
        assertArrayEquals(new double[] {0, 0, Math.log(2)}, d[1].doubles(), 1e-15);
    }

    @Test
    void maxAndMinOfTwoAndThreeInputs() {
        for (String type : new String[] {"Max", "Min"}) {
            for (long[][] s : SHAPES) {
                assertGradient(op(type, 13, 2, 1), uniform(rnd, -2, 2, s[0]), uniform(rnd, -2, 2, s[1]));
            }
            assertGradient(op(type, 13, 3, 1), uniform(rnd, -2, 2, 2, 3), uniform(rnd, -2, 2, 3),
                    uniform(rnd, -2, 2, 2, 1));
            assertGradient(op(type, 13, 1, 1), uniform(rnd, -2, 2, 4));
            assertGradientFloat32(op(type, 13, 2, 1), uniform(rnd, -2, 2, 3, 4), uniform(rnd, -2, 2, 4));
        }
    }

    @Test
    void maxTiesGoToTheFirstInput() {
        Op max = op("Max", 13, 3, 1);
        Tensor a = Tensor.of(new double[] {1, 5, 2}, 3);
        Tensor b = Tensor.of(new double[] {1, 5, 3}, 3);
        Tensor c = Tensor.of(new double[] {0, 5, 3}, 3);
        Tensor[] in = {a, b, c};
        Tensor[] out = {(Tensor) max.forward(in, null)[0]};
        Tensor[] d = max.backward(in, out, new Tensor[] {Tensor.of(new double[] {10, 20, 30}, 3)});
        assertArrayEquals(new double[] {10, 20, 0}, d[0].doubles());
        assertArrayEquals(new double[] {0, 0, 30}, d[1].doubles());
        assertArrayEquals(new double[] {0, 0, 0}, d[2].doubles());
        // a broadcast input collects the gradient of every element it won
        Tensor s = Tensor.of(new double[] {4}, 1);
        Tensor[] in2 = {Tensor.of(new double[] {1, 9, 4}, 3), s};
        Tensor[] out2 = {(Tensor) op("Min", 13, 2, 1).forward(in2, null)[0]};
        Tensor[] d2 = op("Min", 13, 2, 1).backward(in2, out2, new Tensor[] {Tensor.of(new double[] {1, 2, 3}, 3)});
        assertArrayEquals(new double[] {1, 0, 3}, d2[0].doubles());
        assertArrayEquals(new double[] {2}, d2[1].doubles());
    }

    @Test
    void sumAndMeanOfBroadcastInputs() {
        for (String type : new String[] {"Sum", "Mean"}) {
            assertGradient(op(type, 13, 3, 1), uniform(rnd, -2, 2, 2, 3, 4), uniform(rnd, -2, 2, 4),
                    uniform(rnd, -2, 2, 3, 1));
            assertGradient(op(type, 13, 1, 1), uniform(rnd, -2, 2, 5));
            assertGradient(op(type, 13, 2, 1), uniform(rnd, -2, 2, 3), uniform(rnd, -2, 2));
            assertGradientFloat32(op(type, 13, 2, 1), uniform(rnd, -2, 2, 2, 3), uniform(rnd, -2, 2, 3));
        }
    }

    @Test
    void whereToXAndY() {
        boolean[] c = new boolean[12];
        for (int i = 0; i < c.length; i++) c[i] = rnd.nextBoolean();
        Tensor cond = Tensor.of(c, 3, 4);
        assertGradient(op("Where", 16, 3, 1), cond, uniform(rnd, -2, 2, 3, 4), uniform(rnd, -2, 2, 3, 4));
        // condition (3, 4), X (2, 1, 4), Y scalar
        assertGradient(op("Where", 16, 3, 1), cond, uniform(rnd, -2, 2, 2, 1, 4), uniform(rnd, -2, 2));
        // condition (4), X (3, 1): broadcast both ways
        assertGradient(op("Where", 16, 3, 1), Tensor.of(new boolean[] {true, false, false, true}, 4),
                uniform(rnd, -2, 2, 3, 1), uniform(rnd, -2, 2, 3, 4));
        assertGradientFloat32(op("Where", 16, 3, 1), cond, uniform(rnd, -2, 2, 4), uniform(rnd, -2, 2, 3, 1));
    }

    @Test
    void clipPassesTheGradientInsideTheBounds() {
        Tensor x = uniform(rnd, -3, 3, 4, 5);
        Op clip = op("Clip", 13, 3, 1);
        assertGradient(clip, new boolean[] {true, false, false}, x, Tensor.of(new double[] {-1}), Tensor.of(new double[] {1.5}));
        assertGradient(clip, new boolean[] {true, false, false}, x, null, Tensor.of(new double[] {0.5}));
        assertGradient(clip, new boolean[] {true, false, false}, x, Tensor.of(new double[] {-0.5}), null);
        // min > max: everything becomes max, no gradient
        assertGradient(clip, new boolean[] {true, false, false}, x, Tensor.of(new double[] {2}), Tensor.of(new double[] {1}));
        // opset 6: float attributes
        Op old = op("Clip", 6, 1, 1, Attribute.of("min", -0.25f), Attribute.of("max", 0.75f));
        assertGradient(old, x);
        Tensor[] in = {Tensor.of(new double[] {-2, 0.5, 2}, 3)};
        Tensor[] d = old.backward(in, new Tensor[] {(Tensor) old.forward(in, null)[0]},
                new Tensor[] {Tensor.of(new double[] {1, 2, 3}, 3)});
        assertArrayEquals(new double[] {0, 2, 0}, d[0].doubles());
        // float32: points away from the bounds
        assertGradientFloat32(op("Clip", 6, 1, 1, Attribute.of("min", -1.5f), Attribute.of("max", 1.5f)),
                Tensor.of(new double[] {-2, -1, 0.3, 0.9, 1.2, 2.5}, 6));
    }

    @Test
    void preluToXAndSlope() {
        assertGradient(op("PRelu", 16, 2, 1), uniform(rnd, -2, 2, 2, 3, 4), uniform(rnd, -1, 1, 3, 1));
        assertGradient(op("PRelu", 16, 2, 1), uniform(rnd, -2, 2, 5), uniform(rnd, -1, 1, 5));
        assertGradient(op("PRelu", 16, 2, 1), uniform(rnd, -2, 2, 3, 2), uniform(rnd, -1, 1, 1));
        assertGradientFloat32(op("PRelu", 16, 2, 1), nonZero(rnd, 2, 3), uniform(rnd, -1, 1, 3));
    }

    @Test
    void modToDividendAndDivisor() {
        // keep a / b away from the integers, where the quotient jumps
        Tensor a = Tensor.of(new double[] {5.3, -5.3, 7.9, -0.4, 2.6, -8.2}, 2, 3);
        Tensor b = Tensor.of(new double[] {2.1, -1.7, 3.1}, 3);
        assertGradient(op("Mod", 13, 2, 1, Attribute.of("fmod", 1L)), a, b);
        assertGradient(op("Mod", 13, 2, 1), a, b);
        Op mod = op("Mod", 13, 2, 1);
        Tensor[] in = {Tensor.of(new double[] {-7}, 1), Tensor.of(new double[] {3}, 1)};
        Tensor[] d = mod.backward(in, new Tensor[] {(Tensor) mod.forward(in, null)[0]}, new Tensor[] {Tensor.of(new double[] {1}, 1)});
        // -7 % 3 = 2 = -7 - 3 * (-3)
        assertArrayEquals(new double[] {3}, d[1].doubles());
    }

    @Test
    void integerInputsGetNoGradient() {
        Tensor a = Tensor.of(new long[] {1, 2}, 2);
        for (String type : new String[] {"Add", "BitwiseAnd", "Max"}) {
            Op o = op(type, 18, 2, 1);
            Tensor[] out = {(Tensor) o.forward(new Tensor[] {a, a}, null)[0]};
            Tensor[] d = o.backward(new Tensor[] {a, a}, out, new Tensor[1]);
            assertNull(d[0]);
            assertNull(d[1]);
        }
        Tensor e = Tensor.of(new double[] {2}, 1);
        Op pow = op("Pow", 15, 2, 1);
        Tensor[] out = {(Tensor) pow.forward(new Tensor[] {a, e}, null)[0]};
        Tensor[] d = pow.backward(new Tensor[] {a, e}, out, new Tensor[1]);
        assertNull(d[1], "an integer result has no gradient");
    }
}
