package dev.kiln.models.train;

import dev.kiln.runtime.tensor.Tensor;
import java.util.Map;

/** Gradient clipping by global norm. */
public final class GradientClipping {
    private GradientClipping() {}

    /**
     * Scales every gradient by {@code min(1, maxNorm / ||g||)} where {@code ||g||} is the L2 norm
     * of all gradients together. Modifies the float32 gradients in place.
     *
     * @return the global norm before clipping
     */
    public static double clipByGlobalNorm(Map<String, Tensor> grads, double maxNorm) {
        if (!(maxNorm > 0)) throw new IllegalArgumentException("maxNorm must be > 0, got " + maxNorm);
        double sq = 0;
        for (Tensor g : grads.values()) for (float f : g.floats()) sq += (double) f * f;
        double norm = Math.sqrt(sq);
        if (norm > maxNorm) {
            float scale = (float) (maxNorm / norm);
            for (Tensor g : grads.values()) {
                float[] f = g.floats();
                for (int i = 0; i < f.length; i++) f[i] *= scale;
            }
        }
        return norm;
    }
}
