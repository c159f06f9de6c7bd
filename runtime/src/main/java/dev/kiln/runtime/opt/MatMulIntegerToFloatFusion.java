package dev.kiln.runtime.opt;

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
 * The bias must be a 1-D float32 constant; the scale may be computed at run time.
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
        Node fused = Fusions.fused(last, fusedOp(),
                List.of(mm.input(0), mm.input(1), mm.input(2), mm.input(3), scale, bias));
        return GraphView.Replacement.fuse(pattern, fused);
    }
}
