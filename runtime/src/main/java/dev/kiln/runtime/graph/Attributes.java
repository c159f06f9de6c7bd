package dev.kiln.runtime.graph;

import dev.kiln.runtime.tensor.Tensor;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The attributes of one node, with typed getters that take the ONNX default.
 *
 * <p>Getters throw {@link IllegalArgumentException} naming the attribute when it has the wrong
 * type or, for the {@code require} forms, is missing.
 */
public final class Attributes {
    /** No attributes. */
    public static final Attributes EMPTY = new Attributes(List.of());

    private final Map<String, Attribute> byName;

    /** Attributes from a list (later duplicates win). */
    public Attributes(Collection<Attribute> attributes) {
        Map<String, Attribute> m = new LinkedHashMap<>();
        for (Attribute a : attributes) m.put(a.name(), a);
        this.byName = Collections.unmodifiableMap(m);
    }

    /** Whether the attribute is present. */
    public boolean has(String name) { return byName.containsKey(name); }

    /** The attribute, or null. */
    public Attribute get(String name) { return byName.get(name); }

    /** All attributes, in declaration order. */
    public Collection<Attribute> all() { return byName.values(); }

    /** An int attribute, or {@code def} when absent. */
    public long getInt(String name, long def) {
        Attribute a = byName.get(name);
        return a == null ? def : ((Number) expect(a, Attribute.Kind.INT)).longValue();
    }

    /** An int attribute, which must be present. */
    public long requireInt(String name) {
        return ((Number) expect(require(name), Attribute.Kind.INT)).longValue();
    }

    /** A float attribute, or {@code def} when absent. */
    public float getFloat(String name, float def) {
        Attribute a = byName.get(name);
        if (a == null) return def;
        if (a.kind() == Attribute.Kind.INT) return ((Number) a.value()).floatValue();
        return ((Number) expect(a, Attribute.Kind.FLOAT)).floatValue();
    }

    /** A string attribute, or {@code def} when absent. */
    public String getString(String name, String def) {
        Attribute a = byName.get(name);
        return a == null ? def : (String) expect(a, Attribute.Kind.STRING);
    }

    /** An ints attribute, or {@code def} (may be null) when absent. */
    public long[] getInts(String name, long[] def) {
        Attribute a = byName.get(name);
        if (a == null) return def;
        List<?> l = (List<?>) expect(a, Attribute.Kind.INTS);
        long[] out = new long[l.size()];
        for (int i = 0; i < out.length; i++) out[i] = ((Number) l.get(i)).longValue();
        return out;
    }

    /** A floats attribute, or {@code def} (may be null) when absent. */
    public float[] getFloats(String name, float[] def) {
        Attribute a = byName.get(name);
        if (a == null) return def;
        List<?> l = (List<?>) expect(a, Attribute.Kind.FLOATS);
        float[] out = new float[l.size()];
        for (int i = 0; i < out.length; i++) out[i] = ((Number) l.get(i)).floatValue();
        return out;
    }

    /** A strings attribute, or {@code def} (may be null) when absent. */
    public String[] getStrings(String name, String[] def) {
        Attribute a = byName.get(name);
        if (a == null) return def;
        List<?> l = (List<?>) expect(a, Attribute.Kind.STRINGS);
        return l.toArray(new String[0]);
    }

    /** A tensor attribute, or null when absent. */
    public Tensor getTensor(String name) {
        Attribute a = byName.get(name);
        return a == null ? null : (Tensor) expect(a, Attribute.Kind.TENSOR);
    }

    /** A graph attribute, which must be present. */
    public Graph requireGraph(String name) {
        return (Graph) expect(require(name), Attribute.Kind.GRAPH);
    }

    /** A graph attribute, or null when absent. */
    public Graph getGraph(String name) {
        Attribute a = byName.get(name);
        return a == null ? null : (Graph) expect(a, Attribute.Kind.GRAPH);
    }

    private Attribute require(String name) {
        Attribute a = byName.get(name);
        if (a == null) throw new IllegalArgumentException("Required attribute '" + name + "' is missing");
        return a;
    }

    private static Object expect(Attribute a, Attribute.Kind kind) {
        if (a.kind() != kind) {
            throw new IllegalArgumentException("Attribute '" + a.name() + "' is " + a.kind()
                    + ", expected " + kind);
        }
        return a.value();
    }

    @Override
    public String toString() { return byName.keySet().toString(); }
}
