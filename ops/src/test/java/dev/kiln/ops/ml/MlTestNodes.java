package dev.kiln.ops.ml;

import dev.kiln.runtime.exec.ExecutionContext;
import dev.kiln.runtime.graph.Attribute;
import dev.kiln.runtime.graph.Attributes;
import dev.kiln.runtime.graph.Node;
import dev.kiln.runtime.op.Op;
import dev.kiln.runtime.tensor.Tensor;
import dev.kiln.runtime.tensor.Value;
import java.util.List;

/** Building ai.onnx.ml nodes and running one op in tests. */
final class MlTestNodes {
    private MlTestNodes() {}

    static Node node(String opType, int outputs, Attribute... attributes) {
        List<String> outs = outputs == 1 ? List.of("Y") : List.of("Y", "Z");
        return new Node("n", "ai.onnx.ml", opType, List.of("X"), outs, new Attributes(List.of(attributes)));
    }

    static Tensor[] run(Op op, Tensor... inputs) {
        Value[] out = op.forward(inputs, ExecutionContext.standalone(0));
        Tensor[] t = new Tensor[out.length];
        for (int i = 0; i < out.length; i++) t[i] = (Tensor) out[i];
        return t;
    }
}
