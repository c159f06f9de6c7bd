package dev.kiln.cli;

import dev.kiln.ops.StandardOps;
import dev.kiln.runtime.exec.Session;
import dev.kiln.runtime.exec.SessionOptions;
import dev.kiln.runtime.graph.Graph;
import dev.kiln.runtime.graph.Model;
import dev.kiln.runtime.graph.Node;
import dev.kiln.runtime.graph.ValueInfo;
import dev.kiln.runtime.graph.ValueType;
import dev.kiln.runtime.io.RandomInputs;
import dev.kiln.runtime.opt.OptimizationOptions;
import dev.kiln.runtime.tensor.Tensor;
import dev.kiln.runtime.tensor.Value;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The shape of every value of a model's main graph, found by running it once on generated inputs. */
final class ValueShapes {
    private ValueShapes() {}

    /**
     * Runs {@code model} unoptimised with every node output exposed and returns each tensor's
     * {@code dtype[dims]}. Generated integer inputs are zeros (ids and indices stay in range),
     * generated floating-point inputs random.
     *
     * @param given inputs supplied by the caller; the others are generated
     * @param dims bindings of symbolic dims for generated inputs (unbound dims are 1)
     */
    static Map<String, String> byRun(Model model, Map<String, Tensor> given, Map<String, Long> dims, long seed) {
        Graph g = model.graph();
        Set<String> seen = new HashSet<>();
        List<ValueInfo> outputs = new ArrayList<>(g.outputs());
        for (ValueInfo o : g.outputs()) seen.add(o.name());
        for (Node n : g.nodes()) {
            for (String o : n.outputs()) if (!o.isEmpty() && seen.add(o)) outputs.add(ValueInfo.of(o, ValueType.unknown()));
        }
        Graph wide = new Graph(g.name(), g.inputs(), outputs, g.initializers(), g.nodes(), g.valueInfos(), g.opsets());
        Session s = new Session(new Model(wide, model.irVersion(), model.producerName(), model.producerVersion(),
                model.docString()), StandardOps.registry(), SessionOptions.defaults(), OptimizationOptions.NONE);
        Map<String, Tensor> inputs = new LinkedHashMap<>(given);
        // integer inputs are usually ids or indices: zeros are in range where random values are not
        RandomInputs.generate(s.inputs().stream().filter(v -> !given.containsKey(v.name())).toList(), dims, seed)
                .forEach((k, t) -> inputs.put(k, t.dtype().isInteger() ? Tensor.zeros(t.dtype(), t.shape()) : t));
        Map<String, String> shapes = new LinkedHashMap<>();
        inputs.forEach((k, v) -> shapes.put(k, v.describe()));
        for (Map.Entry<String, Value> e : s.run(inputs).asMap().entrySet()) {
            if (e.getValue() instanceof Tensor t) shapes.put(e.getKey(), t.describe());
        }
        return shapes;
    }
}
