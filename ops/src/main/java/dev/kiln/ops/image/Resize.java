package dev.kiln.ops.image;

import dev.kiln.ops.common.Args;
import dev.kiln.runtime.graph.Node;
import dev.kiln.runtime.op.LoadContext;
import dev.kiln.runtime.op.TensorOp;
import dev.kiln.runtime.tensor.Tensor;
import java.util.Arrays;

/**
 * Resize (opset 10, 11, 13, 18, 19): nearest, linear or cubic resampling of an N-D tensor to sizes
 * given directly ({@code sizes}, optionally keeping the aspect ratio) or by {@code scales}
 * ({@code out = floor(in * scale)}), over all axes or the listed {@code axes}.
 *
 * <p>Opset 10 takes {@code (X, scales)} and samples asymmetrically (nearest: floor when
 * upsampling, ceil when downsampling); later versions take {@code (X, roi, scales, sizes)}.
 */
public final class Resize extends TensorOp {
    private enum Aspect { STRETCH, NOT_LARGER, NOT_SMALLER }

    private final boolean opset10;
    private final Resampling.Config config;
    private final long[] axes;
    private final Aspect aspect;

    public Resize(Node node, LoadContext ctx) {
        var a = node.attributes();
        this.opset10 = ctx.sinceVersion() < 11;
        Resampling.Mode mode = Resampling.mode(a.getString("mode", "nearest"));
        Resampling.Coord coord;
        Resampling.Nearest nearest;
        if (opset10) {
            coord = Resampling.Coord.ASYMMETRIC;
            nearest = Resampling.Nearest.SIMPLE;
        } else {
            coord = coord(a.getString("coordinate_transformation_mode", "half_pixel"));
            nearest = nearestMode(a.getString("nearest_mode", "round_prefer_floor"));
        }
        boolean antialias = a.getInt("antialias", 0) != 0;
        if (antialias && mode == Resampling.Mode.NEAREST) {
            throw new IllegalArgumentException("attribute 'antialias' applies to linear and cubic modes only");
        }
        this.config = new Resampling.Config(mode, coord, nearest, a.getFloat("cubic_coeff_a", -0.75f),
                a.getInt("exclude_outside", 0) != 0, a.getFloat("extrapolation_value", 0f), antialias);
        this.axes = a.getInts("axes", null);
        String policy = a.getString("keep_aspect_ratio_policy", "stretch");
        this.aspect = switch (policy) {
            case "stretch" -> Aspect.STRETCH;
            case "not_larger" -> Aspect.NOT_LARGER;
            case "not_smaller" -> Aspect.NOT_SMALLER;
            default -> throw new IllegalArgumentException("attribute 'keep_aspect_ratio_policy' must be stretch, "
                    + "not_larger or not_smaller, got '" + policy + "'");
        };
    }

    private static Resampling.Coord coord(String s) {
        return switch (s) {
            case "half_pixel" -> Resampling.Coord.HALF_PIXEL;
            case "half_pixel_symmetric" -> Resampling.Coord.HALF_PIXEL_SYMMETRIC;
            case "pytorch_half_pixel" -> Resampling.Coord.PYTORCH_HALF_PIXEL;
            case "align_corners" -> Resampling.Coord.ALIGN_CORNERS;
            case "asymmetric" -> Resampling.Coord.ASYMMETRIC;
            case "tf_half_pixel_for_nn" -> Resampling.Coord.TF_HALF_PIXEL_FOR_NN;
            case "tf_crop_and_resize" -> Resampling.Coord.TF_CROP_AND_RESIZE;
            default -> throw new IllegalArgumentException("attribute 'coordinate_transformation_mode' has unknown value '"
                    + s + "'");
        };
    }

    private static Resampling.Nearest nearestMode(String s) {
        return switch (s) {
            case "round_prefer_floor" -> Resampling.Nearest.ROUND_PREFER_FLOOR;
            case "round_prefer_ceil" -> Resampling.Nearest.ROUND_PREFER_CEIL;
            case "floor" -> Resampling.Nearest.FLOOR;
            case "ceil" -> Resampling.Nearest.CEIL;
            default -> throw new IllegalArgumentException("attribute 'nearest_mode' has unknown value '" + s + "'");
        };
    }

    @Override
    protected Tensor[] compute(Tensor[] in) {
        Tensor x = in[0];
        Tensor roi = opset10 ? null : arg(in, 1);
        Tensor scales = opset10 ? arg(in, 1) : arg(in, 2);
        Tensor sizes = opset10 ? null : arg(in, 3);
        int r = x.rank();
        int[] ax = axes == null ? range(r) : Args.axes(axes, r, "axes");
        if ((scales == null) == (sizes == null)) {
            throw new IllegalArgumentException("exactly one of inputs 'scales' and 'sizes' must be given");
        }
        long[] inDims = x.shape().dims();
        double[] scale = new double[r];
        int[] outLen = new int[r];
        Arrays.fill(scale, 1.0);
        for (int d = 0; d < r; d++) outLen[d] = (int) inDims[d];
        if (scales != null) {
            double[] s = scales.toDoubleArray();
            if (s.length != ax.length) {
                throw new IllegalArgumentException("input 'scales' has " + s.length + " values, expected " + ax.length);
            }
            for (int i = 0; i < ax.length; i++) {
                if (!(s[i] > 0)) throw new IllegalArgumentException("input 'scales' value " + s[i] + " must be positive");
                scale[ax[i]] = s[i];
                outLen[ax[i]] = (int) (s[i] * inDims[ax[i]]);
            }
        } else {
            long[] sz = Args.longs(sizes, "sizes");
            if (sz.length != ax.length) {
                throw new IllegalArgumentException("input 'sizes' has " + sz.length + " values, expected " + ax.length);
            }
            for (long v : sz) {
                if (v < 0) throw new IllegalArgumentException("input 'sizes' value " + v + " must not be negative");
            }
            if (aspect == Aspect.STRETCH) {
                for (int i = 0; i < ax.length; i++) {
                    outLen[ax[i]] = (int) sz[i];
                    scale[ax[i]] = (double) sz[i] / inDims[ax[i]];
                }
            } else {
                double s = aspect == Aspect.NOT_LARGER ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY;
                for (int i = 0; i < ax.length; i++) {
                    double q = (double) sz[i] / inDims[ax[i]];
                    s = aspect == Aspect.NOT_LARGER ? Math.min(s, q) : Math.max(s, q);
                }
                for (int d : ax) {
                    scale[d] = s;
                    outLen[d] = (int) (s * inDims[d] + 0.5);
                }
            }
        }
        double[] roiStart = new double[r], roiEnd = new double[r];
        Arrays.fill(roiEnd, 1.0);
        if (config.coord() == Resampling.Coord.TF_CROP_AND_RESIZE) {
            if (roi == null) throw new IllegalArgumentException("input 'roi' is required by tf_crop_and_resize");
            double[] rv = roi.toDoubleArray();
            if (rv.length != 2 * ax.length) {
                throw new IllegalArgumentException("input 'roi' has " + rv.length + " values, expected " + 2 * ax.length);
            }
            for (int i = 0; i < ax.length; i++) {
                roiStart[ax[i]] = rv[i];
                roiEnd[ax[i]] = rv[ax.length + i];
            }
        }
        return new Tensor[] {Resampling.resize(x, scale, outLen, roiStart, roiEnd, config)};
    }

    private static Tensor arg(Tensor[] in, int i) {
        Tensor t = i < in.length ? in[i] : null;
        return t == null || t.size() == 0 ? null : t;
    }

    private static int[] range(int r) {
        int[] a = new int[r];
        for (int i = 0; i < r; i++) a[i] = i;
        return a;
    }
}
