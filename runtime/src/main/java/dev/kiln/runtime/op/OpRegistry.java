package dev.kiln.runtime.op;

import dev.kiln.runtime.graph.Node;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Operators keyed by (domain, op_type, since_version). {@link #resolve} picks the registration
 * with the highest since_version not above the model's opset.
 */
public final class OpRegistry {
    private final Map<String, TreeMap<Integer, OpSpec>> specs = new HashMap<>();

    /** Registers an ai.onnx op with a factory that needs only the node. */
    public OpRegistry add(String opType, int since, int minInputs, int maxInputs, Function<Node, Op> factory) {
        return add("", opType, since, minInputs, maxInputs, (n, c) -> factory.apply(n));
    }

    /** Registers an op with a full factory. */
    public OpRegistry add(String domain, String opType, int since, int minInputs, int maxInputs,
                          OpFactory factory) {
        String key = key(domain, opType);
        specs.computeIfAbsent(key, k -> new TreeMap<>())
                .put(since, new OpSpec(Node.normalizeDomain(domain), opType, since, minInputs, maxInputs, factory));
        return this;
    }

    /**
     * The registration serving {@code opset}, or null if none.
     *
     * @param opset the model's opset for the domain; negative means "latest"
     */
    public OpSpec resolve(String domain, String opType, int opset) {
        TreeMap<Integer, OpSpec> versions = specs.get(key(domain, opType));
        if (versions == null) return null;
        Map.Entry<Integer, OpSpec> e = opset < 0 ? versions.lastEntry() : versions.floorEntry(opset);
        return e == null ? null : e.getValue();
    }

    /** Every registration, for listings. */
    public List<OpSpec> all() {
        List<OpSpec> out = new ArrayList<>();
        for (TreeMap<Integer, OpSpec> m : specs.values()) out.addAll(m.values());
        out.sort((a, b) -> (a.domain() + ":" + a.opType()).compareTo(b.domain() + ":" + b.opType()));
        return out;
    }

    private static String key(String domain, String opType) {
        return Node.normalizeDomain(domain) + ":" + opType;
    }
}
