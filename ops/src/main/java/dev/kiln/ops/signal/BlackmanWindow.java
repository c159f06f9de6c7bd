package dev.kiln.ops.signal;

import dev.kiln.runtime.graph.Node;
import dev.kiln.runtime.op.TensorOp;
import dev.kiln.runtime.tensor.DType;
import dev.kiln.runtime.tensor.Tensor;

/**
 * BlackmanWindow: the Blackman window {@code w[n] = 0.42 - 0.5 cos(2πn/N) + 0.08 cos(4πn/N)}, N = size when
 * {@code periodic} (default) or size - 1, as {@code output_datatype} (default float32).
 */
public final class BlackmanWindow extends TensorOp {
    private final boolean periodic;
    private final DType type;

    public BlackmanWindow(Node node) {
        periodic = node.attributes().getInt("periodic", 1) != 0;
        type = Windows.outputType(node.attributes().getInt("output_datatype", 1));
    }

    @Override
    protected Tensor[] compute(Tensor[] inputs) {
        return new Tensor[] {Windows.cosine(inputs[0], periodic, type, 0.42, 0.5, 0.08)};
    }
}
