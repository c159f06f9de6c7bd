package dev.kiln.runtime.opt;

import dev.kiln.runtime.graph.Attribute;
import dev.kiln.runtime.graph.Node;
import java.util.ArrayList;
import java.util.List;

/**
 * Scaled dot-product attention as exporters write it:
 * <pre>
 * S = MatMul(Q, Kt); S' = Div(S, c) or Mul(S, c); M = Add(S', mask) (optional); P = Softmax(M)
 * O = MatMul(P, V)
 * </pre>
 * becomes {@code dev.kiln:Attention(Q, Kt, V, mask, c)} with attributes {@code scale} (c's value),
 * {@code divide} (1 for Div), {@code axis} (the Softmax axis, its default filled in) and
 * {@code coerce} (1 when the model's Softmax is the opset 1-12 one that flattens the trailing
 * axes). c must be a float32 scalar constant, which also makes the scores float32.
 */
public final class AttentionFusion implements Fusion {
    @Override
    public String name() { return "attention"; }

    @Override
    public String fusedOp() { return "Attention"; }

    @Override
    public GraphView.Replacement match(GraphView view, Node qk) {
        if (!Fusions.is(qk, "MatMul")) return null;
        Node scale = view.soleConsumer(qk.output(0));
        boolean divide = Fusions.is(scale, "Div");
        if (!divide && !Fusions.is(scale, "Mul")) return null;
        String c = divide ? (scale.input(0).equals(qk.output(0)) ? scale.input(1) : null)
                : Fusions.other(scale, qk.output(0));
        float factor = c == null ? Float.NaN : Fusions.scalarFloat(view, c);
        if (Float.isNaN(factor)) return null;
        List<Node> pattern = new ArrayList<>(List.of(qk, scale));
        Node next = view.soleConsumer(scale.output(0));
        String mask = "";
        if (Fusions.is(next, "Add")) {
            mask = Fusions.other(next, scale.output(0));
            if (mask == null || mask.equals(scale.output(0))) return null;
            pattern.add(next);
            next = view.soleConsumer(next.output(0));
        }
        Node softmax = next;
        if (!Fusions.is(softmax, "Softmax")) return null;
        Node pv = view.soleConsumer(softmax.output(0));
        if (!Fusions.is(pv, "MatMul") || !pv.input(0).equals(softmax.output(0))) return null;
        pattern.add(softmax);
        pattern.add(pv);
        int opset = view.graph().opset("");
        boolean coerce = opset >= 0 && opset < 13;
        long axis = softmax.attributes().getInt("axis", coerce ? 1 : -1);
        Node fused = Fusions.fused(pv, fusedOp(), List.of(qk.input(0), qk.input(1), pv.input(1), mask, c),
                Attribute.of("scale", factor), Attribute.of("divide", divide ? 1L : 0L),
                Attribute.of("axis", axis), Attribute.of("coerce", coerce ? 1L : 0L));
        return GraphView.Replacement.fuse(pattern, fused);
    }
}
