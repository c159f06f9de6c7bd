package dev.kiln.ops.signal;

import dev.kiln.runtime.graph.Node;
import dev.kiln.runtime.op.TensorOp;
import dev.kiln.runtime.tensor.DType;
import dev.kiln.runtime.tensor.Tensor;

/**
 * HannWindow: the Hann window {@code w[n] = 0.5 - 0.5 cos(2πn/N)}, N = size when
 * {@code periodic} (default) or size - 1, as {@code output_datatype} (default float32).
 */
public final class HannWindow extends TensorOp {
    private final boolean periodic;
    private final DType type;

    public HannWindow(Node node) {
        periodic = node.attributes().getInt("periodic", 1) != 0;
        type = Windows.outputType(node.attributes().getInt("output_datatype", 1));
    }

    @Override
    protected Tensor[] compute(Tensor[] inputs) {
        return new Tensor[] {Windows.cosine(inputs[0], periodic, type, 0.5, 0.5, 0)};
    }
}
