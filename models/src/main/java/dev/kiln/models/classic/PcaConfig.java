package dev.kiln.models.classic;

/**
 * Settings of {@link Pca}.
 *
 * @param components number of components kept; 0 keeps min(N, F)
 * @param whiten divide each projected coordinate by the component's standard deviation
 */
public record PcaConfig(int components, boolean whiten) {
    public PcaConfig {
        if (components < 0) throw new IllegalArgumentException("components is " + components + ", expected >= 0 (0 = all)");
    }

    /** All components, no whitening. */
    public static PcaConfig defaults() { return new PcaConfig(0, false); }

    /** {@code k} components, no whitening. */
    public static PcaConfig of(int k) { return new PcaConfig(k, false); }

    /** A copy with whitening on or off. */
    public PcaConfig withWhiten(boolean v) { return new PcaConfig(components, v); }
}
