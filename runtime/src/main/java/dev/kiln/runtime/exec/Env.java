package dev.kiln.runtime.exec;

import dev.kiln.runtime.tensor.Value;
import java.util.HashMap;
import java.util.Map;

/** The values alive in one graph execution, with a link to the enclosing scope. */
final class Env {
    private final Map<String, Value> values = new HashMap<>();
    private final Env parent;

    Env(Env parent) { this.parent = parent; }

    Value lookup(String name) {
        for (Env e = this; e != null; e = e.parent) {
            Value v = e.values.get(name);
            if (v != null) return v;
        }
        return null;
    }

    void put(String name, Value v) { values.put(name, v); }

    /** Drops a local value and returns it (null when absent). */
    Value release(String name) { return values.remove(name); }

    Map<String, Value> local() { return values; }
}
