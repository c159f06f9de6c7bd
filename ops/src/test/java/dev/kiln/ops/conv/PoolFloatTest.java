package dev.kiln.ops.conv;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The float32 max- and average-pooling loops against the double-precision pooling loop they shortcut. */
class PoolFloatTest {
    @Test
    void handComputedWindowsWithPaddingAndNaN() {
        // x (1, 4): [1, NaN, 3, 2], kernel 2, stride 1, pads 1: windows [pad,1] [1,NaN] [NaN,3] [3,2] [2,pad]
        Geometry g = new Geometry(new int[] {4}, new int[] {2}, new int[] {1}, new int[] {1}, new int[] {1},
                new int[] {1}, new int[] {5});
        float[] y = new Pooling(g).maxFloat(new float[] {1, Float.NaN, 3, 2}, 1);
        assertArrayEquals(new float[] {1, 1, 3, 3, 2}, y, 0f);
    }

    @Test
    void maxAndAverageMatchTheDoubleLoopOnRandomGeometries() {
        Random rnd = new Random(41);
        for (int t = 0; t < 40; t++) {
            int r = 1 + rnd.nextInt(3);
            int[] in = new int[r], k = new int[r], s = new int[r], d = new int[r], pb = new int[r], pe = new int[r];
            int[] out = new int[r];
            for (int a = 0; a < r; a++) {
                k[a] = 1 + rnd.nextInt(3);
                s[a] = 1 + rnd.nextInt(2);
                d[a] = 1 + rnd.nextInt(2);
                pb[a] = rnd.nextInt(k[a]);
                pe[a] = rnd.nextInt(k[a]);
                in[a] = (k[a] - 1) * d[a] + 1 + rnd.nextInt(7);
                out[a] = (in[a] + pb[a] + pe[a] - (k[a] - 1) * d[a] - 1) / s[a] + 1;
            }
            Geometry g = new Geometry(in, k, s, d, pb, pe, out);
            int planes = 1 + rnd.nextInt(4);
            float[] x = new float[planes * g.inSize()];
            double[] xd = new double[x.length];
            for (int i = 0; i < x.length; i++) {
                x[i] = rnd.nextInt(10) == 0 ? Float.NaN : (float) rnd.nextGaussian();
                xd[i] = x[i];
            }
            Pooling p = new Pooling(g);
            double[] expected = p.run(xd, planes, Pooling.Kind.MAX, false, 0, null, false);
            float[] actual = p.maxFloat(x, planes);
            assertEquals(expected.length, actual.length);
            for (int i = 0; i < expected.length; i++) assertEquals((float) expected[i], actual[i], 0f, "case " + t + " at " + i);
            boolean includePad = rnd.nextBoolean();
            double[] avgExpected = p.run(xd, planes, Pooling.Kind.AVG, includePad, 0, null, false);
            float[] avgActual = p.averageFloat(x, planes, includePad);
            for (int i = 0; i < avgExpected.length; i++) {
                assertEquals((float) avgExpected[i], avgActual[i], 0f, "average, case " + t + " at " + i);
            }
        }
    }
}
