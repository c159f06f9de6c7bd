package dev.kiln.ops.ml;

import dev.kiln.runtime.graph.Attributes;
import dev.kiln.runtime.graph.Node;
import dev.kiln.runtime.op.TensorOp;
import dev.kiln.runtime.tensor.DType;
import dev.kiln.runtime.tensor.Shape;
import dev.kiln.runtime.tensor.Tensor;

/**
 * ai.onnx.ml LinearClassifier: scores {@code S = X W^T + b} with W of shape [K, C] from
 * {@code coefficients} and b from {@code intercepts}; Z is {@code post_transform(S)} and Y the
 * label of the top raw score.
 *
 * <p>With one set of coefficients (K = 1): for two class labels Z = transform([-s, s]) and Y is
 * label 1 when s &gt; 0, else label 0 (as in the ONNX reference); otherwise Z = transform([s]) and
 * Y is 1 / "1" when s &gt; 0, else 0 / "0" (as in ONNX Runtime). {@code multi_class} does not change
 * the computation.
 */
public final class LinearClassifier extends TensorOp {
    private final double[] coefficients;
    private final double[] intercepts;
    private final PostTransform post;
    private final long[] intLabels;
    private final String[] stringLabels;

    public LinearClassifier(Node node) {
        Attributes a = node.attributes();
        float[] coef = a.getFloats("coefficients", null);
        if (coef == null || coef.length == 0) {
            throw new IllegalArgumentException("attribute 'coefficients' is required");
        }
        coefficients = MlInput.floatList(coef);
        intercepts = MlInput.floatList(a.getFloats("intercepts", null));
        post = PostTransform.parse(a.getString("post_transform", "NONE"));
        intLabels = a.getInts("classlabels_ints", null);
        stringLabels = a.getStrings("classlabels_strings", null);
        if ((intLabels == null) == (stringLabels == null)) {
            throw new IllegalArgumentException("exactly one of 'classlabels_ints' and 'classlabels_strings' must be set");
        }
    }

    private int labelCount() { return intLabels != null ? intLabels.length : stringLabels.length; }

    @Override
    protected Tensor[] compute(Tensor[] inputs) {
        // x: (N, C), W: (K, C) -> y: (N), z: (N, K) or (N, 2) in the binary case
        MlInput in = MlInput.of(inputs[0], "LinearClassifier");
        int n = in.rows();
        int c = in.cols();
        if (c == 0 || coefficients.length % c != 0) {
            throw new IllegalArgumentException("LinearClassifier: 'coefficients' has " + coefficients.length
                    + " values, not a multiple of the " + c + " features of input X");
        }
        int k = coefficients.length / c;
        if (intercepts.length != 0 && intercepts.length != k) {
            throw new IllegalArgumentException("LinearClassifier: 'intercepts' has " + intercepts.length
                    + " values, expected " + k);
        }
        if (k > 1 && labelCount() != k) {
            throw new IllegalArgumentException("LinearClassifier: " + k + " score columns but " + labelCount()
                    + " class labels");
        }
        double[] s = scores(in, k);
        boolean binary = k == 1 && labelCount() == 2;
        int e = binary ? 2 : k;
        double[] z = new double[n * e];
        long[] ints = new long[n];
        String[] strings = new String[n];
        for (int r = 0; r < n; r++) {
            int label;
            if (k == 1) {
                double v = s[r];
                label = v > 0 ? 1 : 0;
                if (binary) {
                    z[r * 2] = -v;
                    z[r * 2 + 1] = v;
                } else {
                    z[r] = v;
                }
            } else {
                label = 0;
                for (int j = 0; j < k; j++) {
                    z[r * k + j] = s[r * k + j];
                    if (s[r * k + j] > s[r * k + label]) label = j;
                }
            }
            post.apply(z, r * e, e);
            if (k == 1 && !binary) {
                ints[r] = label;
                strings[r] = Integer.toString(label);
            } else if (intLabels != null) {
                ints[r] = intLabels[label];
            } else {
                strings[r] = stringLabels[label];
            }
        }
        Tensor y = intLabels != null ? Tensor.of(ints, n) : Tensor.of(strings, n);
        return new Tensor[] {y, Tensor.fromDoubles(DType.FLOAT32, Shape.of(n, e), z)};
    }

    private double[] scores(MlInput in, int k) {
        int c = in.cols();
        double[] x = in.data();
        double[] s = new double[in.rows() * k];
        for (int r = 0; r < in.rows(); r++) {
            for (int j = 0; j < k; j++) {
                double acc = intercepts.length == 0 ? 0 : intercepts[j];
                for (int f = 0; f < c; f++) acc += x[r * c + f] * coefficients[j * c + f];
                s[r * k + j] = acc;
            }
        }
        return s;
    }
}
