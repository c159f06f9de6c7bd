package dev.kiln.runtime.opt;

import dev.kiln.runtime.graph.Attribute;
import dev.kiln.runtime.graph.Node;
import dev.kiln.runtime.tensor.DType;
import dev.kiln.runtime.tensor.Tensor;
import java.util.List;

/**
 * {@code Add(MatMul(A, W), bias)} (the bias on either side), where W is a 2-D float32 constant
 * (K, N) and bias a 1-D float32 constant of length N, becomes {@code dev.kiln:MatMulAdd(A, W,
 * bias)}: the bias is added in the GEMM epilogue. With W fixed, the shapes and broadcasting of
 * the pair are exactly those of the fused op for any A. When the sum's only reader is another
 * Add (a residual connection, {@code Add(MatMulAdd, R)}), that Add joins the pattern as the
 * fused op's fourth input. Else, when its only reader is a {@code dev.kiln:Gelu} (fused before
 * this pass), the Gelu joins as the fused op's activation ({@code activation = "gelu"}, with the
 * Gelu's attributes), applied in the same epilogue.
 */
public final class MatMulAddFusion implements Fusion {
    @Override
    public String name() { return "matmul-add"; }

    @Override
    public String fusedOp() { return "MatMulAdd"; }

    @Override
    public GraphView.Replacement match(GraphView view, Node matmul) {
        if (!Fusions.is(matmul, "MatMul")) return null;
        Tensor w = view.constant(matmul.input(1));
        if (w == null || w.dtype() != DType.FLOAT32 || w.rank() != 2) return null;
        Node add = view.soleConsumer(matmul.output(0));
        if (!Fusions.is(add, "Add")) return null;
        String bias = Fusions.other(add, matmul.output(0));
        Tensor b = bias == null ? null : view.constant(bias);
        if (b == null || b.dtype() != DType.FLOAT32 || b.rank() != 1 || b.shape().dim(0) != w.shape().dim(1)) {
            return null;
        }
        // a residual added next: Add(MatMulAdd, R) for any R but the sum itself
        Node residual = view.isGraphOutput(add.output(0)) ? null : view.soleConsumer(add.output(0));
        String r = Fusions.is(residual, "Add") ? Fusions.other(residual, add.output(0)) : null;
        if (r != null && !r.equals(add.output(0))) {
            Node fused = Fusions.fused(residual, fusedOp(), List.of(matmul.input(0), matmul.input(1), bias, r));
            return GraphView.Replacement.fuse(List.of(matmul, add, residual), fused);
        }
        Node gelu = view.isGraphOutput(add.output(0)) ? null : view.soleConsumer(add.output(0));
        if (gelu != null && gelu.domain().equals(Fusions.DOMAIN) && gelu.opType().equals("Gelu")) {
            Node fused = Fusions.fused(gelu, fusedOp(), List.of(matmul.input(0), matmul.input(1), bias),
                    Attribute.of("activation", "gelu"),
                    Attribute.of("divide", gelu.attributes().getInt("divide", 1)),
                    Attribute.of("const_rank", gelu.attributes().getInt("const_rank", 0)));
            return GraphView.Replacement.fuse(List.of(matmul, add, gelu), fused);
        }
        Node fused = Fusions.fused(add, fusedOp(), List.of(matmul.input(0), matmul.input(1), bias));
        return GraphView.Replacement.fuse(List.of(matmul, add), fused);
    }
}
