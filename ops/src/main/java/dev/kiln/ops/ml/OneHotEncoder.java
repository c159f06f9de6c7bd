package dev.kiln.ops.ml;

import dev.kiln.runtime.graph.Attributes;
import dev.kiln.runtime.graph.Node;
import dev.kiln.runtime.op.TensorOp;
import dev.kiln.runtime.tensor.DType;
import dev.kiln.runtime.tensor.MemoryBudget;
import dev.kiln.runtime.tensor.Shape;
import dev.kiln.runtime.tensor.Tensor;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * ai.onnx.ml OneHotEncoder: each element of X becomes a vector with 1 at the position of its
 * category, so Y (float32) has shape X.shape + [categories]. Strings look up
 * {@code cats_strings}; numbers are truncated to int64 and look up {@code cats_int64s}. An unknown
 * category gives all zeros when {@code zeros} = 1 and is an error otherwise.
 */
public final class OneHotEncoder extends TensorOp {
    private final Map<Object, Integer> index = new HashMap<>();
    private final int categories;
    private final boolean strings;
    private final boolean zeros;

    public OneHotEncoder(Node node) {
        Attributes a = node.attributes();
        long[] ints = a.getInts("cats_int64s", null);
        String[] strs = a.getStrings("cats_strings", null);
        if ((ints == null) == (strs == null)) {
            throw new IllegalArgumentException("exactly one of 'cats_int64s' and 'cats_strings' must be set");
        }
        strings = strs != null;
        categories = strings ? strs.length : ints.length;
        for (int i = 0; i < categories; i++) index.putIfAbsent(strings ? strs[i] : (Object) ints[i], i);
        zeros = a.getInt("zeros", 1) != 0;
    }

    @Override
    protected Tensor[] compute(Tensor[] inputs) {
        // x: S -> y: S + [categories]
        Tensor x = inputs[0];
        boolean isString = x.dtype() == DType.STRING;
        if (isString != strings) {
            throw new IllegalArgumentException("OneHotEncoder: input X is " + x.describe() + " but the categories are "
                    + (strings ? "strings" : "integers"));
        }
        long[] dims = x.shape().dims();
        long[] outDims = Arrays.copyOf(dims, dims.length + 1);
        outDims[dims.length] = categories;
        Shape outShape = Shape.of(outDims);
        MemoryBudget.check(DType.FLOAT32, outShape);
        float[] y = new float[outShape.sizeInt()];
        for (int i = 0; i < x.size(); i++) {
            Object key = isString ? x.strings()[i] : (Object) x.getLong(i);
            Integer c = index.get(key);
            if (c != null) {
                y[i * categories + c] = 1f;
            } else if (!zeros) {
                throw new IllegalArgumentException("OneHotEncoder: category '" + key
                        + "' is not in the category list and attribute 'zeros' is 0");
            }
        }
        return new Tensor[] {Tensor.wrap(DType.FLOAT32, outShape, y)};
    }
}
