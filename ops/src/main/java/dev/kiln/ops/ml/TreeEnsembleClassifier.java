package dev.kiln.ops.ml;

import dev.kiln.runtime.graph.Attributes;
import dev.kiln.runtime.graph.Node;
import dev.kiln.runtime.op.TensorOp;
import dev.kiln.runtime.tensor.DType;
import dev.kiln.runtime.tensor.Shape;
import dev.kiln.runtime.tensor.Tensor;
import java.util.Arrays;

/**
 * ai.onnx.ml TreeEnsembleClassifier (opsets 1 and 3): sums the {@code class_weights} of the
 * leaves each tree reaches, adds {@code base_values}, applies {@code post_transform} and returns
 * the top class label Y (int64 or string, [N]) and the class scores Z (float32, [N, E]).
 *
 * <p>Binary case, when every weight votes for one class id and there are two class labels (or
 * one): the summed score s becomes the positive column and Z = [1 - s, s] for NONE and PROBIT
 * or [-s, s] for the other transforms, before the transform, as in the ONNX reference. The label
 * is the class of the largest transformed score (the first on ties).
 */
public final class TreeEnsembleClassifier extends TensorOp {
    private final Forest forest;
    private final PostTransform post;
    private final double[] base;
    private final long[] intLabels;
    private final String[] stringLabels;
    private final boolean binary;
    private final int binaryClass;

    public TreeEnsembleClassifier(Node node) {
        Attributes a = node.attributes();
        intLabels = a.getInts("classlabels_int64s", null);
        stringLabels = a.getStrings("classlabels_strings", null);
        if ((intLabels == null) == (stringLabels == null)) {
            throw new IllegalArgumentException("exactly one of 'classlabels_int64s' and 'classlabels_strings' must be set");
        }
        int classes = intLabels != null ? intLabels.length : stringLabels.length;
        if (classes == 0) throw new IllegalArgumentException("the class label list is empty");
        forest = Forest.fromLegacy(a, "class", classes);
        post = PostTransform.parse(a.getString("post_transform", "NONE"));
        base = TreeEnsembleRegressor.baseValues(a, classes);
        long[] ids = a.getInts("class_ids", new long[0]);
        boolean oneId = ids.length > 0 && Arrays.stream(ids).allMatch(id -> id == ids[0]);
        binary = oneId && classes <= 2;
        binaryClass = ids.length > 0 ? (int) ids[0] : 0;
        if (binary && classes == 1 && stringLabels != null) {
            throw new IllegalArgumentException("a binary classifier with string labels needs two labels");
        }
    }

    @Override
    protected Tensor[] compute(Tensor[] inputs) {
        // x: (N, F) -> y: (N), z: (N, E)
        MlInput in = MlInput.of(inputs[0], "TreeEnsembleClassifier");
        int n = in.rows();
        int c = forest.targets();
        double[] sums = forest.predict(in, Forest.Aggregate.SUM, "TreeEnsembleClassifier");
        int e = binary ? 2 : c;
        double[] z = new double[n * e];
        for (int r = 0; r < n; r++) {
            if (binary) {
                double s = sums[r * c + binaryClass] + (base.length > 0 ? base[binaryClass] : 0);
                boolean keepsScale = post == PostTransform.NONE || post == PostTransform.PROBIT;
                z[r * 2] = keepsScale ? 1 - s : -s;
                z[r * 2 + 1] = s;
            } else {
                for (int j = 0; j < c; j++) z[r * c + j] = sums[r * c + j] + (base.length > 0 ? base[j] : 0);
            }
            post.apply(z, r * e, e);
        }
        Tensor y = labels(z, n, e);
        return new Tensor[] {y, Tensor.fromDoubles(DType.FLOAT32, Shape.of(n, e), z)};
    }

    private Tensor labels(double[] z, int n, int e) {
        long[] ints = new long[n];
        String[] strings = new String[n];
        for (int r = 0; r < n; r++) {
            int best = 0;
            for (int j = 1; j < e; j++) {
                if (z[r * e + j] > z[r * e + best]) best = j;
            }
            if (intLabels != null) {
                // one label: column 1 means that label, column 0 means "not it" (0)
                ints[r] = intLabels.length == 1 ? (best == 1 ? intLabels[0] : 0) : intLabels[best];
            } else {
                strings[r] = stringLabels[best];
            }
        }
        return intLabels != null ? Tensor.of(ints, n) : Tensor.of(strings, n);
    }
}
