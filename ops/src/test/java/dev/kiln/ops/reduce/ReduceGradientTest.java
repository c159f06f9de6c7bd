package dev.kiln.ops.reduce;

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

class ReduceGradientTest {
    private static final String[] ALL = {"ReduceSum", "ReduceMean", "ReduceMax", "ReduceMin", "ReduceProd", "ReduceL1",
        "ReduceL2", "ReduceLogSumExp", "ReduceSumSquare", "ReduceLogSum"};

    private final SplittableRandom rnd = new SplittableRandom(17);

    /** Data suited to each reduction: positive for ReduceLogSum, away from 0 for ReduceL1. */
    private Tensor data(String type, long... dims) {
        if (type.equals("ReduceLogSum")) return uniform(rnd, 0.2, 2, dims);
        return nonZero(rnd, dims);
    }

    @Test
    void axesAsInputWithAndWithoutKeepdims() {
        // opset 18: axes is input 1
        long[][] axes = {{1}, {0, 2}, {-1}, {0, 1, 2}};
        for (String type : ALL) {
            for (long[] a : axes) {
                for (long keep : new long[] {0, 1}) {
                    Op op = op(type, 18, 2, 1, Attribute.of("keepdims", keep));
                    assertGradient(op, data(type, 2, 3, 4), Tensor.vector(a));
                }
            }
            // every axis (axes absent), a rank-1 input, a scalar
            assertGradient(op(type, 18, 1, 1), data(type, 3, 5));
            assertGradient(op(type, 18, 1, 1, Attribute.of("keepdims", 0L)), data(type, 7));
            assertGradient(op(type, 18, 1, 1), data(type));
            // noop_with_empty_axes: the identity
            assertGradient(op(type, 18, 2, 1, Attribute.of("noop_with_empty_axes", 1L)), data(type, 2, 3), Tensor.vector());
            assertGradientFloat32(op(type, 18, 2, 1), data(type, 3, 4), Tensor.vector(1));
        }
    }

    @Test
    void axesAsAttribute() {
        for (String type : ALL) {
            Op op = op(type, 13, 1, 1, Attribute.ofInts("axes", 0, -1), Attribute.of("keepdims", 0L));
            if (type.equals("ReduceSum")) op = op(type, 11, 1, 1, Attribute.ofInts("axes", 0, -1), Attribute.of("keepdims", 0L));
            assertGradient(op, data(type, 3, 2, 4));
        }
        // ReduceSum takes axes as an input from opset 13
        assertGradient(op("ReduceSum", 13, 2, 1), uniform(rnd, -1, 1, 3, 4), Tensor.vector(0));
    }

    @Test
    void prodWithZeros() {
        Op prod = op("ReduceProd", 18, 2, 1);
        // rows: no zero, one zero, two zeros
        Tensor x = Tensor.of(new double[] {2, 3, 0.5, 0, 4, -2, 0, 5, 0}, 3, 3);
        assertGradient(prod, x, Tensor.vector(1));
        Tensor[] in = {x, Tensor.vector(1)};
        Tensor[] out = {(Tensor) prod.forward(in, null)[0]};
        Tensor[] d = prod.backward(in, out, new Tensor[] {Tensor.of(new double[] {1, 1, 1}, 3, 1)});
        assertArrayEquals(new double[] {1.5, 1, 6, -8, 0, 0, 0, 0, 0}, d[0].doubles());
        assertNull(d[1]);
    }

    @Test
    void maxAndMinTiesGoToTheFirstPosition() {
        Tensor x = Tensor.of(new double[] {1, 3, 3, -2, -2, 0}, 2, 3);
        Tensor[] in = {x};
        Tensor dY = Tensor.of(new double[] {5, 7}, 2, 1);
        Op max = op("ReduceMax", 13, 1, 1, Attribute.ofInts("axes", 1));
        Tensor[] d = max.backward(in, new Tensor[] {(Tensor) max.forward(in, null)[0]}, new Tensor[] {dY});
        assertArrayEquals(new double[] {0, 5, 0, 0, 0, 7}, d[0].doubles());
        Op min = op("ReduceMin", 13, 1, 1, Attribute.ofInts("axes", 1));
        d = min.backward(in, new Tensor[] {(Tensor) min.forward(in, null)[0]}, new Tensor[] {dY});
        assertArrayEquals(new double[] {5, 0, 0, 7, 0, 0}, d[0].doubles());
    }

    @Test
    void cumSumEveryDirection() {
        for (long exclusive : new long[] {0, 1}) {
            for (long reverse : new long[] {0, 1}) {
                Op op = op("CumSum", 14, 2, 1, Attribute.of("exclusive", exclusive), Attribute.of("reverse", reverse));
                assertGradient(op, uniform(rnd, -2, 2, 3, 4, 2), Tensor.scalar(1L));
                assertGradient(op, uniform(rnd, -2, 2, 3, 4), Tensor.of(new int[] {-1}));
                assertGradient(op, uniform(rnd, -2, 2, 5), Tensor.scalar(0L));
                assertGradientFloat32(op, uniform(rnd, -2, 2, 2, 5), Tensor.scalar(1L));
            }
        }
        // y = cumsum([a, b, c]) = [a, a+b, a+b+c] => dX = [1+1+1, 1+1, 1] for dY = 1
        Op cs = op("CumSum", 14, 2, 1);
        Tensor[] in = {Tensor.of(new double[] {1, 2, 3}, 3), Tensor.scalar(0L)};
        Tensor[] d = cs.backward(in, new Tensor[] {(Tensor) cs.forward(in, null)[0]},
                new Tensor[] {Tensor.of(new double[] {1, 1, 1}, 3)});
        assertArrayEquals(new double[] {3, 2, 1}, d[0].doubles());
        assertNull(d[1]);
    }
}
