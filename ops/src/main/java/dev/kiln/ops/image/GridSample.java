package dev.kiln.ops.image;

import dev.kiln.runtime.graph.Node;
import dev.kiln.runtime.op.LoadContext;
import dev.kiln.runtime.op.TensorOp;
import dev.kiln.runtime.tensor.DType;
import dev.kiln.runtime.tensor.MemoryBudget;
import dev.kiln.runtime.tensor.Shape;
import dev.kiln.runtime.tensor.Tensor;

/**
 * GridSample (opset 16, 20, 22): samples {@code X} at the normalized positions of {@code grid} with
 * nearest, N-linear or N-cubic interpolation and zeros, border or reflection padding.
 *
 * <p>Letters: N batch, C channels, r spatial rank. {@code X: (N, C, D1..Dr)},
 * {@code grid: (N, O1..Or, r)} whose last axis lists coordinates innermost first (x, y, z),
 * {@code Y: (N, C, O1..Or)}. Opset 16 accepts 2-D spatial input with modes bilinear, nearest and
 * bicubic; later versions name them linear, nearest and cubic and allow any r. Nearest rounds half
 * to even.
 */
public final class GridSample extends TensorOp {
    private enum Mode { NEAREST, LINEAR, CUBIC }

    private enum Padding { ZEROS, BORDER, REFLECTION }

    private static final double CUBIC_A = -0.75;

    private final Mode mode;
    private final Padding padding;
    private final boolean alignCorners;
    private final boolean only2d;

    public GridSample(Node node, LoadContext ctx) {
        var a = node.attributes();
        this.only2d = ctx.sinceVersion() < 20;
        String m = a.getString("mode", only2d ? "bilinear" : "linear");
        this.mode = switch (m) {
            case "nearest" -> Mode.NEAREST;
            case "linear", "bilinear" -> Mode.LINEAR;
            case "cubic", "bicubic" -> Mode.CUBIC;
            default -> throw new IllegalArgumentException("attribute 'mode' must be linear, nearest or cubic, got '" + m + "'");
        };
        String p = a.getString("padding_mode", "zeros");
        this.padding = switch (p) {
            case "zeros" -> Padding.ZEROS;
            case "border" -> Padding.BORDER;
            case "reflection" -> Padding.REFLECTION;
            default -> throw new IllegalArgumentException("attribute 'padding_mode' must be zeros, border or reflection, got '"
                    + p + "'");
        };
        this.alignCorners = a.getInt("align_corners", 0) != 0;
    }

    @Override
    protected Tensor[] compute(Tensor[] in) {
        Tensor x = in[0], grid = in[1];
        int r = x.rank() - 2;
        if (r < 1 || (only2d && r != 2)) {
            throw new IllegalArgumentException("input X must be " + (only2d ? "4-D" : "at least 3-D") + ", got " + x.describe());
        }
        if (!grid.dtype().isFloatingPoint() || grid.rank() != r + 2 || grid.shape().dim(0) != x.shape().dim(0)
                || grid.shape().dim(r + 1) != r) {
            throw new IllegalArgumentException("input 'grid' must be a float tensor of shape (N, O1..O" + r + ", " + r
                    + "), got " + grid.describe());
        }
        if (mode != Mode.NEAREST && x.dtype() == DType.STRING) {
            throw new IllegalArgumentException("string input X needs mode nearest");
        }
        int n = x.shape().dimInt(0), c = x.shape().dimInt(1);
        int[] dims = new int[r];
        for (int i = 0; i < r; i++) dims[i] = x.shape().dimInt(i + 2);
        int inSpatial = (int) x.shape().sizeBetween(2, r + 2);
        int outSpatial = (int) grid.shape().sizeBetween(1, r + 1);
        long[] outDims = new long[r + 2];
        outDims[0] = n;
        outDims[1] = c;
        for (int i = 0; i < r; i++) outDims[i + 2] = grid.shape().dim(i + 1);
        Shape outShape = Shape.of(outDims);
        double[] g = grid.toDoubleArray();
        int taps = mode == Mode.NEAREST ? 1 : mode == Mode.LINEAR ? 2 : 4;
        int[][] tapIndex = new int[r][taps];
        double[][] tapWeight = new double[r][taps];
        int corners = 1;
        for (int i = 0; i < r; i++) corners *= taps;
        int[] cornerOffset = new int[corners];
        double[] cornerWeight = new double[corners];

        boolean numeric = mode != Mode.NEAREST;
        Tensor yT = numeric ? null : Tensor.zeros(x.dtype(), outShape);
        double[] xd = numeric ? x.toDoubleArray() : null;
        if (numeric) MemoryBudget.check(DType.FLOAT64, outShape);
        double[] y = numeric ? new double[outShape.sizeInt()] : null;
        for (int ni = 0; ni < n; ni++) {
            for (int o = 0; o < outSpatial; o++) {
                int gOff = (ni * outSpatial + o) * r;
                for (int i = 0; i < r; i++) {
                    // spatial axis i reads grid component r-1-i
                    double pos = (float) denormalize(g[gOff + r - 1 - i], dims[i]);
                    taps(pos, dims[i], tapIndex[i], tapWeight[i]);
                }
                // combine per-axis taps into corners (offset -1 marks a zero-padded sample)
                int count = 0;
                for (int k = 0; k < corners; k++) {
                    int rem = k, off = 0;
                    double w = 1;
                    for (int i = r - 1; i >= 0; i--) {
                        int t = rem % taps;
                        rem /= taps;
                        int idx = tapIndex[i][t];
                        if (idx < 0 || off < 0) off = -1;
                        else off += idx * stride(dims, i);
                        w *= tapWeight[i][t];
                    }
                    cornerOffset[count] = off;
                    cornerWeight[count] = w;
                    count++;
                }
                for (int ci = 0; ci < c; ci++) {
                    int base = (ni * c + ci) * inSpatial;
                    int out = (ni * c + ci) * outSpatial + o;
                    if (!numeric) {
                        if (cornerOffset[0] >= 0) System.arraycopy(x.data(), base + cornerOffset[0], yT.data(), out, 1);
                        continue;
                    }
                    double acc = 0;
                    for (int k = 0; k < count; k++) {
                        if (cornerOffset[k] >= 0) acc += cornerWeight[k] * xd[base + cornerOffset[k]];
                    }
                    y[out] = acc;
                }
            }
        }
        return new Tensor[] {numeric ? Tensor.fromDoubles(x.dtype(), outShape, y) : yT};
    }

    private static int stride(int[] dims, int axis) {
        int s = 1;
        for (int i = axis + 1; i < dims.length; i++) s *= dims[i];
        return s;
    }

    /** Normalized [-1, 1] coordinate to pixel coordinate. */
    private double denormalize(double v, int len) {
        return alignCorners ? (v + 1) / 2.0 * (len - 1) : ((v + 1) * len - 1) / 2.0;
    }

    /** Fills the taps of one axis: input index (or -1 for a zero-padded sample) and weight. */
    private void taps(double pos, int len, int[] index, double[] weight) {
        double lo = alignCorners ? 0 : -0.5, hi = alignCorners ? len - 1 : len - 0.5;
        if (mode == Mode.NEAREST) {
            pos = Math.rint(pos);
        }
        if (pos < lo || pos > hi) {
            if (padding == Padding.BORDER) pos = Math.max(0, Math.min(len - 1, pos));
            else if (padding == Padding.REFLECTION) pos = reflect(pos, lo, hi);
        }
        if (mode == Mode.NEAREST) {
            index[0] = pixel((int) pos, len, lo, hi);
            weight[0] = 1;
            return;
        }
        int x0 = (int) Math.floor(pos);
        double t = pos - x0;
        if (mode == Mode.LINEAR) {
            index[0] = pixel(x0, len, lo, hi);
            index[1] = pixel(x0 + 1, len, lo, hi);
            weight[0] = 1 - t;
            weight[1] = t;
            return;
        }
        double a = CUBIC_A, t1 = t + 1, q = 1 - t, q1 = 2 - t;
        weight[0] = ((a * t1 - 5 * a) * t1 + 8 * a) * t1 - 4 * a;
        weight[1] = ((a + 2) * t - (a + 3)) * t * t + 1;
        weight[2] = ((a + 2) * q - (a + 3)) * q * q + 1;
        weight[3] = ((a * q1 - 5 * a) * q1 + 8 * a) * q1 - 4 * a;
        for (int k = 0; k < 4; k++) index[k] = pixel(x0 - 1 + k, len, lo, hi);
    }

    /** The input index read for integer position {@code i} under the padding mode; -1 reads zero. */
    private int pixel(int i, int len, double lo, double hi) {
        if (i >= 0 && i < len) return i;
        return switch (padding) {
            case ZEROS -> -1;
            case BORDER -> Math.max(0, Math.min(len - 1, i));
            case REFLECTION -> Math.max(0, Math.min(len - 1, (int) reflect(i, lo, hi)));
        };
    }

    /** Reflects {@code x} off the borders {@code lo}, {@code hi} until it lies between them. */
    private static double reflect(double x, double lo, double hi) {
        double range = hi - lo;
        if (range <= 0) return lo;
        if (x < lo) {
            double dx = lo - x;
            long k = (long) (dx / range);
            double rem = dx - k * range;
            return k % 2 == 0 ? lo + rem : hi - rem;
        }
        if (x > hi) {
            double dx = x - hi;
            long k = (long) (dx / range);
            double rem = dx - k * range;
            return k % 2 == 0 ? hi - rem : lo + rem;
        }
        return x;
    }
}
