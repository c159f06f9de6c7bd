package dev.kiln.ops.signal;

import dev.kiln.runtime.tensor.DType;
import dev.kiln.runtime.tensor.MemoryBudget;

/**
 * Discrete Fourier transforms of one complex sequence held as separate real and imaginary
 * arrays: radix-2 FFT for power-of-two lengths, Bluestein's chirp-z algorithm (through a radix-2
 * FFT) for other lengths. No scaling is applied in either direction.
 */
final class Fourier {
    private Fourier() {}

    /**
     * Replaces (re, im) of length n by {@code sum_k x[k] exp(∓2πi jk/n)} (minus sign forward, plus
     * sign inverse).
     */
    static void transform(double[] re, double[] im, boolean inverse) {
        int n = re.length;
        if (n <= 1) return;
        if ((n & (n - 1)) == 0) radix2(re, im, inverse);
        else bluestein(re, im, inverse);
    }

    private static void radix2(double[] re, double[] im, boolean inverse) {
        int n = re.length;
        for (int i = 1, j = 0; i < n; i++) {
            int bit = n >> 1;
            for (; (j & bit) != 0; bit >>= 1) j ^= bit;
            j ^= bit;
            if (i < j) {
                double t = re[i]; re[i] = re[j]; re[j] = t;
                t = im[i]; im[i] = im[j]; im[j] = t;
            }
        }
        double sign = inverse ? 1 : -1;
        for (int len = 2; len <= n; len <<= 1) {
            int half = len >> 1;
            for (int k = 0; k < half; k++) {
                double angle = sign * 2 * Math.PI * k / len;
                double wr = Math.cos(angle);
                double wi = Math.sin(angle);
                for (int start = 0; start < n; start += len) {
                    int a = start + k;
                    int b = a + half;
                    double tr = re[b] * wr - im[b] * wi;
                    double ti = re[b] * wi + im[b] * wr;
                    re[b] = re[a] - tr;
                    im[b] = im[a] - ti;
                    re[a] += tr;
                    im[a] += ti;
                }
            }
        }
    }

    // X[k] = w[k] * sum_j (x[j] w[j]) conj(w[k - j]) with the chirp w[j] = exp(∓πi j²/n).
    private static void bluestein(double[] re, double[] im, boolean inverse) {
        int n = re.length;
        int m = Integer.highestOneBit(2 * n - 1);
        if (m < 2 * n - 1) m <<= 1;
        MemoryBudget.check(DType.FLOAT64, 4L * m + 2L * n); // the chirp and the padded convolution
        double sign = inverse ? 1 : -1;
        double[] wr = new double[n];
        double[] wi = new double[n];
        for (int j = 0; j < n; j++) {
            long sq = (long) j * j % (2L * n);   // keeps the angle small and exact
            double angle = sign * Math.PI * sq / n;
            wr[j] = Math.cos(angle);
            wi[j] = Math.sin(angle);
        }
        double[] ar = new double[m];
        double[] ai = new double[m];
        double[] br = new double[m];
        double[] bi = new double[m];
        for (int j = 0; j < n; j++) {
            ar[j] = re[j] * wr[j] - im[j] * wi[j];
            ai[j] = re[j] * wi[j] + im[j] * wr[j];
        }
        br[0] = wr[0];
        bi[0] = -wi[0];
        for (int j = 1; j < n; j++) {
            br[j] = br[m - j] = wr[j];
            bi[j] = bi[m - j] = -wi[j];
        }
        radix2(ar, ai, false);
        radix2(br, bi, false);
        for (int j = 0; j < m; j++) {
            double r = ar[j] * br[j] - ai[j] * bi[j];
            double i = ar[j] * bi[j] + ai[j] * br[j];
            ar[j] = r;
            ai[j] = i;
        }
        radix2(ar, ai, true);
        for (int k = 0; k < n; k++) {
            double cr = ar[k] / m;
            double ci = ai[k] / m;
            re[k] = cr * wr[k] - ci * wi[k];
            im[k] = cr * wi[k] + ci * wr[k];
        }
    }
}
