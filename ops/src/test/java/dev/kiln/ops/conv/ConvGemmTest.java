package dev.kiln.ops.conv;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.kiln.ops.linalg.Sgemm;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The threaded im2col + GEMM kernel against the double-precision direct convolution. */
class ConvGemmTest {
    @Test
    void largeConvolutionsMatchTheReference() {
        // each is above Sgemm.PARALLEL_MACS multiply-adds, so im2col chunks are spread over the threads
        Random rnd = new Random(17);
        check(rnd, true, 1, 16, 32, 1, new int[] {48, 48}, new int[] {3, 3}, new int[] {1, 1}, new int[] {1, 1});
        check(rnd, true, 2, 24, 32, 2, new int[] {60, 66}, new int[] {3, 2}, new int[] {2, 1}, new int[] {0, 1});
        check(rnd, true, 1, 8, 64, 1, new int[] {9, 20, 20}, new int[] {3, 3, 3}, new int[] {1, 1, 1}, new int[] {1, 1, 1});
    }

    @Test
    void pointwiseConvolutionMatchesTheReference() {
        Random rnd = new Random(19);
        check(rnd, true, 2, 48, 96, 1, new int[] {31, 31}, new int[] {1, 1}, new int[] {1, 1}, new int[] {0, 0});
        check(rnd, false, 1, 6, 9, 3, new int[] {7, 5}, new int[] {1, 1}, new int[] {1, 1}, new int[] {0, 0});
    }

    private static void check(Random rnd, boolean large, int batch, int c, int m, int group, int[] in, int[] k,
                              int[] stride, int[] pad) {
        int r = in.length;
        int[] dil = new int[r], out = new int[r];
        for (int a = 0; a < r; a++) {
            dil[a] = 1;
            out[a] = (in[a] + 2 * pad[a] - k[a]) / stride[a] + 1;
        }
        Geometry g = new Geometry(in, k, stride, dil, pad, pad, out);
        long macs = (long) batch * m * g.outSize() * (c / group) * g.kernelSize();
        assertEquals(large, macs >= Sgemm.PARALLEL_MACS, "large means above the parallel bound: " + macs);
        double[] x = random(rnd, batch * c * g.inSize());
        double[] w = random(rnd, m * (c / group) * g.kernelSize());
        double[] b = random(rnd, m);
        double[] expected = ConvReference.conv(x, batch, c, w, m, b, g, group);
        float[] actual = ConvGemm.forward(floats(x), batch, c, floats(w), m, floats(b), g, group);
        assertEquals(expected.length, actual.length);
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual[i], 1e-4 * (1 + Math.abs(expected[i])), "at " + i);
        }
    }

    private static double[] random(Random rnd, int n) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) v[i] = (float) rnd.nextGaussian();
        return v;
    }

    private static float[] floats(double[] d) {
        float[] f = new float[d.length];
        for (int i = 0; i < d.length; i++) f[i] = (float) d[i];
        return f;
    }
}
