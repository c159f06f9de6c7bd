package dev.kiln.runtime.exec;

import dev.kiln.runtime.KilnException;
import dev.kiln.runtime.tensor.Tensor;
import dev.kiln.runtime.tensor.Value;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** The outputs of one run, by name, in the graph's output order. */
public final class Outputs {
    private final Map<String, Value> values;

    Outputs(Map<String, Value> values) {
        this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    /** The output {@code name} as a tensor. */
    public Tensor tensor(String name) {
        Value v = value(name);
        if (v instanceof Tensor t) return t;
        throw new KilnException("Output '" + name + "' is " + v.describe() + ", not a tensor");
    }

    /** The output {@code name}, whatever its kind. */
    public Value value(String name) {
        Value v = values.get(name);
        if (v == null) throw new KilnException("No output named '" + name + "'; outputs are " + values.keySet());
        return v;
    }

    /** All outputs by name. */
    public Map<String, Value> asMap() { return values; }
}
