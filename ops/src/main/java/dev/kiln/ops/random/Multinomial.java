package dev.kiln.ops.random;

import dev.kiln.runtime.exec.ExecutionContext;
import dev.kiln.runtime.graph.Node;
import dev.kiln.runtime.op.Op;
import dev.kiln.runtime.tensor.DType;
import dev.kiln.runtime.tensor.Shape;
import dev.kiln.runtime.tensor.Tensor;
import dev.kiln.runtime.tensor.Value;
import java.util.SplittableRandom;

/**
 * Multinomial: for each row of unnormalised log-probabilities {@code (batch, classes)}, draws
 * {@code sample_size} class indices, giving {@code (batch, sample_size)} in int32 or int64.
 */
public final class Multinomial implements Op {
    private final DType dtype;
    private final int sampleSize;
    private final Long seed;

    public Multinomial(Node node) {
        var a = node.attributes();
        this.dtype = DType.fromOnnx((int) a.getInt("dtype", DType.INT32.onnxCode()));
        if (dtype != DType.INT32 && dtype != DType.INT64) {
            throw new IllegalArgumentException("attribute 'dtype' must be int32 or int64, got " + dtype);
        }
        long n = a.getInt("sample_size", 1);
        if (n < 0 || n > Integer.MAX_VALUE) throw new IllegalArgumentException("attribute 'sample_size' is invalid: " + n);
        this.sampleSize = (int) n;
        this.seed = RandomArgs.seed(a);
    }

    @Override
    public Value[] forward(Value[] inputs, ExecutionContext ctx) {
        Tensor x = RandomArgs.tensor(inputs[0], "input");
        RandomArgs.requireFloat(x.dtype(), "input 'input'");
        if (x.rank() != 2) throw new IllegalArgumentException("input 'input' must be (batch, classes), got " + x.describe());
        int batch = x.shape().dimInt(0);
        int classes = x.shape().dimInt(1);
        if (classes == 0 && sampleSize > 0) throw new IllegalArgumentException("input 'input' has no classes to sample");
        double[] logits = x.toDoubleArray();
        Tensor out = Tensor.zeros(dtype, Shape.of(batch, sampleSize));
        SplittableRandom rng = RandomArgs.source(seed, ctx);
        double[] cdf = new double[classes];
        for (int b = 0; b < batch; b++) {
            double max = Double.NEGATIVE_INFINITY;
            for (int c = 0; c < classes; c++) max = Math.max(max, logits[b * classes + c]);
            double total = 0;
            for (int c = 0; c < classes; c++) {
                total += Math.exp(logits[b * classes + c] - max);
                cdf[c] = total;
            }
            for (int s = 0; s < sampleSize; s++) {
                double u = rng.nextDouble() * total;
                int c = 0;
                while (c < classes - 1 && cdf[c] <= u) c++;
                out.setLong(b * sampleSize + s, c);
            }
        }
        return new Value[] {out};
    }
}
