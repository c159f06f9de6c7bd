package dev.kiln.runtime;

import java.util.List;

/** The model uses operators Kiln does not implement; lists every one of them at once. */
public class UnsupportedOperatorException extends ModelLoadException {
    private final List<String> operators;

    /** @param operators each unsupported operator as {@code domain:op_type@opset} */
    public UnsupportedOperatorException(List<String> operators) {
        super("Unsupported operator" + (operators.size() == 1 ? "" : "s") + " (domain:op_type@opset): "
                + String.join(", ", operators));
        this.operators = List.copyOf(operators);
    }

    /** The unsupported operators, as {@code domain:op_type@opset}. */
    public List<String> operators() { return operators; }
}
