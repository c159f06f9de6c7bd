package dev.kiln.ops.quant;

import dev.kiln.ops.cast.Conversions;
import dev.kiln.ops.cast.NarrowCodec.E8M0Rounding;
import dev.kiln.ops.common.Args;
import dev.kiln.ops.common.Broadcast;
import dev.kiln.runtime.tensor.DType;
import dev.kiln.runtime.tensor.Shape;
import dev.kiln.runtime.tensor.Tensor;

/** Quantization granularity (per-tensor, per-axis, blocked) and the integer ranges of the quantized types. */
final class QuantParams {
    private QuantParams() {}

    /**
     * For every element of {@code x} (row-major), the flat index of its scale and zero point.
     * A one-element {@code scale} is per-tensor; with {@code blockSize == 0} a 1-D scale of length
     * {@code x.dim(axis)} is per-axis; with {@code blockSize > 0} the scale has x's shape except
     * {@code ceil(x.dim(axis) / blockSize)} along {@code axis}.
     */
    static int[] paramIndex(Shape x, Shape scale, long axisAttr, long blockSize, String what) {
        int n = x.sizeInt();
        int[] map = new int[n];
        if (scale.size() == 1) return map;
        int r = x.rank();
        int axis = Args.axis(axisAttr, r, "attribute 'axis'");
        int d = x.dimInt(axis);
        int outer = (int) x.sizeBetween(0, axis);
        int inner = (int) x.sizeBetween(axis + 1, r);
        if (blockSize < 0) throw new IllegalArgumentException("attribute 'block_size' must be >= 0, got " + blockSize);
        if (blockSize == 0) {
            if (scale.rank() != 1 || scale.dim(0) != d) {
                throw new IllegalArgumentException("input '" + what + "' has shape " + scale
                        + ", expected a scalar or a 1-D tensor of length " + d + " (axis " + axis + " of " + x + ")");
            }
            int i = 0;
            for (int o = 0; o < outer; o++) {
                for (int a = 0; a < d; a++) {
                    for (int in = 0; in < inner; in++) map[i++] = a;
                }
            }
            return map;
        }
        int b = (int) blockSize;
        int s = (d + b - 1) / b;
        boolean ok = scale.rank() == r && scale.dim(axis) == s;
        for (int k = 0; ok && k < r; k++) ok = k == axis || scale.dim(k) == x.dim(k);
        if (!ok) {
            throw new IllegalArgumentException("input '" + what + "' has shape " + scale + ", expected x's shape " + x
                    + " with " + s + " blocks of " + b + " along axis " + axis);
        }
        int i = 0;
        for (int o = 0; o < outer; o++) {
            for (int a = 0; a < d; a++) {
                int base = (o * s + a / b) * inner;
                for (int in = 0; in < inner; in++) map[i++] = base + in;
            }
        }
        return map;
    }

    /** Input {@code i}, which must be present. */
    static Tensor require(Tensor[] inputs, int i, String name) {
        if (i >= inputs.length || inputs[i] == null) {
            throw new IllegalArgumentException("input '" + name + "' is required");
        }
        return inputs[i];
    }

    /** In-range integer results as a tensor of the quantized type {@code t}. */
    static Tensor ofLongs(long[] q, Shape shape, DType t) {
        return Conversions.convert(Tensor.wrap(DType.INT64, shape, q), t, true, E8M0Rounding.UP);
    }

    /** Real results converted to {@code t} as Cast converts them. */
    static Tensor ofDoubles(double[] v, Shape shape, DType t, boolean saturate) {
        return Conversions.convert(Tensor.wrap(DType.FLOAT64, shape, v), t, saturate, E8M0Rounding.UP);
    }

    /** Checks that a zero point has the scale's shape (any one-element shapes count as per-tensor). */
    static void requireSameShape(Tensor zeroPoint, Tensor scale, String zpName, String scaleName) {
        if (zeroPoint == null) return;
        boolean perTensor = zeroPoint.size() == 1 && scale.size() == 1;
        if (!perTensor && !zeroPoint.shape().equals(scale.shape())) {
            throw new IllegalArgumentException("input '" + zpName + "' has shape " + zeroPoint.shape() + ", but '"
                    + scaleName + "' has shape " + scale.shape() + "; they must match");
        }
    }

    /** The {@code [min, max]} of an integer quantized type, or null for the float ones. */
    static long[] range(DType t) {
        return switch (t) {
            case UINT8 -> new long[] {0, 255};
            case INT8 -> new long[] {-128, 127};
            case UINT16 -> new long[] {0, 65535};
            case INT16 -> new long[] {-32768, 32767};
            case UINT4 -> new long[] {0, 15};
            case INT4 -> new long[] {-8, 7};
            case UINT2 -> new long[] {0, 3};
            case INT2 -> new long[] {-2, 1};
            case INT32 -> new long[] {Integer.MIN_VALUE, Integer.MAX_VALUE};
            default -> null;
        };
    }

    /** Whether {@code t} may be a quantized output type. */
    static boolean isQuantized(DType t) {
        return (range(t) != null && t != DType.INT32) || switch (t) {
            case FLOAT8E4M3FN, FLOAT8E4M3FNUZ, FLOAT8E5M2, FLOAT8E5M2FNUZ, FLOAT4E2M1 -> true;
            default -> false;
        };
    }

    /**
     * {@code v} with a zero point subtracted, the zero point broadcasting against {@code shape}.
     * With {@code perRow}, a 1-D zero point of length M applies to the rows of a (..., M, K) input.
     */
    static double[] subtract(double[] v, Shape shape, double[] zp, Shape zpShape, boolean perRow, String what) {
        Shape zs = rowShape(zpShape, shape, perRow);
        checkBroadcast(zs, shape, what);
        int[] m = Broadcast.indexMap(zs, shape);
        double[] out = new double[v.length];
        for (int i = 0; i < v.length; i++) out[i] = v[i] - zp[m[i]];
        return out;
    }

    /** A 1-D per-row parameter of length M as shape (M, 1); other shapes unchanged. */
    static Shape rowShape(Shape p, Shape target, boolean perRow) {
        if (perRow && p.rank() == 1 && p.size() != 1 && target.rank() >= 2) return Shape.of(p.dim(0), 1);
        return p;
    }

    static void checkBroadcast(Shape p, Shape target, String what) {
        boolean ok = p.rank() <= target.rank();
        for (int i = 1; ok && i <= p.rank(); i++) {
            long pd = p.dim(p.rank() - i);
            ok = pd == 1 || pd == target.dim(target.rank() - i);
        }
        if (!ok) {
            throw new IllegalArgumentException("input '" + what + "' has shape " + p + ", which does not broadcast to "
                    + target);
        }
    }
}
