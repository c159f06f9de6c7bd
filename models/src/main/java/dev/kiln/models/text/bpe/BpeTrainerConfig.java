package dev.kiln.models.text.bpe;

/**
 * Settings of {@link BpeTrainer}.
 *
 * @param format how text becomes symbols (word boundaries, unknown and special tokens)
 * @param merges the number of merges to learn (training stops earlier when no pair is left or
 *     the best pair is rarer than {@code minPairCount})
 * @param minPairCount the least number of occurrences a pair needs to be merged (>= 1)
 */
public record BpeTrainerConfig(BpeConfig format, int merges, long minPairCount) {
    public BpeTrainerConfig {
        if (format == null) throw new IllegalArgumentException("format must not be null");
        if (merges < 0) throw new IllegalArgumentException("merges must be >= 0, got " + merges);
        if (minPairCount < 1) throw new IllegalArgumentException("minPairCount must be >= 1, got " + minPairCount);
    }

    /** A builder: byte-level, 1000 merges, pairs seen at least twice. */
    public static Builder builder() { return new Builder(); }

    /** Builds a {@link BpeTrainerConfig}. */
    public static final class Builder {
        private BpeConfig format = BpeConfig.byteLevel();
        private int merges = 1000;
        private long minPairCount = 2;

        private Builder() {}

        /** How text becomes symbols (default {@link BpeConfig#byteLevel()}). */
        public Builder format(BpeConfig v) {
            this.format = v;
            return this;
        }

        /** The number of merges (default 1000). */
        public Builder merges(int v) {
            this.merges = v;
            return this;
        }

        /** The least count of a merged pair (default 2). */
        public Builder minPairCount(long v) {
            this.minPairCount = v;
            return this;
        }

        /** The settings. */
        public BpeTrainerConfig build() { return new BpeTrainerConfig(format, merges, minPairCount); }
    }
}
