package dev.kiln.ops.conv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
        // positions a multiple of 64: X read in place up to its very last float
        check(rnd, false, 2, 5, 7, 1, new int[] {16, 8}, new int[] {1, 1}, new int[] {1, 1}, new int[] {0, 0});
        check(rnd, false, 1, 4, 6, 2, new int[] {8, 25}, new int[] {1, 1}, new int[] {1, 1}, new int[] {0, 0});
    }

    @Test
    void everyPathMatchesTheReferenceOnRandomGeometries() {
        // stride 1 (the padded in-place path when its wide grid is small enough), strides along
        // the rows only (vector im2col), along the last axis (scalar im2col), dilations,
        // asymmetric pads, groups, batches, ranks 1 to 3, tiny and odd sizes
        Random rnd = new Random(31);
        for (int r = 0; r < 60; r++) {
            int rank = 1 + rnd.nextInt(3);
            int group = 1 + rnd.nextInt(3);
            int c = group * (1 + rnd.nextInt(4)), m = group * (1 + rnd.nextInt(7));
            int[] in = new int[rank], k = new int[rank], stride = new int[rank], dil = new int[rank];
            int[] pb = new int[rank], pe = new int[rank], out = new int[rank];
            for (int a = 0; a < rank; a++) {
                k[a] = 1 + rnd.nextInt(3);
                dil[a] = rnd.nextInt(4) == 0 ? 2 : 1;
                stride[a] = rnd.nextInt(3) == 0 ? 2 : 1;
                pb[a] = rnd.nextInt(3);
                pe[a] = rnd.nextInt(3);
                in[a] = (k[a] - 1) * dil[a] + 1 + rnd.nextInt(rank == 3 ? 6 : 20);
                out[a] = (in[a] + pb[a] + pe[a] - (k[a] - 1) * dil[a] - 1) / stride[a] + 1;
            }
            if (rnd.nextBoolean()) java.util.Arrays.fill(stride, 1);
            for (int a = 0; a < rank; a++) out[a] = (in[a] + pb[a] + pe[a] - (k[a] - 1) * dil[a] - 1) / stride[a] + 1;
            checkAny(rnd, 1 + rnd.nextInt(3), c, m, group, new Geometry(in, k, stride, dil, pb, pe, out), rnd.nextBoolean());
        }
    }

    @Test
    void strideOneConvolutionsUseThePaddedGrid() {
        Random rnd = new Random(37);
        Geometry g = new Geometry(new int[] {13, 29}, new int[] {3, 3}, new int[] {1, 1}, new int[] {1, 1},
                new int[] {1, 1}, new int[] {1, 1}, new int[] {13, 29});
        assertTrue(ConvShifted.applies(g));
        checkAny(rnd, 2, 6, 10, 1, g, true);
        checkAny(rnd, 1, 8, 12, 2, g, false);
        Geometry tall = new Geometry(new int[] {40, 3}, new int[] {1, 3}, new int[] {1, 1}, new int[] {1, 1},
                new int[] {0, 2}, new int[] {0, 2}, new int[] {40, 5});
        assertTrue(ConvShifted.applies(tall) == false, "a wide grid of 7 columns for 5 is too wasteful");
        checkAny(rnd, 1, 3, 5, 1, tall, true);
    }

    private static void checkAny(Random rnd, int batch, int c, int m, int group, Geometry g, boolean withBias) {
        double[] x = random(rnd, batch * c * g.inSize());
        double[] w = random(rnd, m * (c / group) * g.kernelSize());
        double[] b = withBias ? random(rnd, m) : null;
        double[] expected = ConvReference.conv(x, batch, c, w, m, b, g, group);
        float[] actual = ConvGemm.forward(floats(x), batch, c, floats(w), m, b == null ? null : floats(b), g, group);
        String what = "in " + java.util.Arrays.toString(g.in) + " k " + java.util.Arrays.toString(g.kernel)
                + " stride " + java.util.Arrays.toString(g.stride) + " dil " + java.util.Arrays.toString(g.dilation)
                + " pads " + java.util.Arrays.toString(g.padBegin) + java.util.Arrays.toString(g.padEnd)
                + " batch " + batch + " c " + c + " m " + m + " group " + group;
        assertEquals(expected.length, actual.length, what);
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual[i], 1e-4 * (1 + Math.abs(expected[i])), what + " at " + i);
        }
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
