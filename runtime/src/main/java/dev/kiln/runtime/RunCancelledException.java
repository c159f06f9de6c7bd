package dev.kiln.runtime;

/**
 * A run stopped before its end because its deadline passed, its cancel handle was triggered or
 * its thread was interrupted. The session stays usable.
 */
public class RunCancelledException extends KilnException {
    /** Why the run stopped. */
    public enum Reason { DEADLINE, CANCELLED, INTERRUPTED }

    private final Reason reason;

    public RunCancelledException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    /** Why the run stopped. */
    public Reason reason() { return reason; }
}
