package dev.kiln.ops.conv;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.kiln.runtime.graph.Attribute;
import dev.kiln.runtime.graph.Attributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ConvTest {
    @Test
    void referenceMatchesHandComputedConv() {
        // x (1, 1, 3, 3) = 0..8, w (1, 1, 2, 2) = [[1, 0], [0, -1]], no pads: y[i, j] = x[i, j] - x[i+1, j+1]
        double[] x = {0, 1, 2, 3, 4, 5, 6, 7, 8};
        double[] w = {1, 0, 0, -1};
        Geometry g = window(List.of()).resolve(new int[] {3, 3}, new int[] {2, 2}, false);
        double[] y = ConvReference.conv(x, 1, 1, w, 1, new double[] {0.5}, g, 1);
        assertArrayEquals(new double[] {-3.5, -3.5, -3.5, -3.5}, y, 1e-12);
    }

    @Test
    void sameLowerPutsTheOddPadFirst() {
        Geometry g = window(List.of(Attribute.of("auto_pad", "SAME_LOWER"), Attribute.ofInts("strides", 2, 2)))
                .resolve(new int[] {6, 6}, new int[] {3, 2}, false);
        // out = ceil(in / 2) = (3, 3); total pad = (out - 1) * 2 + k - in = (1, 0); SAME_LOWER pads first
        assertArrayEquals(new int[] {3, 3}, g.out);
        assertArrayEquals(new int[] {1, 0}, g.padBegin);
        assertArrayEquals(new int[] {0, 0}, g.padEnd);
    }

    @Test
    void im2colGemmMatchesDirectConv() {
        Random rnd = new Random(7);
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
                strides[a] = 1 + rnd.nextInt(2);
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
                g = window(attrs).resolve(in, k, false);
            } catch (IllegalArgumentException tooSmall) {
                continue;
            }
            int c = cg * group, m = mg * group;
            double[] x = random(rnd, batch * c * g.inSize());
            double[] w = random(rnd, m * cg * g.kernelSize());
            double[] b = rnd.nextBoolean() ? random(rnd, m) : null;
            double[] expected = ConvReference.conv(x, batch, c, w, m, b, g, group);
            float[] actual = Conv.convFloat(toFloats(x), batch, c, toFloats(w), m, b == null ? null : toFloats(b), g, group);
            assertClose(expected, actual, "conv case " + t);
        }
    }

    @Test
    void gemmCol2imMatchesDirectConvTranspose() {
        Random rnd = new Random(11);
        for (int t = 0; t < 40; t++) {
            int r = 1 + t % 3;
            int group = 1 + rnd.nextInt(2);
            int cg = 1 + rnd.nextInt(3), mg = 1 + rnd.nextInt(3);
            int[] in = new int[r], k = new int[r], s = new int[r], d = new int[r], pb = new int[r], out = new int[r];
            for (int a = 0; a < r; a++) {
                in[a] = 1 + rnd.nextInt(r == 3 ? 3 : 6);
                k[a] = 1 + rnd.nextInt(3);
                s[a] = 1 + rnd.nextInt(3);
                d[a] = 1 + rnd.nextInt(2);
                pb[a] = rnd.nextInt(2);
                out[a] = Math.max(1, s[a] * (in[a] - 1) + (k[a] - 1) * d[a] + 1 - pb[a] - rnd.nextInt(2) + rnd.nextInt(2));
            }
            Geometry g = new Geometry(in, k, s, d, pb, new int[r], out);
            int c = cg * group, m = mg * group;
            double[] x = random(rnd, c * g.inSize());
            double[] w = random(rnd, c * mg * g.kernelSize());
            double[] b = random(rnd, m);
            double[] expected = ConvReference.convTranspose(x, 1, c, w, m, b, g, group);
            float[] actual = ConvTranspose.convTransposeFloat(toFloats(x), 1, c, toFloats(w), m, toFloats(b), g, group);
            assertClose(expected, actual, "convTranspose case " + t);
        }
    }

    private static Window window(List<Attribute> attrs) { return new Window(new Attributes(attrs)); }

    private static void assertClose(double[] expected, float[] actual, String what) {
        assertEquals(expected.length, actual.length, what);
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual[i], 1e-4 * (1 + Math.abs(expected[i])), what + " at " + i);
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
