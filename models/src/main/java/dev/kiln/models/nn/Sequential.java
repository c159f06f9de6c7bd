package dev.kiln.models.nn;

import dev.kiln.runtime.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Modules applied one after another. */
public final class Sequential implements Module {
    private final List<Module> modules;

    /** A sequence of modules. */
    public Sequential(List<Module> modules) { this.modules = List.copyOf(modules); }

    /** A sequence of modules. */
    public static Sequential of(Module... modules) { return new Sequential(List.of(modules)); }

    /** The modules in order. */
    public List<Module> modules() { return modules; }

    @Override
    public Var apply(GraphBuilder b, Var x) {
        Var v = x;
        for (Module m : modules) v = m.apply(b, v);
        return v;
    }

    @Override
    public Map<String, Tensor> parameters() {
        Map<String, Tensor> p = new LinkedHashMap<>();
        for (int i = 0; i < modules.size(); i++) {
            for (var e : modules.get(i).parameters().entrySet()) p.put(i + "." + e.getKey(), e.getValue());
        }
        return p;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("Sequential(\n");
        for (int i = 0; i < modules.size(); i++) {
            sb.append("  (").append(i).append(") ").append(modules.get(i).toString().replace("\n", "\n  ")).append('\n');
        }
        return sb.append(')').toString();
    }
}
