package dev.kiln.runtime.op;

import dev.kiln.runtime.exec.ExecutionContext;
import dev.kiln.runtime.tensor.Tensor;
import dev.kiln.runtime.tensor.Value;

/**
 * One operator bound to one node. It is created once at load by its {@link OpFactory}, which
 * reads the node's attributes with their ONNX defaults, and must then be stateless: a session
 * calls {@link #forward} from many threads at once.
 */
public interface Op {
    /**
     * Computes the outputs.
     *
     * @param inputs one entry per node input; null where an optional input is absent
     * @param ctx the running execution (subgraphs, randomness)
     * @return one entry per node output (trailing optional outputs may be omitted)
     */
    Value[] forward(Value[] inputs, ExecutionContext ctx);

    /**
     * Infers output types from input types without data. The default knows nothing.
     *
     * @param inputs the input types; entries may be null when unknown
     * @return the output types, or null when they cannot be inferred
     */
    default dev.kiln.runtime.graph.ValueType[] inferTypes(dev.kiln.runtime.graph.ValueType[] inputs) {
        return null;
    }

    /**
     * Reverse-mode gradient: given the forward's inputs and outputs and the gradients of the
     * outputs, returns one gradient per input (null where an input is not differentiable).
     *
     * @throws UnsupportedOperationException where the op has no backward yet
     */
    default Tensor[] backward(Tensor[] inputs, Tensor[] outputs, Tensor[] dOutputs) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " has no backward");
    }
}
