package dev.kiln.runtime.exec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kiln.runtime.graph.Attributes;
import dev.kiln.runtime.graph.Graph;
import dev.kiln.runtime.graph.Model;
import dev.kiln.runtime.graph.Node;
import dev.kiln.runtime.graph.ValueInfo;
import dev.kiln.runtime.graph.ValueType;
import dev.kiln.runtime.op.OpRegistry;
import dev.kiln.runtime.op.TensorOp;
import dev.kiln.runtime.tensor.DType;
import dev.kiln.runtime.tensor.Tensor;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BackpropTest {
    /** y = x * x (float64). */
    static class Sq extends TensorOp {
        @Override
        protected Tensor[] compute(Tensor[] in) {
            double[] x = in[0].doubles();
            double[] y = new double[x.length];
            for (int i = 0; i < x.length; i++) y[i] = x[i] * x[i];
            return new Tensor[] {Tensor.wrap(DType.FLOAT64, in[0].shape(), y)};
        }

        // y = x^2  =>  dX = 2 x dY
        @Override
        public Tensor[] backward(Tensor[] in, Tensor[] out, Tensor[] dOut) {
            double[] x = in[0].doubles();
            double[] dy = dOut[0].doubles();
            double[] dx = new double[x.length];
            for (int i = 0; i < x.length; i++) dx[i] = 2 * x[i] * dy[i];
            return new Tensor[] {Tensor.wrap(DType.FLOAT64, in[0].shape(), dx)};
        }
    }

    /** y = a + b (float64, same shapes). */
    static final class Sum2 extends TensorOp {
        @Override
        protected Tensor[] compute(Tensor[] in) {
            double[] a = in[0].doubles();
            double[] b = in[1].doubles();
            double[] y = new double[a.length];
            for (int i = 0; i < a.length; i++) y[i] = a[i] + b[i];
            return new Tensor[] {Tensor.wrap(DType.FLOAT64, in[0].shape(), y)};
        }

        // y = a + b  =>  dA = dY, dB = dY
        @Override
        public Tensor[] backward(Tensor[] in, Tensor[] out, Tensor[] dOut) {
            return new Tensor[] {dOut[0], dOut[0]};
        }
    }

    private static final OpRegistry REG = new OpRegistry().add("Sq", 1, 1, 1, n -> new Sq()).add("Sum2", 1, 2, 2, n -> new Sum2());

    @Test
    void gradientsSumWhereAValueFansOut() {
        // s = w^2 ; y = s + s + x  =>  dy/dw = 4 w, dy/dx = 1
        Graph g = new Graph("g", List.of(ValueInfo.of("x", ValueType.tensor(DType.FLOAT64, null))),
                List.of(ValueInfo.of("y", ValueType.unknown())),
                Map.of("w", Tensor.of(new double[] {3, -1}, 2)),
                List.of(new Node("sq", "", "Sq", List.of("w"), List.of("s"), Attributes.EMPTY),
                        new Node("a", "", "Sum2", List.of("s", "s"), List.of("t"), Attributes.EMPTY),
                        new Node("b", "", "Sum2", List.of("t", "x"), List.of("y"), Attributes.EMPTY)),
                List.of(), Map.of("", 13));
        Backprop bp = new Backprop(Model.of(g), REG);
        var tape = bp.forward(Map.of("x", Tensor.of(new double[] {10, 20}, 2)));
        assertArrayEquals(new double[] {28, 22}, tape.tensor("y").doubles());
        var grads = tape.backward(Map.of("y", Tensor.of(new double[] {1, 1}, 2)), List.of("w", "x"));
        assertArrayEquals(new double[] {12, -4}, grads.get("w").doubles());
        assertArrayEquals(new double[] {1, 1}, grads.get("x").doubles());
        // seeds other than ones scale the gradient
        var g2 = tape.backward(Map.of("y", Tensor.of(new double[] {2, 0}, 2)), List.of("w"));
        assertArrayEquals(new double[] {24, 0}, g2.get("w").doubles(), 0.0);
        // parameters can be overridden per call
        var g3 = bp.gradients(Map.of("x", Tensor.of(new double[] {0, 0}, 2), "w", Tensor.of(new double[] {1, 1}, 2)), "y", List.of("w"));
        assertArrayEquals(new double[] {4, 4}, g3.get("w").doubles());
    }

    @Test
    void gradientCheckAcceptsACorrectBackwardAndRejectsAWrongOne() {
        Tensor x = Tensor.of(new double[] {0.3, -1.2, 2.0}, 3);
        var ok = GradientCheck.check(new Sq(), new Tensor[] {x}, new boolean[] {true}, 1e-6, 1);
        assertTrue(ok.relativeError() < 1e-6, "error " + ok.relativeError());
        TensorOp wrong = new Sq() {
            @Override
            public Tensor[] backward(Tensor[] in, Tensor[] out, Tensor[] dOut) {
                Tensor[] g = super.backward(in, out, dOut);
                g[0].doubles()[1] *= 1.01;
                return g;
            }
        };
        var bad = GradientCheck.check(wrong, new Tensor[] {x}, new boolean[] {true}, 1e-6, 1);
        assertFalse(bad.relativeError() < 1e-6);
        assertEquals(0, bad.worstInput());
    }
}
