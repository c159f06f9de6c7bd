package dev.kiln.runtime.opt;

import dev.kiln.runtime.graph.Attribute;
import dev.kiln.runtime.graph.Node;
import dev.kiln.runtime.tensor.DType;
import dev.kiln.runtime.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;

/**
 * The dequantizing tail of a dynamically quantized dense layer:
 * <pre>
 * Y = Add(Mul(Cast(MatMulInteger(A, B, a_zp, b_zp), to=float), scale), bias)
 * </pre>
 * (the Mul and Add operands on either side, the Add optional) becomes
 * {@code dev.kiln:MatMulIntegerToFloat(A, B, a_zp, b_zp, scale, bias)}: the int32 product, its
 * conversion and scaling and the bias in one pass, with no int32 or unscaled float intermediate.
 * The bias must be a 1-D float32 constant; the scale may be computed at run time. As in
 * {@link MatMulAddFusion}, an Add that is the result's only reader joins as a residual (the fused
 * op's seventh input), or else a {@code dev.kiln:Gelu} (fused before this pass) as its activation.
 */
public final class MatMulIntegerToFloatFusion implements Fusion {
    @Override
    public String name() { return "matmul-integer"; }

    @Override
    public String fusedOp() { return "MatMulIntegerToFloat"; }

    @Override
    public GraphView.Replacement match(GraphView view, Node mm) {
        if (!Fusions.is(mm, "MatMulInteger")) return null;
        Node cast = view.soleConsumer(mm.output(0));
        if (!Fusions.is(cast, "Cast") || cast.attributes().getInt("to", 0) != DType.FLOAT32.onnxCode()) return null;
        Node mul = view.soleConsumer(cast.output(0));
        if (!Fusions.is(mul, "Mul")) return null;
        String scale = Fusions.other(mul, cast.output(0));
        if (scale == null || scale.equals(cast.output(0))) return null;
        List<Node> pattern = new ArrayList<>(List.of(mm, cast, mul));
        Node last = mul;
        String bias = "";
        Node add = view.soleConsumer(mul.output(0));
        if (Fusions.is(add, "Add")) {
            String b = Fusions.other(add, mul.output(0));
            Tensor t = b == null ? null : view.constant(b);
            if (t != null && t.dtype() == DType.FLOAT32 && t.rank() == 1) {
                bias = b;
                pattern.add(add);
                last = add;
            }
        }
        List<String> inputs = new ArrayList<>(List.of(mm.input(0), mm.input(1), mm.input(2), mm.input(3), scale, bias));
        Node next = view.isGraphOutput(last.output(0)) ? null : view.soleConsumer(last.output(0));
        // a residual added next: Add(Y, R) for any R but Y itself
        String r = Fusions.is(next, "Add") ? Fusions.other(next, last.output(0)) : null;
        if (r != null && !r.equals(last.output(0))) {
            inputs.add(r);
            pattern.add(next);
            return GraphView.Replacement.fuse(pattern, Fusions.fused(next, fusedOp(), inputs));
        }
        if (next != null && next.domain().equals(Fusions.DOMAIN) && next.opType().equals("Gelu")) {
            pattern.add(next);
            return GraphView.Replacement.fuse(pattern, Fusions.fused(next, fusedOp(), inputs,
                    Attribute.of("activation", "gelu"),
                    Attribute.of("divide", next.attributes().getInt("divide", 1)),
                    Attribute.of("const_rank", next.attributes().getInt("const_rank", 0))));
        }
        return GraphView.Replacement.fuse(pattern, Fusions.fused(last, fusedOp(), inputs));
    }
}
