package dev.kiln.runtime.op;

/**
 * A registration: which op, from which opset version, with how many inputs, made by which
 * factory. Arity is checked once, generically, at load.
 *
 * @param domain operator domain ({@code ""} for ai.onnx)
 * @param opType operator type
 * @param sinceVersion first opset version this registration serves
 * @param minInputs fewest inputs (counting trailing absent ones as absent)
 * @param maxInputs most inputs; {@link #VARIADIC} for no limit
 * @param factory creates the op for a node
 */
public record OpSpec(String domain, String opType, int sinceVersion, int minInputs, int maxInputs,
                     OpFactory factory) {
    /** No upper bound on inputs. */
    public static final int VARIADIC = Integer.MAX_VALUE;
}
