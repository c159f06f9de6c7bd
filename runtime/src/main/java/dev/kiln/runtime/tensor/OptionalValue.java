package dev.kiln.runtime.tensor;

/**
 * An ONNX optional: either holds a value or is empty.
 *
 * @param value the contained value, or null when empty
 */
public record OptionalValue(Value value) implements Value {
    /** An empty optional. */
    public static OptionalValue empty() { return new OptionalValue(null); }

    /** Whether a value is present. */
    public boolean isPresent() { return value != null; }

    @Override
    public String describe() {
        return "optional(" + (value == null ? "empty" : value.describe()) + ")";
    }
}
