package dev.kiln.ops.shape;

import dev.kiln.runtime.exec.ExecutionContext;
import dev.kiln.runtime.graph.Attribute;
import dev.kiln.runtime.graph.Attributes;
import dev.kiln.runtime.graph.Node;
import dev.kiln.runtime.op.Op;
import dev.kiln.runtime.tensor.Tensor;
import dev.kiln.runtime.tensor.Value;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** Test helper: builds a node and runs one op on tensors. */
final class Run {
    private Run() {}

    /** A node of {@code opType} with {@code inputs} inputs, {@code outputs} outputs and the attributes. */
    static Node node(String opType, int inputs, int outputs, Attribute... attrs) {
        List<String> in = new ArrayList<>();
        for (int i = 0; i < inputs; i++) in.add("in" + i);
        List<String> out = new ArrayList<>();
        for (int i = 0; i < outputs; i++) out.add("out" + i);
        return new Node("n", "", opType, in, out, new Attributes(List.of(attrs)));
    }

    /** Runs the op made by {@code factory} on {@code inputs} (null for an absent one). */
    static Tensor[] all(Function<Node, ? extends Op> factory, Node node, Tensor... inputs) {
        Op op = factory.apply(node);
        Value[] out = op.forward(inputs, ExecutionContext.standalone(1));
        Tensor[] t = new Tensor[out.length];
        for (int i = 0; i < out.length; i++) t[i] = (Tensor) out[i];
        return t;
    }

    /** The first output. */
    static Tensor one(Function<Node, ? extends Op> factory, Node node, Tensor... inputs) {
        return all(factory, node, inputs)[0];
    }
}
