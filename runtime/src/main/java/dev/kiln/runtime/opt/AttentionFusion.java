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
 *
 * <p>When Q and V come from {@code Transpose(perm 0,2,1,3)}, Kt from {@code Transpose(perm
 * 0,2,3,1)} and O goes only to {@code Transpose(perm 0,2,1,3)} (the head split and merge of a
 * transformer layer), those four Transposes join the pattern: the fused node reads their inputs
 * and writes the last one's output, with attribute {@code layout} = 1.
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
        Attribute[] attrs = {Attribute.of("scale", factor), Attribute.of("divide", divide ? 1L : 0L),
            Attribute.of("axis", axis), Attribute.of("coerce", coerce ? 1L : 0L)};
        // the head split around the chain: Q, V = Transpose(0,2,1,3), Kt = Transpose(0,2,3,1),
        // O read only by Transpose(0,2,1,3)
        Node tq = transpose(view, qk.input(0), qk, 0, 2, 1, 3);
        Node tk = transpose(view, qk.input(1), qk, 0, 2, 3, 1);
        Node tv = transpose(view, pv.input(1), pv, 0, 2, 1, 3);
        Node to = view.soleConsumer(pv.output(0));
        boolean splitHeads = tq != null && tk != null && tv != null && tq != tv
                && Fusions.is(to, "Transpose") && hasPerm(to, 0, 2, 1, 3) && !view.isGraphOutput(pv.output(0))
                && (axis == -1 || axis == 3);
        if (splitHeads) {
            pattern.addAll(List.of(tq, tk, tv, to));
            Attribute[] withLayout = java.util.Arrays.copyOf(attrs, attrs.length + 1);
            withLayout[attrs.length] = Attribute.of("layout", 1L);
            Node fused = Fusions.fused(to, fusedOp(), List.of(tq.input(0), tk.input(0), tv.input(0), mask, c), withLayout);
            return GraphView.Replacement.fuse(pattern, fused);
        }
        Node fused = Fusions.fused(pv, fusedOp(), List.of(qk.input(0), qk.input(1), pv.input(1), mask, c), attrs);
        return GraphView.Replacement.fuse(pattern, fused);
    }

    /** The Transpose with permutation {@code perm} producing {@code value}, read only by {@code reader}; else null. */
    private static Node transpose(GraphView view, String value, Node reader, long... perm) {
        Node t = view.producer(value);
        if (!Fusions.is(t, "Transpose") || !hasPerm(t, perm)) return null;
        if (view.isGraphOutput(value) || !view.usedOnlyBy(value, reader)) return null;
        return t;
    }

    private static boolean hasPerm(Node t, long... perm) {
        long[] p = t.attributes().getInts("perm", null);
        return p != null && java.util.Arrays.equals(p, perm);
    }
}
