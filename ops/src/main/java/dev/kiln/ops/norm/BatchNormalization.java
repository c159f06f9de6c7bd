package dev.kiln.ops.norm;

import dev.kiln.runtime.graph.Node;
import dev.kiln.runtime.op.LoadContext;
import dev.kiln.runtime.op.TensorOp;
import dev.kiln.runtime.tensor.Shape;
import dev.kiln.runtime.tensor.Tensor;

/**
 * BatchNormalization: {@code Y = (X - mean) / sqrt(var + epsilon) * scale + B} per channel.
 * In inference the given mean and var are used. In training mode (opset 14+:
 * {@code training_mode=1}; before: more than one output requested, and {@code is_test=0} before
 * opset 7) the batch statistics over N and the spatial axes are used, and the outputs add the
 * running statistics {@code input * momentum + batch * (1 - momentum)}; old opsets also output
 * the batch mean and (population) variance. {@code spatial=0} (opsets 1-8) normalizes every
 * (channel, position) feature on its own.
 */
public final class BatchNormalization extends TensorOp {
    private final double epsilon;
    private final double momentum;
    private final boolean training;
    private final boolean perFeature;

    public BatchNormalization(Node node, LoadContext ctx) {
        this.epsilon = node.attributes().getFloat("epsilon", 1e-5f);
        this.momentum = node.attributes().getFloat("momentum", 0.9f);
        int outputs = 0;
        for (int i = 0; i < node.outputs().size(); i++) if (!node.output(i).isEmpty()) outputs = i + 1;
        int since = ctx.sinceVersion();
        if (since >= 14) {
            this.training = node.attributes().getInt("training_mode", 0) != 0;
            if (!training && outputs > 1) {
                throw new IllegalArgumentException("outputs running_mean and running_var need training_mode=1");
            }
        } else {
            boolean isTest = since < 7 && node.attributes().getInt("is_test", 0) != 0;
            this.training = !isTest && outputs > 1;
        }
        this.perFeature = since < 9 && node.attributes().getInt("spatial", 1) == 0;
    }

    // X: (N, C, D1..Dk) or (N), scale/B/mean/var: (C) → Y like X [, running_mean, running_var (C)
    // [, saved_mean, saved_var (C)]]
    @Override
    protected Tensor[] compute(Tensor[] inputs) {
        Tensor x = Values.require(inputs, 0, "X");
        Values.requireFloat(x, "X");
        long[] d = x.shape().dims();
        if (d.length == 0) throw new IllegalArgumentException("input X must have rank >= 1, got a scalar");
        int batch = (int) d[0];
        int channels = d.length == 1 ? 1 : perFeature ? (int) x.shape().sizeBetween(1, d.length) : (int) d[1];
        int inner = d.length <= 2 || perFeature ? 1 : (int) x.shape().sizeBetween(2, d.length);
        String[] names = {"X", "scale", "B", "input_mean", "input_var"};
        double[][] p = new double[5][];
        for (int i = 1; i < 5; i++) {
            Tensor t = inputs[i];
            if (t == null) throw new IllegalArgumentException("input " + names[i] + " is required");
            Values.requireFloat(t, names[i]);
            if (t.size() != channels) {
                throw new IllegalArgumentException("input " + names[i] + " has shape " + t.shape() + ", expected "
                        + channels + " values (one per channel)");
            }
            p[i] = t.toDoubleArray();
        }
        double[] scale = p[1], bias = p[2], mean = p[3], var = p[4];
        Values in = Values.of(x, "X");
        double[] useMean = mean, useVar = var;
        if (training) {
            useMean = new double[channels];
            useVar = new double[channels];
            double count = (double) batch * inner;
            for (int n = 0; n < batch; n++) {
                for (int c = 0; c < channels; c++) {
                    int base = (n * channels + c) * inner;
                    for (int i = 0; i < inner; i++) useMean[c] += in.get(base + i);
                }
            }
            for (int c = 0; c < channels; c++) useMean[c] /= count;
            for (int n = 0; n < batch; n++) {
                for (int c = 0; c < channels; c++) {
                    int base = (n * channels + c) * inner;
                    for (int i = 0; i < inner; i++) {
                        double dv = in.get(base + i) - useMean[c];
                        useVar[c] += dv * dv;
                    }
                }
            }
            for (int c = 0; c < channels; c++) useVar[c] /= count;
        }
        // y = x * a[c] + b[c]
        double[] a = new double[channels], b = new double[channels];
        for (int c = 0; c < channels; c++) {
            a[c] = scale[c] / Math.sqrt(useVar[c] + epsilon);
            b[c] = bias[c] - useMean[c] * a[c];
        }
        Values out = Values.alloc(x.dtype(), x.size());
        for (int n = 0; n < batch; n++) {
            for (int c = 0; c < channels; c++) {
                int base = (n * channels + c) * inner;
                double ac = a[c], bc = b[c];
                for (int i = 0; i < inner; i++) out.set(base + i, in.get(base + i) * ac + bc);
            }
        }
        Tensor y = out.toTensor(x.dtype(), x.shape());
        if (!training) return new Tensor[] {y};
        double[] runMean = new double[channels], runVar = new double[channels];
        for (int c = 0; c < channels; c++) {
            runMean[c] = mean[c] * momentum + useMean[c] * (1 - momentum);
            runVar[c] = var[c] * momentum + useVar[c] * (1 - momentum);
        }
        Shape cs = inputs[3].shape();
        Tensor rm = Tensor.fromDoubles(inputs[3].dtype(), cs, runMean);
        Tensor rv = Tensor.fromDoubles(inputs[4].dtype(), inputs[4].shape(), runVar);
        return new Tensor[] {y, rm, rv, Tensor.fromDoubles(inputs[3].dtype(), cs, useMean),
                Tensor.fromDoubles(inputs[4].dtype(), inputs[4].shape(), useVar)};
    }
}
