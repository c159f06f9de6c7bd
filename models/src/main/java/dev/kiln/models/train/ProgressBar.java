package dev.kiln.models.train;

import java.io.PrintStream;
import java.util.Locale;

/**
 * A one-line console progress bar for training: epoch, step, loss, accuracy, samples/s and ETA,
 * redrawn in place. A quiet bar prints nothing.
 */
public final class ProgressBar {
    private static final int WIDTH = 24;
    private final PrintStream out;
    private final boolean quiet;
    private final int epochs;
    private final int stepsPerEpoch;
    private final long start = System.nanoTime();
    private long samples;

    /**
     * @param out where to draw (usually System.out)
     * @param quiet draw nothing
     */
    public ProgressBar(PrintStream out, boolean quiet, int epochs, int stepsPerEpoch) {
        this.out = out;
        this.quiet = quiet;
        this.epochs = epochs;
        this.stepsPerEpoch = Math.max(1, stepsPerEpoch);
    }

    /** Redraws after a step of {@code batch} samples (epoch and step are 1-based). */
    public void step(int epoch, int step, int batch, double loss, double accuracy) {
        samples += batch;
        if (quiet) return;
        double elapsed = (System.nanoTime() - start) / 1e9;
        long done = (long) (epoch - 1) * stepsPerEpoch + step;
        long total = (long) epochs * stepsPerEpoch;
        double eta = done == 0 ? 0 : elapsed / done * (total - done);
        int filled = (int) (WIDTH * step / (double) stepsPerEpoch);
        String bar = "=".repeat(Math.max(0, filled - 1)) + (filled > 0 ? ">" : "") + " ".repeat(WIDTH - filled);
        out.print(String.format(Locale.ROOT, "\repoch %d/%d [%s] %d/%d  loss %.4f  acc %.3f  %.0f samples/s  ETA %s   ",
                epoch, epochs, bar, step, stepsPerEpoch, loss, accuracy, samples / Math.max(elapsed, 1e-9), duration(eta)));
        out.flush();
    }

    /** Ends an epoch's line with a summary. */
    public void endEpoch(String summary) {
        if (quiet) return;
        out.println(" " + summary);
    }

    private static String duration(double seconds) {
        long s = Math.round(seconds);
        return s >= 60 ? (s / 60) + "m" + String.format("%02d", s % 60) + "s" : s + "s";
    }
}
