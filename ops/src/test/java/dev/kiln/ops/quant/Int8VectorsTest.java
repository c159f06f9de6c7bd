package dev.kiln.ops.quant;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.List;
import java.util.Random;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;
import org.junit.jupiter.api.Test;

/** The Vector API passes of the int8 products against their scalar references, at every width. */
class Int8VectorsTest {
    private static final List<VectorSpecies<Float>> WIDTHS =
            List.of(FloatVector.SPECIES_128, FloatVector.SPECIES_256, FloatVector.SPECIES_512);

    @Test
    void shiftMatchesTheScalarLoop() {
        Random rnd = new Random(31);
        for (VectorSpecies<Float> fs : WIDTHS) {
            for (int n : new int[] {0, 1, 7, 8, 15, 16, 17, 63, 64, 1000}) {
                byte[] v = new byte[n + 5];
                rnd.nextBytes(v);
                for (boolean unsigned : new boolean[] {true, false}) {
                    // zero points at both ends of each type and one in the middle
                    for (int zp : unsigned ? new int[] {0, 131, 255} : new int[] {-128, 3, 127}) {
                        float[] want = new float[n + 5], got = new float[n + 5];
                        Igemm.shiftRowsScalar(v, unsigned, zp, want, n);
                        Int8Vectors.shift(fs, Int8Vectors.bytesFor(fs), v, unsigned, zp, got, n);
                        assertArrayEquals(want, got, 0f, fs + " n=" + n + " unsigned=" + unsigned + " zp=" + zp);
                    }
                }
            }
        }
    }

    @Test
    void scaleAndBiasMatchTheScalarLoop() {
        Random rnd = new Random(32);
        for (VectorSpecies<Float> fs : WIDTHS) {
            for (int len : new int[] {0, 1, 5, 16, 33, 64}) {
                int from = rnd.nextInt(4), o = rnd.nextInt(7);
                float[] scale = new float[from + len], bias = new float[from + len];
                float[] c = new float[o + len];
                for (int j = 0; j < scale.length; j++) {
                    scale[j] = rnd.nextFloat() * 1e-2f;
                    bias[j] = rnd.nextFloat() - 0.5f;
                }
                for (int j = 0; j < c.length; j++) c[j] = rnd.nextInt(2_000_000) - 1_000_000;
                for (float[] b : new float[][] {bias, null}) {
                    float[] want = c.clone(), got = c.clone();
                    for (int j = 0; j < len; j++) {
                        want[o + j] = b == null ? want[o + j] * scale[from + j] : want[o + j] * scale[from + j] + b[from + j];
                    }
                    Int8Vectors.scaleBias(fs, got, o, scale, b, from, len);
                    assertArrayEquals(want, got, 0f, fs + " len=" + len);
                }
            }
        }
    }
}
