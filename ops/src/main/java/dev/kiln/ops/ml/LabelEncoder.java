package dev.kiln.ops.ml;

import dev.kiln.runtime.graph.Attributes;
import dev.kiln.runtime.graph.Node;
import dev.kiln.runtime.op.TensorOp;
import dev.kiln.runtime.tensor.DType;
import dev.kiln.runtime.tensor.Shape;
import dev.kiln.runtime.tensor.Tensor;
import java.util.HashMap;
import java.util.Map;

/**
 * ai.onnx.ml LabelEncoder: maps each element of X through the parallel lists {@code keys_*} →
 * {@code values_*}; an element that is not a key becomes the default. Y has X's shape and the
 * values' type.
 *
 * <p>Opsets 2 and 4 take the keys, values and default from {@code keys_strings/int64s/floats},
 * {@code values_strings/int64s/floats} and {@code default_string/int64/float}; opset 4 also from
 * the tensor attributes {@code keys_tensor}, {@code values_tensor} and {@code default_tensor}. A
 * repeated key maps to its last value; a NaN key matches every NaN. Opset 1 maps strings to their
 * index in {@code classes_strings} ({@code default_int64} when absent) and int64 indices back to
 * those strings ({@code default_string} when out of range).
 */
public final class LabelEncoder extends TensorOp {
    private final Tensor keys;
    private final Tensor values;
    private final Tensor fallback;
    private final Map<Object, Integer> index = new HashMap<>();
    private final String v1DefaultString;   // opset 1 only, else null

    public LabelEncoder(Node node, int sinceVersion) {
        Attributes a = node.attributes();
        if (sinceVersion < 2) {
            String[] classes = a.getStrings("classes_strings", new String[0]);
            keys = Tensor.of(classes, classes.length);
            long[] positions = new long[classes.length];
            for (int i = 0; i < positions.length; i++) positions[i] = i;
            values = Tensor.of(positions, positions.length);
            fallback = Tensor.of(new long[] {a.getInt("default_int64", -1)}, 1);
        } else {
            keys = list(a, "keys", sinceVersion);
            values = list(a, "values", sinceVersion);
            if (keys.size() != values.size()) {
                throw new IllegalArgumentException("the keys (" + keys.size() + ") and values (" + values.size()
                        + ") of the mapping must have the same length");
            }
            fallback = fallback(a, values.dtype(), sinceVersion);
        }
        for (int i = 0; i < keys.size(); i++) index.put(key(keys, i), i);
        v1DefaultString = sinceVersion < 2 ? a.getString("default_string", "_Unused") : null;
    }

    private static Tensor list(Attributes a, String kind, int sinceVersion) {
        String[] strs = a.getStrings(kind + "_strings", null);
        long[] ints = a.getInts(kind + "_int64s", null);
        float[] floats = a.getFloats(kind + "_floats", null);
        Tensor tensor = sinceVersion >= 4 ? a.getTensor(kind + "_tensor") : null;
        int set = (strs != null ? 1 : 0) + (ints != null ? 1 : 0) + (floats != null ? 1 : 0) + (tensor != null ? 1 : 0);
        if (set != 1) {
            throw new IllegalArgumentException("exactly one of the '" + kind + "_*' attributes must be set, got " + set);
        }
        if (strs != null) return Tensor.of(strs, strs.length);
        if (ints != null) return Tensor.of(ints, ints.length);
        if (floats != null) return Tensor.of(floats, floats.length);
        if (tensor.rank() != 1) {
            throw new IllegalArgumentException("attribute '" + kind + "_tensor' must be 1-D, got " + tensor.describe());
        }
        return tensor;
    }

    private static Tensor fallback(Attributes a, DType type, int sinceVersion) {
        Tensor t = sinceVersion >= 4 ? a.getTensor("default_tensor") : null;
        if (t != null) {
            if (t.dtype() != type || t.size() != 1) {
                throw new IllegalArgumentException("attribute 'default_tensor' must hold one " + type + ", got "
                        + t.describe());
            }
            return t;
        }
        if (type == DType.STRING) return Tensor.of(new String[] {a.getString("default_string", "_Unused")}, 1);
        Tensor d = Tensor.zeros(type, Shape.of(1));
        if (type.isFloatingPoint()) d.setDouble(0, a.getFloat("default_float", -0.0f));
        else d.setLong(0, a.getInt("default_int64", -1));
        return d;
    }

    /** A lookup key: strings as is, integers as Long, floats as Double (one NaN, one zero). */
    private static Object key(Tensor t, int i) {
        DType d = t.dtype();
        if (d == DType.STRING) return t.strings()[i];
        if (d.isFloatingPoint()) {
            double v = t.getDouble(i);
            return Double.isNaN(v) ? Double.NaN : v == 0 ? 0.0 : v;
        }
        return t.getLong(i);
    }

    @Override
    protected Tensor[] compute(Tensor[] inputs) {
        Tensor x = inputs[0];
        if (v1DefaultString != null && x.dtype() != DType.STRING) return new Tensor[] {indicesToStrings(x)};
        boolean xString = x.dtype() == DType.STRING;
        if (xString != (keys.dtype() == DType.STRING)) {
            throw new IllegalArgumentException("LabelEncoder: input X is " + x.describe() + " but the keys are "
                    + keys.dtype());
        }
        Tensor y = Tensor.zeros(values.dtype(), x.shape());
        for (int i = 0; i < x.size(); i++) {
            Integer at = index.get(key(x, i));
            if (at == null) System.arraycopy(fallback.data(), 0, y.data(), i, 1);
            else System.arraycopy(values.data(), at, y.data(), i, 1);
        }
        return new Tensor[] {y};
    }

    // opset 1, int64 -> string: classes_strings[x], or default_string when out of range
    private Tensor indicesToStrings(Tensor x) {
        String[] classes = keys.strings();
        String[] out = new String[x.size()];
        for (int i = 0; i < out.length; i++) {
            long v = x.getLong(i);
            out[i] = v >= 0 && v < classes.length ? classes[(int) v] : v1DefaultString;
        }
        return Tensor.wrap(DType.STRING, x.shape(), out);
    }
}
