package dev.kiln.runtime.opt;

import dev.kiln.runtime.graph.Attribute;
import dev.kiln.runtime.graph.Node;
import dev.kiln.runtime.tensor.DType;
import dev.kiln.runtime.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;

/**
 * Layer normalization over the last axis as exporters decompose it:
 * <pre>
 * mean = ReduceMean(X, axes=[-1]); D = Sub(X, mean); var = ReduceMean(Pow(D, 2), axes=[-1])
 * N = Div(D, Sqrt(Add(var, eps))); Y = Add(Mul(N, gamma), beta)
 * </pre>
 * becomes {@code dev.kiln:LayerNorm(X, gamma, beta)} with attribute {@code epsilon}. The Mul and
 * Add are optional (the fused node then has an empty gamma or beta input); gamma and beta must be
 * 1-D float32 constants and eps a float32 scalar constant, which also makes X float32.
 */
public final class LayerNormFusion implements Fusion {
    @Override
    public String name() { return "layer-norm"; }

    @Override
    public String fusedOp() { return "LayerNorm"; }

    @Override
    public GraphView.Replacement match(GraphView view, Node mean) {
        if (!Fusions.is(mean, "ReduceMean") || !lastAxisKeepDims(view, mean)) return null;
        String x = mean.input(0);
        Node sub = view.soleConsumer(mean.output(0));
        if (!Fusions.is(sub, "Sub") || !sub.input(0).equals(x) || !sub.input(1).equals(mean.output(0))) return null;
        String d = sub.output(0);
        List<Node> dUsers = view.consumers(d);
        if (dUsers.size() != 2) return null;
        Node pow = Fusions.is(dUsers.get(0), "Pow") ? dUsers.get(0) : dUsers.get(1);
        Node div = pow == dUsers.get(0) ? dUsers.get(1) : dUsers.get(0);
        if (!Fusions.is(pow, "Pow") || !Fusions.is(div, "Div") || !view.usedOnlyBy(d, pow, div)) return null;
        if (!pow.input(0).equals(d) || !Fusions.isScalar(view, pow.input(1), 2.0)) return null;
        Node var = view.soleConsumer(pow.output(0));
        if (!Fusions.is(var, "ReduceMean") || !lastAxisKeepDims(view, var)) return null;
        Node addEps = view.soleConsumer(var.output(0));
        if (!Fusions.is(addEps, "Add")) return null;
        String epsName = Fusions.other(addEps, var.output(0));
        float eps = epsName == null ? Float.NaN : Fusions.scalarFloat(view, epsName);
        if (Float.isNaN(eps)) return null;
        Node sqrt = view.soleConsumer(addEps.output(0));
        if (!Fusions.is(sqrt, "Sqrt") || view.soleConsumer(sqrt.output(0)) != div) return null;
        if (!div.input(0).equals(d) || !div.input(1).equals(sqrt.output(0))) return null;

        List<Node> pattern = new ArrayList<>(List.of(mean, sub, pow, var, addEps, sqrt, div));
        Node last = div;
        String gamma = "", beta = "";
        Node mul = view.soleConsumer(div.output(0));
        if (Fusions.is(mul, "Mul")) {
            String g = Fusions.other(mul, div.output(0));
            if (g != null && isVector(view, g)) {
                gamma = g;
                pattern.add(mul);
                last = mul;
            }
        }
        Node add = gamma.isEmpty() ? null : view.soleConsumer(mul.output(0));
        if (Fusions.is(add, "Add")) {
            String b = Fusions.other(add, mul.output(0));
            if (b != null && isVector(view, b)) {
                beta = b;
                pattern.add(add);
                last = add;
            }
        }
        Node fused = Fusions.fused(last, fusedOp(), List.of(x, gamma, beta), Attribute.of("epsilon", eps));
        return GraphView.Replacement.fuse(pattern, fused);
    }

    private static boolean isVector(GraphView view, String name) {
        Tensor t = view.constant(name);
        return t != null && t.dtype() == DType.FLOAT32 && t.rank() == 1;
    }

    /** ReduceMean over axes [-1] with keepdims on, the axes given as attribute or constant input. */
    private static boolean lastAxisKeepDims(GraphView view, Node n) {
        if (n.attributes().getInt("keepdims", 1) != 1) return false;
        long[] axes;
        if (n.hasInput(1)) {
            Tensor t = view.constant(n.input(1));
            if (t == null || t.dtype() != DType.INT64 || n.attributes().has("axes")) return false;
            axes = t.longs();
        } else {
            axes = n.attributes().getInts("axes", null);
        }
        return axes != null && axes.length == 1 && axes[0] == -1;
    }
}
