package dev.kiln.models.train;

/**
 * Training settings.
 *
 * @param epochs passes over the training data
 * @param batchSize samples per step
 * @param seed seed of the shuffling (each epoch shuffles with seed + epoch)
 * @param learningRate the learning-rate schedule, by step
 * @param clipNorm clip gradients to this global norm; 0 disables clipping
 * @param patience stop after this many epochs without validation improvement; 0 disables
 * @param quiet print no progress
 */
public record TrainConfig(int epochs, int batchSize, long seed, LearningRateSchedule learningRate, double clipNorm,
                          int patience, boolean quiet) {
    public TrainConfig {
        if (epochs <= 0 || batchSize <= 0) {
            throw new IllegalArgumentException("epochs and batch size must be positive, got " + epochs + ", " + batchSize);
        }
        if (learningRate == null) throw new IllegalArgumentException("a learning-rate schedule is required");
        if (clipNorm < 0 || patience < 0) throw new IllegalArgumentException("clipNorm and patience must be >= 0");
    }

    /** 10 epochs, batch 32, seed 0, learning rate 1e-3, no clipping, no early stopping, with progress. */
    public static TrainConfig defaults() {
        return new TrainConfig(10, 32, 0, LearningRateSchedule.constant(1e-3), 0, 0, false);
    }

    /** A copy with another epoch count. */
    public TrainConfig withEpochs(int e) { return new TrainConfig(e, batchSize, seed, learningRate, clipNorm, patience, quiet); }

    /** A copy with another batch size. */
    public TrainConfig withBatchSize(int b) { return new TrainConfig(epochs, b, seed, learningRate, clipNorm, patience, quiet); }

    /** A copy with another seed. */
    public TrainConfig withSeed(long s) { return new TrainConfig(epochs, batchSize, s, learningRate, clipNorm, patience, quiet); }

    /** A copy with another schedule. */
    public TrainConfig withLearningRate(LearningRateSchedule lr) {
        return new TrainConfig(epochs, batchSize, seed, lr, clipNorm, patience, quiet);
    }

    /** A copy with gradient clipping. */
    public TrainConfig withClipNorm(double c) { return new TrainConfig(epochs, batchSize, seed, learningRate, c, patience, quiet); }

    /** A copy with early stopping. */
    public TrainConfig withPatience(int p) { return new TrainConfig(epochs, batchSize, seed, learningRate, clipNorm, p, quiet); }

    /** A copy with quiet set. */
    public TrainConfig withQuiet(boolean q) { return new TrainConfig(epochs, batchSize, seed, learningRate, clipNorm, patience, q); }
}
