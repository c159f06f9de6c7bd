package dev.kiln.ops.ml;

import dev.kiln.ops.common.Args;
import dev.kiln.runtime.graph.Node;
import dev.kiln.runtime.op.TensorOp;
import dev.kiln.runtime.tensor.Shape;
import dev.kiln.runtime.tensor.Tensor;

/**
 * ai.onnx.ml ArrayFeatureExtractor: {@code Z[..., j] = X[..., Y[j]]}, selecting along the last
 * axis. Z has shape X.shape[:-1] + [len(Y)]; a 1-D X gives [1, len(Y)].
 */
public final class ArrayFeatureExtractor extends TensorOp {
    public ArrayFeatureExtractor(Node node) {}

    @Override
    protected Tensor[] compute(Tensor[] inputs) {
        // x: (..., C), y: (K) -> z: (..., K)
        Tensor x = inputs[0];
        long[] idx = Args.longs(inputs[1], "Y");
        if (x.rank() == 0) throw new IllegalArgumentException("input X must have at least one dimension");
        long[] dims = x.shape().dims();
        int c = x.shape().dimInt(-1);
        int k = idx.length;
        for (long i : idx) {
            if (i < 0 || i >= c) {
                throw new IllegalArgumentException("index " + i + " in input Y is out of range [0, " + c
                        + ") of the last axis of X");
            }
        }
        long[] outDims;
        if (dims.length == 1) {
            outDims = new long[] {1, k};
        } else {
            outDims = dims.clone();
            outDims[dims.length - 1] = k;
        }
        Shape outShape = Shape.of(outDims);
        Tensor z = Tensor.zeros(x.dtype(), outShape);
        int rows = c == 0 ? 0 : x.size() / c;
        for (int r = 0; r < rows; r++) {
            for (int j = 0; j < k; j++) {
                System.arraycopy(x.data(), r * c + (int) idx[j], z.data(), r * k + j, 1);
            }
        }
        return new Tensor[] {z};
    }
}
