package dev.kiln.models.train;

import java.io.PrintStream;
import java.util.Locale;

/**
 * A one-line console progress bar for training: epoch, step, loss, accuracy, samples/s and ETA,
 * redrawn in place on a terminal; when the output is redirected, one line per epoch. A quiet bar
 * prints nothing.
 */
public final class ProgressBar {
    private static final int WIDTH = 24;
    private final PrintStream out;
    private final boolean quiet;
    private final int epochs;
    private final int stepsPerEpoch;
    private final boolean interactive;
    private final long start = System.nanoTime();
    private long samples;
    private long lastDraw;
    private String last = "";

    /**
     * @param out where to draw (usually System.out)
     * @param quiet draw nothing
     */
    public ProgressBar(PrintStream out, boolean quiet, int epochs, int stepsPerEpoch) {
        this.out = out;
        this.quiet = quiet;
        this.epochs = epochs;
        this.stepsPerEpoch = Math.max(1, stepsPerEpoch);
        this.interactive = out == System.out && System.console() != null;
    }

    /** Redraws after a step of {@code batch} samples (epoch and step are 1-based). */
    public void step(int epoch, int step, int batch, double loss, double accuracy) {
        samples += batch;
        if (quiet) return;
        long now = System.nanoTime();
        boolean endOfEpoch = step == stepsPerEpoch;
        if (interactive && !endOfEpoch && now - lastDraw < 100_000_000L) return; // redraw at most 10 times a second
        lastDraw = now;
        double elapsed = (System.nanoTime() - start) / 1e9;
        long done = (long) (epoch - 1) * stepsPerEpoch + step;
        long total = (long) epochs * stepsPerEpoch;
        double eta = done == 0 ? 0 : elapsed / done * (total - done);
        int filled = (int) (WIDTH * step / (double) stepsPerEpoch);
        String bar = "=".repeat(Math.max(0, filled - 1)) + (filled > 0 ? ">" : "") + " ".repeat(WIDTH - filled);
        last = String.format(Locale.ROOT, "epoch %d/%d [%s] %d/%d  loss %.4f  acc %.3f  %.0f samples/s  ETA %s",
                epoch, epochs, bar, step, stepsPerEpoch, loss, accuracy, samples / Math.max(elapsed, 1e-9), duration(eta));
        if (interactive) {
            out.print("\r" + last + "   ");
            out.flush();
        }
    }

    /** Ends an epoch's line with a summary (when output is not a terminal, this is the only line printed per epoch). */
    public void endEpoch(String summary) {
        if (quiet) return;
        out.println((interactive ? "" : last) + "  " + summary);
    }

    private static String duration(double seconds) {
        long s = Math.round(seconds);
        return s >= 60 ? (s / 60) + "m" + String.format("%02d", s % 60) + "s" : s + "s";
    }
}
