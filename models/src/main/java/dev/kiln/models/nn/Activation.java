package dev.kiln.models.nn;

import dev.kiln.runtime.graph.Attribute;
import dev.kiln.runtime.tensor.Tensor;
import java.util.List;
import java.util.Map;

/** An elementwise activation (or softmax over the last axis) as one ONNX node. */
public final class Activation implements Module {
    /** The supported activations and their ONNX ops. */
    public enum Kind {
        RELU("Relu"), GELU("Gelu"), TANH("Tanh"), SIGMOID("Sigmoid"), SOFTMAX("Softmax");

        final String op;

        Kind(String op) { this.op = op; }
    }

    private final Kind kind;

    private Activation(Kind kind) { this.kind = kind; }

    /** ReLU. */
    public static Activation relu() { return new Activation(Kind.RELU); }

    /**
     * GELU (exact, erf-based). ONNX has a Gelu op only from opset 20; for older opsets it is
     * written as {@code 0.5 x (1 + erf(x / sqrt 2))}.
     */
    public static Activation gelu() { return new Activation(Kind.GELU); }

    /** tanh. */
    public static Activation tanh() { return new Activation(Kind.TANH); }

    /** Logistic sigmoid. */
    public static Activation sigmoid() { return new Activation(Kind.SIGMOID); }

    /** Softmax over the last axis. */
    public static Activation softmax() { return new Activation(Kind.SOFTMAX); }

    @Override
    public Var apply(GraphBuilder b, Var x) {
        if (kind == Kind.SOFTMAX) return new Var(b.node("Softmax", List.of(x.name()), Attribute.of("axis", -1L)), x.rank());
        if (kind == Kind.GELU && b.opset() < 20) {
            return b.scoped("gelu", () -> {
                String scaled = b.node("Div", List.of(x.name(), b.constant("sqrt2", Tensor.scalar((float) Math.sqrt(2)))));
                String erf = b.node("Erf", List.of(scaled));
                String onePlus = b.node("Add", List.of(erf, b.constant("one", Tensor.scalar(1f))));
                String half = b.node("Mul", List.of(x.name(), b.constant("half", Tensor.scalar(0.5f))));
                return new Var(b.node("Mul", List.of(half, onePlus)), x.rank());
            });
        }
        return new Var(b.node(kind.op, List.of(x.name())), x.rank());
    }

    @Override
    public Map<String, Tensor> parameters() { return Map.of(); }

    @Override
    public String toString() { return kind.name().charAt(0) + kind.name().substring(1).toLowerCase() + "()"; }
}
