package dev.kiln.ops.math;

import dev.kiln.runtime.exec.CompiledGraph;
import dev.kiln.runtime.graph.Attribute;
import dev.kiln.runtime.graph.Attributes;
import dev.kiln.runtime.graph.Graph;
import dev.kiln.runtime.graph.Node;
import dev.kiln.runtime.op.LoadContext;
import dev.kiln.runtime.op.TensorOp;
import dev.kiln.runtime.tensor.Tensor;
import java.util.List;

/** Builds nodes and load contexts for op unit tests. */
final class TestNodes {
    private TestNodes() {}

    static Node node(String opType, Attribute... attributes) {
        return new Node("n", "", opType, List.of("a", "b"), List.of("y"), new Attributes(List.of(attributes)));
    }

    /** A load context whose resolved registration has the given since_version. */
    static LoadContext since(int version) {
        return new LoadContext() {
            @Override
            public int opset() { return version; }

            @Override
            public int sinceVersion() { return version; }

            @Override
            public CompiledGraph compile(Graph subgraph) {
                throw new UnsupportedOperationException();
            }
        };
    }

    /** Runs a tensor op on the given inputs and returns its first output. */
    static Tensor run(TensorOp op, Tensor... inputs) {
        return (Tensor) op.forward(inputs, null)[0];
    }
}
