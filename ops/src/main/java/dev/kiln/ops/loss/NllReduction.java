package dev.kiln.ops.loss;

import dev.kiln.runtime.graph.Attributes;
import dev.kiln.runtime.tensor.DType;
import dev.kiln.runtime.tensor.Shape;
import dev.kiln.runtime.tensor.Tensor;

/**
 * The shared core of the two classification losses: picks {@code -logp[n, c, d...] * w[c]} for the
 * target class {@code c} of every sample and reduces.
 *
 * <p>Letters: N batch, C classes, D the product of the trailing spatial dims.
 * {@code logp: (N, C, d1..dk)}, {@code target: (N, d1..dk)}, {@code weight: (C)}. With "mean" the sum
 * is divided by the total weight of the samples that count (ignored samples weigh 0, and every
 * other sample weighs 1 without {@code weight}).
 */
final class NllReduction {
    enum Mode { NONE, SUM, MEAN }

    final Mode mode;
    final boolean hasIgnore;
    final long ignoreIndex;

    NllReduction(Attributes a) {
        String r = a.getString("reduction", "mean");
        this.mode = switch (r) {
            case "none" -> Mode.NONE;
            case "sum" -> Mode.SUM;
            case "mean" -> Mode.MEAN;
            default -> throw new IllegalArgumentException("attribute 'reduction' must be none, sum or mean, got '" + r + "'");
        };
        this.hasIgnore = a.has("ignore_index");
        this.ignoreIndex = a.getInt("ignore_index", 0);
    }

    /**
     * The loss as a tensor of {@code dtype}: shape (N, d1..dk) for "none", else a scalar.
     *
     * @param logp log-probabilities, row-major (N, C, d1..dk)
     */
    Tensor apply(double[] logp, Shape inShape, Tensor target, Tensor weight, DType dtype, String inName) {
        if (inShape.rank() < 2) {
            throw new IllegalArgumentException("input '" + inName + "' must be at least 2-D (N, C, ...), got " + inShape);
        }
        int n = inShape.dimInt(0), c = inShape.dimInt(1);
        int d = (int) inShape.sizeBetween(2, inShape.rank());
        long[] outDims = new long[inShape.rank() - 1];
        outDims[0] = n;
        for (int i = 2; i < inShape.rank(); i++) outDims[i - 1] = inShape.dim(i);
        Shape outShape = Shape.of(outDims);
        if (target.dtype() != DType.INT32 && target.dtype() != DType.INT64) {
            throw new IllegalArgumentException("input 'target' must be int32 or int64, got " + target.describe());
        }
        if (!target.shape().equals(outShape)) {
            throw new IllegalArgumentException("input 'target' must have shape " + outShape + ", got " + target.shape());
        }
        double[] w = null;
        if (weight != null) {
            if (weight.rank() != 1 || weight.shape().dim(0) != c) {
                throw new IllegalArgumentException("input 'weight' must have shape (" + c + "), got " + weight.describe());
            }
            w = weight.toDoubleArray();
        }
        long[] labels = target.toLongArray();
        double[] loss = new double[n * d];
        double sum = 0, weightSum = 0;
        for (int ni = 0; ni < n; ni++) {
            for (int di = 0; di < d; di++) {
                int idx = ni * d + di;
                long label = labels[idx];
                if (hasIgnore && label == ignoreIndex) continue;
                if (label < 0 || label >= c) {
                    throw new IllegalArgumentException("target value " + label + " is out of range [0, " + c + ")");
                }
                double wc = w == null ? 1 : w[(int) label];
                double l = -logp[(ni * c + (int) label) * d + di] * wc;
                loss[idx] = l;
                sum += l;
                weightSum += wc;
            }
        }
        return switch (mode) {
            case NONE -> Tensor.fromDoubles(dtype, outShape, loss);
            case SUM -> Tensor.fromDoubles(dtype, Shape.SCALAR, new double[] {sum});
            case MEAN -> Tensor.fromDoubles(dtype, Shape.SCALAR, new double[] {sum / weightSum});
        };
    }

    /**
     * The backward of {@link #apply}: the gradient with respect to {@code logp}, dense
     * (N, C, d1..dk). {@code loss[n, d] = -logp[n, t, d] * w[t]} with {@code t = target[n, d]}
     * gives {@code dLogp[n, t, d] = -w[t] * g[n, d]}, 0 elsewhere and at ignored samples, where
     * {@code g} is {@code dLoss[n, d]} for "none", {@code dLoss} for "sum" and
     * {@code dLoss / (total weight)} for "mean". Inputs were checked by the forward.
     */
    double[] gradient(Shape inShape, Tensor target, Tensor weight, Tensor dLoss) {
        int n = inShape.dimInt(0), c = inShape.dimInt(1);
        int d = (int) inShape.sizeBetween(2, inShape.rank());
        double[] w = weight == null ? null : weight.toDoubleArray();
        long[] labels = target.toLongArray();
        double weightSum = 0;
        for (long label : labels) {
            if (hasIgnore && label == ignoreIndex) continue;
            weightSum += w == null ? 1 : w[(int) label];
        }
        double[] dl = dLoss.toDoubleArray();
        double[] dLogp = new double[inShape.sizeInt()];
        for (int ni = 0; ni < n; ni++) {
            for (int di = 0; di < d; di++) {
                int idx = ni * d + di;
                long label = labels[idx];
                if (hasIgnore && label == ignoreIndex) continue;
                double g = switch (mode) {
                    case NONE -> dl[idx];
                    case SUM -> dl[0];
                    case MEAN -> dl[0] / weightSum;
                };
                dLogp[(ni * c + (int) label) * d + di] = -(w == null ? 1 : w[(int) label]) * g;
            }
        }
        return dLogp;
    }
}
