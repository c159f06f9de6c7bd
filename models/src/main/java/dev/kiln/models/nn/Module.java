package dev.kiln.models.nn;

import dev.kiln.runtime.tensor.Tensor;
import java.util.Map;

/**
 * A layer or block: adds standard ONNX nodes computing its output to a graph under
 * construction. Its parameters are created (and initialised) when the module is constructed
 * and become trainable initializers when it is applied.
 */
public interface Module {
    /** Adds this module's nodes reading {@code x}; returns the output. */
    Var apply(GraphBuilder b, Var x);

    /** This module's parameters by local name (for inspection). */
    Map<String, Tensor> parameters();
}
