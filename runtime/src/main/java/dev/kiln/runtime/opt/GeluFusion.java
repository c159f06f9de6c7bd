package dev.kiln.runtime.opt;

import dev.kiln.runtime.graph.Attribute;
import dev.kiln.runtime.graph.Node;
import java.util.ArrayList;
import java.util.List;

/**
 * GELU in its exact (Erf) form, {@code x * 0.5 * (1 + Erf(x / sqrt(2)))}, as exporters write it:
 * the argument as {@code Div(x, 1.4142135)} or {@code Mul(x, 0.70710677)}, the constant 1 added
 * on either side, and the 0.5 multiplied into x, into {@code 1 + Erf}, or into the product. It
 * becomes {@code dev.kiln:Gelu(x)}. The constants must be float32 and equal to the float32
 * roundings of sqrt(2), 1/sqrt(2), 1 and 0.5, which also makes x float32. The fused node's
 * attribute {@code divide} says whether the argument was a Div (1) or a Mul (0), and
 * {@code const_rank} the highest rank of the constants (0, or 1 for constants of shape [1]).
 */
public final class GeluFusion implements Fusion {
    private static final float SQRT2 = (float) Math.sqrt(2);
    private static final float INV_SQRT2 = (float) Math.sqrt(0.5);

    @Override
    public String name() { return "gelu"; }

    @Override
    public String fusedOp() { return "Gelu"; }

    @Override
    public GraphView.Replacement match(GraphView view, Node erf) {
        if (!Fusions.is(erf, "Erf")) return null;
        Node scale = view.producer(erf.input(0));
        if (scale == null || view.soleConsumer(scale.output(0)) != erf) return null;
        String x;
        boolean divide = Fusions.is(scale, "Div");
        if (divide && Fusions.scalarFloat(view, scale.input(1)) == SQRT2) {
            x = scale.input(0);
        } else if (Fusions.is(scale, "Mul") && Fusions.scalarFloat(view, scale.input(1)) == INV_SQRT2) {
            x = scale.input(0);
        } else if (Fusions.is(scale, "Mul") && Fusions.scalarFloat(view, scale.input(0)) == INV_SQRT2) {
            x = scale.input(1);
        } else {
            return null;
        }
        Node plusOne = view.soleConsumer(erf.output(0));
        if (!Fusions.is(plusOne, "Add")) return null;
        String one = Fusions.other(plusOne, erf.output(0));
        if (one == null || Fusions.scalarFloat(view, one) != 1f) return null;
        List<Node> pattern = new ArrayList<>(List.of(scale, erf, plusOne));
        Node mul = view.soleConsumer(plusOne.output(0));
        if (!Fusions.is(mul, "Mul")) return null;
        String factor = Fusions.other(mul, plusOne.output(0));
        if (factor == null) return null;
        Node last;
        if (factor.equals(x)) {
            // (x * (1 + erf)) * 0.5
            last = view.soleConsumer(mul.output(0));
            if (!isHalf(view, last, mul.output(0))) return null;
            pattern.add(mul);
        } else if (isHalf(view, mul, plusOne.output(0))) {
            // x * ((1 + erf) * 0.5)
            last = view.soleConsumer(mul.output(0));
            if (!Fusions.is(last, "Mul") || !x.equals(Fusions.other(last, mul.output(0)))) return null;
            pattern.add(mul);
        } else {
            // (x * 0.5) * (1 + erf)
            Node half = view.producer(factor);
            if (!isHalf(view, half, x) || view.soleConsumer(factor) != mul) return null;
            pattern.add(half);
            last = mul;
        }
        pattern.add(last);
        // a constant of shape [1] makes a scalar x's result [1]: the fused node must know
        long constRank = 0;
        for (Node n : pattern) {
            for (String in : n.inputs()) {
                if (view.constant(in) != null) constRank = Math.max(constRank, view.constant(in).rank());
            }
        }
        return GraphView.Replacement.fuse(pattern, Fusions.fused(last, fusedOp(), List.of(x),
                Attribute.of("divide", divide ? 1L : 0L), Attribute.of("const_rank", constRank)));
    }

    /** Whether {@code n} is {@code Mul(value, 0.5)} in either order. */
    private static boolean isHalf(GraphView view, Node n, String value) {
        if (!Fusions.is(n, "Mul")) return false;
        String c = Fusions.other(n, value);
        return c != null && Fusions.scalarFloat(view, c) == 0.5f;
    }
}
