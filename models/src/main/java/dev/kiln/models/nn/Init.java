package dev.kiln.models.nn;

import dev.kiln.runtime.tensor.Tensor;
import java.util.SplittableRandom;

/** Parameter initialisation schemes, from a seedable RNG. */
public final class Init {
    private Init() {}

    /** He (Kaiming) normal: N(0, 2 / fanIn), for layers followed by ReLU. */
    public static Tensor he(SplittableRandom rnd, int fanIn, long... dims) {
        return normal(rnd, Math.sqrt(2.0 / fanIn), dims);
    }

    /** Xavier (Glorot) uniform: U(-a, a) with a = sqrt(6 / (fanIn + fanOut)). */
    public static Tensor xavier(SplittableRandom rnd, int fanIn, int fanOut, long... dims) {
        double a = Math.sqrt(6.0 / (fanIn + fanOut));
        Tensor t = Tensor.zeros(dev.kiln.runtime.tensor.DType.FLOAT32, dev.kiln.runtime.tensor.Shape.of(dims));
        float[] f = t.floats();
        for (int i = 0; i < f.length; i++) f[i] = (float) ((rnd.nextDouble() * 2 - 1) * a);
        return t;
    }

    /** N(0, std^2), e.g. std 0.02 as in GPT-2. */
    public static Tensor normal(SplittableRandom rnd, double std, long... dims) {
        Tensor t = Tensor.zeros(dev.kiln.runtime.tensor.DType.FLOAT32, dev.kiln.runtime.tensor.Shape.of(dims));
        float[] f = t.floats();
        for (int i = 0; i < f.length; i += 2) {
            // Box-Muller: two independent normals from two uniforms
            double u1 = 1.0 - rnd.nextDouble();
            double u2 = rnd.nextDouble();
            double r = Math.sqrt(-2 * Math.log(u1));
            f[i] = (float) (std * r * Math.cos(2 * Math.PI * u2));
            if (i + 1 < f.length) f[i + 1] = (float) (std * r * Math.sin(2 * Math.PI * u2));
        }
        return t;
    }

    /** All zeros. */
    public static Tensor zeros(long... dims) {
        return Tensor.zeros(dev.kiln.runtime.tensor.DType.FLOAT32, dev.kiln.runtime.tensor.Shape.of(dims));
    }

    /** All ones. */
    public static Tensor ones(long... dims) {
        Tensor t = zeros(dims);
        java.util.Arrays.fill(t.floats(), 1f);
        return t;
    }
}
