package dev.kiln.ops.norm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.kiln.ops.linalg.Nodes;
import dev.kiln.runtime.graph.Attribute;
import dev.kiln.runtime.op.Op;
import dev.kiln.runtime.tensor.DType;
import dev.kiln.runtime.tensor.Shape;
import dev.kiln.runtime.tensor.Tensor;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The Vector API Softmax, LogSoftmax and LayerNormalization kernels against the reference path
 * (the op run on a float64 copy of the input, which always takes the double-precision loop).
 */
class NormKernelsTest {
    private static final int[][] SHAPES = {{1, 1}, {3, 7}, {2, 8}, {5, 9}, {4, 33}, {2, 3, 100}, {300, 384}, {7, 1000}};

    @Test
    void softmaxAndLogSoftmaxKernelsMatchTheReference() {
        Random rnd = new Random(3);
        Op softmax = Nodes.create(Softmax::new, Nodes.node("Softmax", 1, 1), 13, 13);
        Op logSoftmax = Nodes.create(LogSoftmax::new, Nodes.node("LogSoftmax", 1, 1), 13, 13);
        for (int[] s : SHAPES) {
            Tensor x = random(rnd, s, 4);
            if (s[0] == 5) x.floats()[3] = Float.NEGATIVE_INFINITY;
            int n = s[s.length - 1], rows = x.size() / n;
            float[] y = new float[x.size()], ly = new float[x.size()];
            SoftmaxKernel.rows(x.floats(), y, rows, n, false);
            SoftmaxKernel.rows(x.floats(), ly, rows, n, true);
            Tensor x64 = Tensor.fromDoubles(DType.FLOAT64, x.shape(), x.toDoubleArray());
            assertClose(Nodes.run(softmax, x64)[0].toDoubleArray(), y, 1e-6, "softmax " + x.shape());
            assertClose(Nodes.run(logSoftmax, x64)[0].toDoubleArray(), ly, 1e-6, "log-softmax " + x.shape());
            // the float32 op dispatches to the kernel
            assertClose(toDoubles(y), Nodes.run(softmax, x)[0].floats(), 0, "softmax op " + x.shape());
        }
    }

    @Test
    void layerNormalizationKernelMatchesTheReference() {
        Random rnd = new Random(4);
        Op ln = Nodes.create((n, c) -> new LayerNormalization(n),
                Nodes.node("LayerNormalization", 3, 3, Attribute.of("epsilon", 1e-5f)), 17, 17);
        for (int[] s : SHAPES) {
            Tensor x = random(rnd, s, 3);
            for (int i = 0; i < x.size(); i++) x.floats()[i] += 5;
            int n = s[s.length - 1];
            Tensor scale = random(rnd, new int[] {n}, 1), bias = random(rnd, new int[] {n}, 1);
            for (Tensor b : new Tensor[] {bias, null}) {
                Tensor[] out32 = Nodes.run(ln, x, scale, b);
                Tensor[] out64 = Nodes.run(ln, to64(x), to64(scale), b == null ? null : to64(b));
                String what = "layer norm " + x.shape() + (b == null ? " no bias" : "");
                assertClose(out64[0].toDoubleArray(), out32[0].floats(), 2e-5, what);
                assertClose(out64[1].toDoubleArray(), out32[1].floats(), 2e-6, what + " mean");
                assertClose(out64[2].toDoubleArray(), out32[2].floats(), 2e-5, what + " inv std");
            }
        }
    }

    private static void assertClose(double[] expected, float[] actual, double tol, String what) {
        assertEquals(expected.length, actual.length, what);
        for (int i = 0; i < expected.length; i++) {
            if (Double.isNaN(expected[i])) {
                assertEquals(Float.NaN, actual[i], what + " at " + i);
                continue;
            }
            assertEquals(expected[i], actual[i], tol * (1 + Math.abs(expected[i])), what + " at " + i);
        }
    }

    private static Tensor random(Random rnd, int[] shape, double scale) {
        long[] dims = new long[shape.length];
        int size = 1;
        for (int i = 0; i < shape.length; i++) {
            dims[i] = shape[i];
            size *= shape[i];
        }
        float[] v = new float[size];
        for (int i = 0; i < size; i++) v[i] = (float) (rnd.nextGaussian() * scale);
        return Tensor.wrap(DType.FLOAT32, Shape.of(dims), v);
    }

    private static Tensor to64(Tensor t) { return Tensor.fromDoubles(DType.FLOAT64, t.shape(), t.toDoubleArray()); }

    private static double[] toDoubles(float[] f) {
        double[] d = new double[f.length];
        for (int i = 0; i < f.length; i++) d[i] = f[i];
        return d;
    }
}
