package dev.kiln.ops.signal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class FourierTest {

    @Test
    void matchesDirectSumForPowerOfTwoAndOtherLengths() {
        SplittableRandom rnd = new SplittableRandom(7);
        for (int n : new int[] {1, 2, 6, 7, 8, 12, 25, 64}) {
            for (boolean inverse : new boolean[] {false, true}) {
                double[] re = new double[n];
                double[] im = new double[n];
                for (int i = 0; i < n; i++) {
                    re[i] = rnd.nextDouble(-1, 1);
                    im[i] = rnd.nextDouble(-1, 1);
                }
                double[] fr = re.clone();
                double[] fi = im.clone();
                Fourier.transform(fr, fi, inverse);
                double sign = inverse ? 1 : -1;
                for (int k = 0; k < n; k++) {
                    double sr = 0, si = 0;
                    for (int j = 0; j < n; j++) {
                        double a = sign * 2 * Math.PI * k * j / n;
                        sr += re[j] * Math.cos(a) - im[j] * Math.sin(a);
                        si += re[j] * Math.sin(a) + im[j] * Math.cos(a);
                    }
                    assertEquals(sr, fr[k], 1e-9, "n=" + n + " k=" + k);
                    assertEquals(si, fi[k], 1e-9, "n=" + n + " k=" + k);
                }
            }
        }
    }
}
