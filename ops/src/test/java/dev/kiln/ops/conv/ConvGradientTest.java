package dev.kiln.ops.conv;

import static dev.kiln.ops.linalg.GradChecks.all;
import static dev.kiln.ops.linalg.GradChecks.check;
import static dev.kiln.ops.linalg.GradChecks.rand;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.kiln.ops.linalg.Nodes;
import dev.kiln.runtime.graph.Attribute;
import dev.kiln.runtime.graph.Attributes;
import dev.kiln.runtime.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ConvGradientTest {
    @Test
    void handComputedGradients() {
        // x (1, 1, 3, 3) = 0..8, w = [[1, 0], [0, -1]], dY = ones (2, 2): y[i, j] = x[i, j] - x[i+1, j+1]
        Conv op = new Conv(Nodes.node("Conv", 3, 1));
        Tensor x = Tensor.of(new float[] {0, 1, 2, 3, 4, 5, 6, 7, 8}, 1, 1, 3, 3);
        Tensor w = Tensor.of(new float[] {1, 0, 0, -1}, 1, 1, 2, 2);
        Tensor b = Tensor.of(new float[] {0.5f}, 1);
        Tensor dy = Tensor.of(new float[] {1, 1, 1, 1}, 1, 1, 2, 2);
        Tensor[] g = op.backward(new Tensor[] {x, w, b}, null, new Tensor[] {dy});
        // x[i, j] gets +1 from y[i, j] (i, j < 2) and -1 from y[i-1, j-1] (i, j >= 1)
        assertArrayEquals(new float[] {1, 1, 0, 1, 0, -1, 0, -1, -1}, g[0].floats());
        // dW[a, b] = sum of the 2x2 block of x at (a, b)
        assertArrayEquals(new float[] {8, 12, 20, 24}, g[1].floats());
        assertArrayEquals(new float[] {4}, g[2].floats());
    }

    @Test
    void im2colBackwardMatchesDirectLoops() {
        Random rnd = new Random(17);
        int done = 0;
        for (int t = 0; t < 60; t++) {
            int r = 1 + t % 3;
            int group = 1 + rnd.nextInt(3);
            int cg = 1 + rnd.nextInt(3), mg = 1 + rnd.nextInt(3);
            int batch = 1 + rnd.nextInt(2);
            int[] in = new int[r], k = new int[r];
            long[] strides = new long[r], dil = new long[r], pads = new long[2 * r];
            for (int a = 0; a < r; a++) {
                in[a] = 3 + rnd.nextInt(r == 3 ? 4 : 9);
                k[a] = 1 + rnd.nextInt(3);
                strides[a] = 1 + rnd.nextInt(3);
                dil[a] = 1 + rnd.nextInt(2);
                pads[a] = rnd.nextInt(3);
                pads[a + r] = rnd.nextInt(3);
            }
            List<Attribute> attrs = new ArrayList<>(List.of(Attribute.ofInts("strides", strides),
                    Attribute.ofInts("dilations", dil)));
            int mode = rnd.nextInt(4);
            if (mode == 0) attrs.add(Attribute.of("auto_pad", "SAME_UPPER"));
            else if (mode == 1) attrs.add(Attribute.of("auto_pad", "SAME_LOWER"));
            else attrs.add(Attribute.ofInts("pads", pads));
            Geometry g;
            try {
                g = new Window(new Attributes(attrs)).resolve(in, k, false);
            } catch (IllegalArgumentException tooSmall) {
                continue;
            }
            compareWithReference(rnd, g, batch, cg * group, mg * group, group, "case " + t);
            done++;
        }
        assertEquals(true, done > 40, "too few valid cases: " + done);
    }

    @Test
    void pointwiseAndChunkedBackwardMatchDirectLoops() {
        Random rnd = new Random(3);
        // 1x1 kernel, stride 1, no pads: the GEMM-only path
        Geometry pointwise = new Window(new Attributes(List.of())).resolve(new int[] {5, 7}, new int[] {1, 1}, false);
        compareWithReference(rnd, pointwise, 2, 6, 4, 2, "pointwise");
        // columns (16 * 9) x (92 * 92) exceed the im2col budget: several chunks of lines
        Geometry big = new Window(new Attributes(List.of(Attribute.ofInts("pads", 1, 1, 1, 1))))
                .resolve(new int[] {92, 92}, new int[] {3, 3}, false);
        compareWithReference(rnd, big, 1, 16, 2, 1, "chunked");
    }

    @Test
    void finiteDifferences() {
        SplittableRandom rnd = new SplittableRandom(23);
        // 2-D: stride 2, asymmetric pads, dilation, groups, batch 2
        check("Conv 2-D strided grouped", conv(Attribute.ofInts("strides", 2, 1), Attribute.ofInts("pads", 1, 0, 2, 1),
                Attribute.ofInts("dilations", 1, 2), Attribute.of("group", 2L)),
                new Tensor[] {rand(rnd, 2, 4, 7, 6), rand(rnd, 6, 2, 3, 2), rand(rnd, 6)}, all(3));
        // 2-D SAME_LOWER, no bias, odd sizes
        check("Conv 2-D SAME_LOWER", conv(Attribute.of("auto_pad", "SAME_LOWER"), Attribute.ofInts("strides", 2, 2)),
                new Tensor[] {rand(rnd, 1, 3, 5, 5), rand(rnd, 2, 3, 2, 3)}, all(2));
        // depthwise 1-D
        check("Conv 1-D depthwise", conv(Attribute.of("group", 3L), Attribute.ofInts("pads", 2, 1)),
                new Tensor[] {rand(rnd, 2, 3, 9), rand(rnd, 3, 1, 4), rand(rnd, 3)}, all(3));
        // 3-D
        check("Conv 3-D", conv(Attribute.ofInts("strides", 1, 2, 1), Attribute.ofInts("pads", 1, 0, 0, 0, 1, 1)),
                new Tensor[] {rand(rnd, 1, 2, 3, 4, 3), rand(rnd, 2, 2, 2, 2, 2), rand(rnd, 2)}, all(3));
        // pointwise
        check("Conv 1x1", conv(), new Tensor[] {rand(rnd, 2, 3, 3, 2), rand(rnd, 4, 3, 1, 1), rand(rnd, 4)}, all(3));
    }

    private static Conv conv(Attribute... attrs) { return new Conv(Nodes.node("Conv", 3, 1, attrs)); }

    private static void compareWithReference(Random rnd, Geometry g, int batch, int c, int m, int group, String what) {
        int cg = c / group;
        double[] x = random(rnd, batch * c * g.inSize());
        double[] w = random(rnd, m * cg * g.kernelSize());
        double[] dy = random(rnd, batch * m * g.outSize());
        double[] dxRef = new double[x.length], dwRef = new double[w.length];
        ConvReference.convBackward(x, batch, c, w, m, dy, g, group, dxRef, dwRef);
        float[] dx = new float[x.length], dw = new float[w.length];
        Conv.convBackwardFloat(toFloats(x), batch, c, toFloats(w), m, toFloats(dy), g, group, dx, dw);
        assertClose(dxRef, dx, what + " dX");
        assertClose(dwRef, dw, what + " dW");
    }

    private static void assertClose(double[] expected, float[] actual, String what) {
        assertEquals(expected.length, actual.length, what);
        double scale = 1;
        for (double e : expected) scale = Math.max(scale, Math.abs(e));
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual[i], 1e-5 * scale, what + " at " + i);
        }
    }

    private static double[] random(Random rnd, int n) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) v[i] = (float) rnd.nextGaussian();
        return v;
    }

    private static float[] toFloats(double[] d) {
        float[] f = new float[d.length];
        for (int i = 0; i < d.length; i++) f[i] = (float) d[i];
        return f;
    }
}
