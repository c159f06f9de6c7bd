package dev.kiln.runtime.exec;

import java.time.Duration;

/**
 * Options of one {@link Session#run}: a time limit, a cancel handle and a profile.
 *
 * @param timeout how long the run may take, or null for no limit; past it the run fails with a
 *     {@link dev.kiln.runtime.RunCancelledException} at its next check
 * @param cancel a handle another thread may trigger, or null
 * @param profile where node times are accumulated, or null
 */
public record RunOptions(Duration timeout, CancelHandle cancel, RunProfile profile) {
    private static final RunOptions DEFAULTS = new RunOptions(null, null, null);

    public RunOptions {
        if (timeout != null && timeout.isNegative()) {
            throw new IllegalArgumentException("timeout must not be negative, got " + timeout);
        }
    }

    /** No time limit, no cancel handle, no profile. */
    public static RunOptions defaults() { return DEFAULTS; }

    /** These options with a time limit counted from the start of the run. */
    public RunOptions withTimeout(Duration timeout) { return new RunOptions(timeout, cancel, profile); }

    /** These options with a cancel handle. */
    public RunOptions withCancel(CancelHandle cancel) { return new RunOptions(timeout, cancel, profile); }

    /** These options with a profile that times every node. */
    public RunOptions withProfile(RunProfile profile) { return new RunOptions(timeout, cancel, profile); }
}
