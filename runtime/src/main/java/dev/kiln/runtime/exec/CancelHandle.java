package dev.kiln.runtime.exec;

/**
 * Stops runs from another thread, like ONNX Runtime's {@code RunOptions} terminate flag: pass it
 * in {@link RunOptions#withCancel}, then {@link #cancel()} makes the run fail with a
 * {@link dev.kiln.runtime.RunCancelledException} at its next check (between nodes and in every
 * Loop or Scan iteration). One handle may serve several runs; {@link #reset()} rearms it.
 */
public final class CancelHandle {
    private volatile boolean cancelled;

    /** Asks every run using this handle to stop. */
    public void cancel() { cancelled = true; }

    /** Whether {@link #cancel()} was called since creation or the last {@link #reset()}. */
    public boolean isCancelled() { return cancelled; }

    /** Lets runs using this handle proceed again. */
    public void reset() { cancelled = false; }
}
