package dev.kiln.ops.shape;

import dev.kiln.runtime.graph.Attribute;
import dev.kiln.runtime.graph.Node;
import dev.kiln.runtime.op.TensorOp;
import dev.kiln.runtime.tensor.DType;
import dev.kiln.runtime.tensor.Shape;
import dev.kiln.runtime.tensor.Tensor;

/**
 * Constant: outputs the tensor given by exactly one of the attributes {@code value},
 * {@code sparse_value} (densified at import), {@code value_float(s)}, {@code value_int(s)} or
 * {@code value_string(s)}.
 */
public final class Constant extends TensorOp {
    private static final String[] FORMS = {"value", "sparse_value", "value_float", "value_floats",
        "value_int", "value_ints", "value_string", "value_strings"};

    private final Tensor value;

    public Constant(Node node) {
        var attrs = node.attributes();
        String form = null;
        for (String f : FORMS) {
            if (!attrs.has(f)) continue;
            if (form != null) {
                throw new IllegalArgumentException("attributes '" + form + "' and '" + f
                        + "' are both set; exactly one value attribute is allowed");
            }
            form = f;
        }
        if (form == null) {
            throw new IllegalArgumentException("needs one of the attributes " + String.join(", ", FORMS));
        }
        this.value = switch (form) {
            case "value", "sparse_value" -> {
                Attribute a = attrs.get(form);
                if (!(a.value() instanceof Tensor t)) {
                    throw new IllegalArgumentException("attribute '" + form + "' must be a tensor, got " + a.kind());
                }
                yield t;
            }
            case "value_float" -> Tensor.scalar(attrs.getFloat(form, 0f));
            case "value_floats" -> {
                float[] v = attrs.getFloats(form, null);
                yield Tensor.of(v, v.length);
            }
            case "value_int" -> Tensor.scalar(attrs.getInt(form, 0));
            case "value_ints" -> Tensor.vector(attrs.getInts(form, null));
            case "value_string" -> Tensor.wrap(DType.STRING, Shape.SCALAR, new String[] {attrs.getString(form, "")});
            default -> {
                String[] v = attrs.getStrings(form, null);
                yield Tensor.of(v, v.length);
            }
        };
    }

    @Override
    protected Tensor[] compute(Tensor[] inputs) {
        return new Tensor[] {value};
    }
}
