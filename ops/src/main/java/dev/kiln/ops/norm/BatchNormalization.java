package dev.kiln.ops.norm;

import dev.kiln.ops.common.Floats;
import dev.kiln.runtime.graph.Node;
import dev.kiln.runtime.op.LoadContext;
import dev.kiln.runtime.op.TensorOp;
import dev.kiln.runtime.tensor.DType;
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
    /** Opsets 1 and 6: the parameters may hold one value per channel even with spatial=0. */
    private final boolean sizeCParams;

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
        this.sizeCParams = since < 7;
    }

    // X: (N, C, D1..Dk) or (N), scale/B/mean/var: (C) → Y like X [, running_mean, running_var (C)
    // [, saved_mean, saved_var (C)]]
    @Override
    protected Tensor[] compute(Tensor[] inputs) {
        Tensor x = Values.require(inputs, 0, "X");
        int[] l = layout(x, inputs.length > 1 ? inputs[1] : null);
        int batch = l[0], channels = l[1], inner = l[2];
        double[][] p = params(inputs, channels);
        double[] scale = p[1], bias = p[2], mean = p[3], var = p[4];
        double[] useMean = mean, useVar = var;
        if (training) {
            Values in = Values.of(x, "X");
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
        Tensor y;
        if (x.dtype() == DType.FLOAT32) {
            float[] ys = new float[x.size()];
            affine(x.floats(), ys, batch, channels, inner, a, b);
            y = Tensor.wrap(DType.FLOAT32, x.shape(), ys);
        } else if ((x.dtype() == DType.FLOAT16 || x.dtype() == DType.BFLOAT16) && Floats.blockwise()) {
            y = affineNarrow(x, batch, channels, inner, a, b);
        } else if (x.dtype() == DType.FLOAT16 || x.dtype() == DType.BFLOAT16) {
            float[] ys = new float[x.size()];
            affine(Floats.widen(x), ys, batch, channels, inner, a, b);
            y = Floats.narrow(x.dtype(), x.shape(), ys);
        } else {
            Values in = Values.of(x, "X"), out = Values.alloc(x.dtype(), x.size());
            for (int n = 0; n < batch; n++) {
                for (int c = 0; c < channels; c++) {
                    int base = (n * channels + c) * inner;
                    double ac = a[c], bc = b[c];
                    for (int i = 0; i < inner; i++) out.set(base + i, in.get(base + i) * ac + bc);
                }
            }
            y = out.toTensor(x.dtype(), x.shape());
        }
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

    /** y = x * a[c] + b[c] per channel, in double and rounded to float once. x, y: (N, C, inner). */
    private static void affine(float[] x, float[] y, int batch, int channels, int inner, double[] a, double[] b) {
        for (int n = 0; n < batch; n++) {
            for (int c = 0; c < channels; c++) {
                int base = (n * channels + c) * inner;
                double ac = a[c], bc = b[c];
                for (int i = base; i < base + inner; i++) y[i] = (float) (x[i] * ac + bc);
            }
        }
    }

    /**
     * {@link #affine} for float16 and bfloat16 X, a block of a channel plane at a time (when
     * {@link Floats#blockwise}): widened, computed, rounded back, without a full-size float copy.
     */
    private static Tensor affineNarrow(Tensor x, int batch, int channels, int inner, double[] a, double[] b) {
        DType type = x.dtype();
        short[] xs = x.shorts(), ys = new short[xs.length];
        int block = Math.max(1, Math.min(inner, 4096));
        float[] fx = new float[block], fy = new float[block];
        for (int n = 0; n < batch; n++) {
            for (int c = 0; c < channels; c++) {
                int base = (n * channels + c) * inner;
                double ac = a[c], bc = b[c];
                for (int off = 0; off < inner; off += block) {
                    int len = Math.min(block, inner - off);
                    Floats.widen(type, xs, base + off, fx, len);
                    for (int i = 0; i < len; i++) fy[i] = (float) (fx[i] * ac + bc);
                    Floats.narrow(type, fy, ys, base + off, len);
                }
            }
        }
        return Tensor.wrap(type, x.shape(), ys);
    }

    // Inference, per channel c: Y = (X - mean) * a + B with a = scale / sqrt(var + epsilon)  =>
    //   dX = dY * a, dScale = sum dY * (X - mean) / sqrt(var + epsilon), dB = sum dY,
    //   dMean = -a * sum dY, dVar = -sum dY * (X - mean) * a / (2 (var + epsilon))
    // Training: the batch statistics bm, bv over (N, spatial) replace mean and var, xhat = (X - bm) * inv, and
    //   running_mean = mean * momentum + bm * (1 - momentum) (likewise var; old opsets also output bm, bv)  =>
    //   dX = inv * (g - mean(g) - xhat * mean(g * xhat)) + dBm / count + dBv * 2 (X - bm) / count, g = dY * scale,
    //     dBm = (1 - momentum) * dRunningMean + dSavedMean, dBv = (1 - momentum) * dRunningVar + dSavedVar
    //   dScale = sum dY * xhat, dB = sum dY, dMean = momentum * dRunningMean, dVar = momentum * dRunningVar
    @Override
    public Tensor[] backward(Tensor[] inputs, Tensor[] outputs, Tensor[] dOutputs) {
        Tensor x = Values.require(inputs, 0, "X");
        int[] l = layout(x, inputs.length > 1 ? inputs[1] : null);
        int batch = l[0], channels = l[1], inner = l[2];
        double[][] p = params(inputs, channels);
        double[] scale = p[1], mean = p[3], var = p[4];
        Values in = Values.of(x, "X"), dy = Values.of(dOutputs[0], "dY");
        double[] dScale = new double[channels], dBias = new double[channels];
        double[] dMean = new double[channels], dVar = new double[channels];
        Values dx = Values.alloc(x.dtype(), x.size());
        double count = (double) batch * inner;
        for (int c = 0; c < channels; c++) {
            double m = mean[c], v = var[c];
            if (training) {
                double s = 0;
                for (int n = 0; n < batch; n++) {
                    for (int i = 0; i < inner; i++) s += in.get((n * channels + c) * inner + i);
                }
                m = s / count;
                double ss = 0;
                for (int n = 0; n < batch; n++) {
                    for (int i = 0; i < inner; i++) {
                        double dv = in.get((n * channels + c) * inner + i) - m;
                        ss += dv * dv;
                    }
                }
                v = ss / count;
            }
            double inv = 1 / Math.sqrt(v + epsilon);
            // sums over the channel: dY, dY * xhat
            double sumDy = 0, sumDyXhat = 0;
            for (int n = 0; n < batch; n++) {
                for (int i = 0; i < inner; i++) {
                    int at = (n * channels + c) * inner + i;
                    double d = dy.get(at);
                    sumDy += d;
                    sumDyXhat += d * (in.get(at) - m) * inv;
                }
            }
            dScale[c] = sumDyXhat;
            dBias[c] = sumDy;
            double a = scale[c] * inv;
            if (!training) {
                dMean[c] = -a * sumDy;
                dVar[c] = -sumDyXhat * scale[c] * inv * inv / 2;
                for (int n = 0; n < batch; n++) {
                    for (int i = 0; i < inner; i++) {
                        int at = (n * channels + c) * inner + i;
                        dx.set(at, dy.get(at) * a);
                    }
                }
                continue;
            }
            double dRunMean = grad(dOutputs, 1, c), dRunVar = grad(dOutputs, 2, c);
            double dBm = (1 - momentum) * dRunMean + grad(dOutputs, 3, c);
            double dBv = (1 - momentum) * dRunVar + grad(dOutputs, 4, c);
            dMean[c] = momentum * dRunMean;
            dVar[c] = momentum * dRunVar;
            // with g = dY * scale: mean(g) = scale * sumDy / count, mean(g * xhat) = scale * sumDyXhat / count
            double meanG = scale[c] * sumDy / count, meanGx = scale[c] * sumDyXhat / count;
            for (int n = 0; n < batch; n++) {
                for (int i = 0; i < inner; i++) {
                    int at = (n * channels + c) * inner + i;
                    double centered = in.get(at) - m;
                    double xhat = centered * inv;
                    dx.set(at, inv * (dy.get(at) * scale[c] - meanG - xhat * meanGx)
                            + dBm / count + dBv * 2 * centered / count);
                }
            }
        }
        Tensor[] grads = new Tensor[inputs.length];
        grads[0] = dx.toTensor(x.dtype(), x.shape());
        double[][] g = {null, dScale, dBias, dMean, dVar};
        for (int i = 1; i < 5; i++) grads[i] = Tensor.fromDoubles(inputs[i].dtype(), inputs[i].shape(), g[i]);
        return grads;
    }

    /** Element {@code c} of output gradient {@code k}, zero when that output has none. */
    private static double grad(Tensor[] dOutputs, int k, int c) {
        return k < dOutputs.length && dOutputs[k] != null ? dOutputs[k].getDouble(c) : 0;
    }

    /**
     * {batch, channels, inner}: X viewed as (N, C, inner), or (N, C * spatial, 1) with spatial=0.
     * Opsets 1 and 6 document scale, B, mean and var as "1-dimensional tensor of size C" even
     * with spatial=0, so there a scale of C values keeps the per-channel view.
     */
    private int[] layout(Tensor x, Tensor scale) {
        Values.requireFloat(x, "X");
        long[] d = x.shape().dims();
        if (d.length == 0) throw new IllegalArgumentException("input X must have rank >= 1, got a scalar");
        int batch = (int) d[0];
        boolean perFeature = this.perFeature
                && !(sizeCParams && d.length > 2 && scale != null && scale.size() == d[1]);
        int channels = d.length == 1 ? 1 : perFeature ? (int) x.shape().sizeBetween(1, d.length) : (int) d[1];
        int inner = d.length <= 2 || perFeature ? 1 : (int) x.shape().sizeBetween(2, d.length);
        return new int[] {batch, channels, inner};
    }

    /** scale, B, input_mean, input_var as doubles at indices 1..4, each checked to hold one value per channel. */
    private static double[][] params(Tensor[] inputs, int channels) {
        String[] names = {"X", "scale", "B", "input_mean", "input_var"};
        double[][] p = new double[5][];
        for (int i = 1; i < 5; i++) {
            Tensor t = i < inputs.length ? inputs[i] : null;
            if (t == null) throw new IllegalArgumentException("input " + names[i] + " is required");
            Values.requireFloat(t, names[i]);
            if (t.size() != channels) {
                throw new IllegalArgumentException("input " + names[i] + " has shape " + t.shape() + ", expected "
                        + channels + " values (one per channel)");
            }
            p[i] = t.toDoubleArray();
        }
        return p;
    }
}
