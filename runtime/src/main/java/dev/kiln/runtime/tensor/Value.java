package dev.kiln.runtime.tensor;

/**
 * A runtime value flowing along a graph edge: a {@link Tensor}, a {@link SequenceValue} or an
 * {@link OptionalValue}.
 */
public sealed interface Value permits Tensor, SequenceValue, OptionalValue {
    /** A short description for messages, such as {@code float32[2, 3]}. */
    String describe();
}
