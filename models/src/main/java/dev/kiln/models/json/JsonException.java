package dev.kiln.models.json;

/** Malformed JSON text, or a JSON value of the wrong shape for what the caller expected. */
public final class JsonException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    /** An error with a message that already names where it happened. */
    public JsonException(String message) {
        super(message);
    }
}
