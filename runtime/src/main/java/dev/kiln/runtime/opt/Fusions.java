package dev.kiln.runtime.opt;

import dev.kiln.runtime.graph.Attribute;
import dev.kiln.runtime.graph.Attributes;
import dev.kiln.runtime.graph.Node;
import dev.kiln.runtime.tensor.DType;
import dev.kiln.runtime.tensor.Tensor;
import java.util.List;

/** Helpers shared by the pattern rewrites. */
public final class Fusions {
    /** The domain of Kiln's internal fused operators. */
    public static final String DOMAIN = "dev.kiln";

    private Fusions() {}

    /** Whether {@code n} is an ai.onnx node of type {@code opType}. */
    static boolean is(Node n, String opType) {
        return n != null && n.domain().isEmpty() && n.opType().equals(opType);
    }

    /** The single-element float32 constant {@code name}, or NaN when it is not one. */
    static float scalarFloat(GraphView view, String name) {
        Tensor t = view.constant(name);
        if (t == null || t.dtype() != DType.FLOAT32 || t.size() != 1 || t.rank() > 1) return Float.NaN;
        return t.floats()[0];
    }

    /** Whether {@code name} is a single-element numeric constant equal to {@code value}. */
    static boolean isScalar(GraphView view, String name, double value) {
        Tensor t = view.constant(name);
        if (t == null || t.size() != 1 || t.rank() > 1) return false;
        if (!t.dtype().isInteger() && t.dtype() != DType.FLOAT32 && t.dtype() != DType.FLOAT64) return false;
        return t.getDouble(0) == value;
    }

    /** The input of binary node {@code n} other than {@code value}, or null if {@code value} is not an input. */
    static String other(Node n, String value) {
        if (n.inputs().size() != 2) return null;
        if (n.input(0).equals(value)) return n.input(1);
        if (n.input(1).equals(value)) return n.input(0);
        return null;
    }

    /** A fused node named after the pattern's last node, writing that node's output. */
    static Node fused(Node last, String opType, List<String> inputs, Attribute... attributes) {
        return new Node(last.name(), DOMAIN, opType, inputs, List.of(last.output(0)),
                new Attributes(List.of(attributes)));
    }
}
