package dev.kiln.runtime.graph;

import java.util.List;

/**
 * One graph node. A missing optional input or output is the empty name {@code ""}.
 *
 * @param name node name (may be empty in the model; {@link #label()} always names it)
 * @param domain operator domain; {@code ""} is ai.onnx
 * @param opType operator type, e.g. {@code "MatMul"}
 * @param inputs input value names
 * @param outputs output value names
 * @param attributes the typed attributes
 */
public record Node(String name, String domain, String opType, List<String> inputs,
                   List<String> outputs, Attributes attributes) {
    public Node {
        name = name == null ? "" : name;
        domain = normalizeDomain(domain);
        inputs = List.copyOf(inputs);
        outputs = List.copyOf(outputs);
        attributes = attributes == null ? Attributes.EMPTY : attributes;
    }

    /** Maps {@code "ai.onnx"} and null to the canonical {@code ""}. */
    public static String normalizeDomain(String domain) {
        return domain == null || domain.equals("ai.onnx") ? "" : domain;
    }

    /** Input name {@code i}, or {@code ""} when absent. */
    public String input(int i) { return i < inputs.size() ? inputs.get(i) : ""; }

    /** Whether optional input {@code i} is given. */
    public boolean hasInput(int i) { return !input(i).isEmpty(); }

    /** Output name {@code i}, or {@code ""} when absent. */
    public String output(int i) { return i < outputs.size() ? outputs.get(i) : ""; }

    /** A readable identity for messages: {@code 'name' (OpType)}. */
    public String label() {
        String n = name.isEmpty() ? (outputs.isEmpty() ? "?" : "<" + outputs.get(0) + ">") : name;
        String d = domain.isEmpty() ? "" : domain + ":";
        return "'" + n + "' (" + d + opType + ")";
    }
}
