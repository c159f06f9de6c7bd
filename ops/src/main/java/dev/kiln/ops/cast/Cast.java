package dev.kiln.ops.cast;

import dev.kiln.ops.cast.NarrowCodec.E8M0Rounding;
import dev.kiln.runtime.graph.Attribute;
import dev.kiln.runtime.graph.Node;
import dev.kiln.runtime.op.TensorOp;
import dev.kiln.runtime.tensor.DType;
import dev.kiln.runtime.tensor.Tensor;

/** Cast: {@code output = input} converted to the element type {@code to} (see {@link Conversions}). */
public final class Cast extends TensorOp {
    private final DType to;
    private final boolean saturate;
    private final E8M0Rounding roundMode;

    public Cast(Node node) {
        this.to = targetType(node.attributes().get("to"));
        this.saturate = node.attributes().getInt("saturate", 1) != 0;
        this.roundMode = E8M0Rounding.parse(node.attributes().getString("round_mode", "up"));
    }

    /** The {@code to} attribute: a {@code TensorProto.DataType} code, or its name in opset 1. */
    static DType targetType(Attribute a) {
        if (a == null) throw new IllegalArgumentException("Required attribute 'to' is missing");
        if (a.kind() == Attribute.Kind.STRING) return byName((String) a.value());
        if (a.kind() != Attribute.Kind.INT) {
            throw new IllegalArgumentException("attribute 'to' must be an int (or a type name), got " + a.kind());
        }
        DType t = DType.fromOnnx(((Number) a.value()).intValue());
        if (!t.isSupported()) throw new IllegalArgumentException("attribute 'to': cannot cast to " + t);
        return t;
    }

    private static DType byName(String name) {
        for (DType t : DType.values()) {
            String onnxName = switch (t) {
                case FLOAT32 -> "FLOAT";
                case FLOAT64 -> "DOUBLE";
                default -> t.name();
            };
            if (onnxName.equalsIgnoreCase(name) && t.isSupported()) return t;
        }
        throw new IllegalArgumentException("attribute 'to': unknown type name '" + name + "'");
    }

    @Override
    protected Tensor[] compute(Tensor[] inputs) {
        if (inputs[0] == null) throw new IllegalArgumentException("input 'input' is required");
        return new Tensor[] {Conversions.convert(inputs[0], to, saturate, roundMode)};
    }

    // dX = Cast(dY, X.dtype): the gradient flows back through the inverse conversion
    @Override
    public Tensor[] backward(Tensor[] inputs, Tensor[] outputs, Tensor[] dOutputs) {
        DType in = inputs[0].dtype();
        if (!in.isFloatingPoint() || !to.isFloatingPoint()) return new Tensor[] {null};
        return new Tensor[] {Conversions.convert(dOutputs[0], in, true, E8M0Rounding.UP)};
    }
}
