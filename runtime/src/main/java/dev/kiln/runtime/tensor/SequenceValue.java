package dev.kiln.runtime.tensor;

import java.util.List;

/**
 * An ONNX sequence: an ordered list of values of one type.
 *
 * @param elements the elements (an unmodifiable copy)
 * @param elementType the element dtype when the sequence holds tensors, which is known even for
 *     an empty sequence; may be null when unknown
 */
public record SequenceValue(List<Value> elements, DType elementType) implements Value {
    public SequenceValue {
        elements = List.copyOf(elements);
    }

    /** Number of elements. */
    public int size() { return elements.size(); }

    /** Element {@code i} as a tensor. */
    public Tensor tensor(int i) {
        if (elements.get(i) instanceof Tensor t) return t;
        throw new IllegalArgumentException("Sequence element " + i + " is "
                + elements.get(i).describe() + ", expected a tensor");
    }

    @Override
    public String describe() {
        return "sequence<" + (elementType == null ? "?" : elementType) + ">(" + elements.size() + ")";
    }
}
