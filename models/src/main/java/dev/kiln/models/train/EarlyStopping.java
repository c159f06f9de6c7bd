package dev.kiln.models.train;

/** Stops training when the validation loss has not improved by {@code minDelta} for {@code patience} epochs. */
public final class EarlyStopping {
    private final int patience;
    private final double minDelta;
    private double best = Double.POSITIVE_INFINITY;
    private int bestEpoch = -1;
    private int waited;

    /**
     * @param patience epochs without improvement to tolerate
     * @param minDelta smallest decrease that counts as an improvement
     */
    public EarlyStopping(int patience, double minDelta) {
        if (patience < 1) throw new IllegalArgumentException("patience must be >= 1, got " + patience);
        this.patience = patience;
        this.minDelta = minDelta;
    }

    /** Records an epoch's validation loss; returns true when training should stop. */
    public boolean update(int epoch, double validationLoss) {
        if (validationLoss < best - minDelta) {
            best = validationLoss;
            bestEpoch = epoch;
            waited = 0;
            return false;
        }
        return ++waited >= patience;
    }

    /** The best validation loss so far. */
    public double best() { return best; }

    /** The epoch of the best validation loss (-1 before any). */
    public int bestEpoch() { return bestEpoch; }
}
