package dev.kiln.runtime.graph;

import dev.kiln.runtime.tensor.Tensor;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A computation graph: inputs, outputs, initializers, nodes, declared value types and the opset
 * imports per domain. A subgraph (an If/Loop/Scan body) may read values of enclosing graphs.
 *
 * @param name graph name
 * @param inputs graph inputs (may include names that also have an initializer, which then act
 *     as defaults the caller can override)
 * @param outputs graph outputs
 * @param initializers constant tensors by name
 * @param nodes nodes in model order (not necessarily topological)
 * @param valueInfos declared types of intermediate values
 * @param opsets opset version per domain ({@code ""} for ai.onnx)
 */
public record Graph(String name, List<ValueInfo> inputs, List<ValueInfo> outputs,
                    Map<String, Tensor> initializers, List<Node> nodes, List<ValueInfo> valueInfos,
                    Map<String, Integer> opsets) {
    public Graph {
        name = name == null ? "" : name;
        inputs = List.copyOf(inputs);
        outputs = List.copyOf(outputs);
        initializers = Collections.unmodifiableMap(new LinkedHashMap<>(initializers));
        nodes = List.copyOf(nodes);
        valueInfos = valueInfos == null ? List.of() : List.copyOf(valueInfos);
        opsets = Collections.unmodifiableMap(new LinkedHashMap<>(opsets));
    }

    /** The opset version imported for {@code domain}, or -1 if not imported. */
    public int opset(String domain) {
        Integer v = opsets.get(Node.normalizeDomain(domain));
        return v == null ? -1 : v;
    }

    /** Graph inputs that have no initializer: what a caller must feed. */
    public List<ValueInfo> feedInputs() {
        return inputs.stream().filter(i -> !initializers.containsKey(i.name())).toList();
    }
}
