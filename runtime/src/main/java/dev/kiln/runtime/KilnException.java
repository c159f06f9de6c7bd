package dev.kiln.runtime;

/** Base of every exception Kiln throws on bad models, bad inputs or failed execution. */
public class KilnException extends RuntimeException {
    public KilnException(String message) { super(message); }

    public KilnException(String message, Throwable cause) { super(message, cause); }
}
