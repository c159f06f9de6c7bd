package dev.kiln.ops.image;

import dev.kiln.ops.common.Floats;
import dev.kiln.runtime.tensor.DType;
import dev.kiln.runtime.tensor.Shape;
import dev.kiln.runtime.tensor.Tensor;

/**
 * The interpolation core shared by Resize and Upsample: coordinate transformation, nearest
 * rounding, linear and cubic (optionally antialiased) filters, applied axis by axis. The filters
 * run in float for float32, float16 and bfloat16 (each axis rounded to float, the 16-bit types
 * once more to their type at the end), in double for float64 and the integer types.
 */
final class Resampling {
    enum Mode { NEAREST, LINEAR, CUBIC }

    enum Coord { HALF_PIXEL, HALF_PIXEL_SYMMETRIC, PYTORCH_HALF_PIXEL, ALIGN_CORNERS, ASYMMETRIC,
        TF_HALF_PIXEL_FOR_NN, TF_CROP_AND_RESIZE }

    /** Nearest rounding; SIMPLE is the opset-10 rule (floor when upsampling, ceil when downsampling). */
    enum Nearest { ROUND_PREFER_FLOOR, ROUND_PREFER_CEIL, FLOOR, CEIL, SIMPLE }

    /** How to sample. */
    record Config(Mode mode, Coord coord, Nearest nearest, double cubicA, boolean excludeOutside,
                  double extrapolation, boolean antialias) {}

    private Resampling() {}

    static Mode mode(String s) {
        return switch (s) {
            case "nearest" -> Mode.NEAREST;
            case "linear", "bilinear" -> Mode.LINEAR;
            case "cubic" -> Mode.CUBIC;
            default -> throw new IllegalArgumentException("attribute 'mode' must be nearest, linear or cubic, got '" + s + "'");
        };
    }

    /**
     * Resizes {@code x}: axis {@code d} goes from {@code x.shape[d]} to {@code outLen[d]} with scale
     * factor {@code scale[d]}; {@code roiStart}/{@code roiEnd} are used by tf_crop_and_resize only.
     */
    static Tensor resize(Tensor x, double[] scale, int[] outLen, double[] roiStart, double[] roiEnd, Config c) {
        int r = x.rank();
        long[] dims = x.shape().dims();
        boolean crop = c.coord() == Coord.TF_CROP_AND_RESIZE;
        if (c.mode() == Mode.NEAREST) {
            Tensor y = x;
            for (int d = 0; d < r; d++) {
                if (identity(d, dims, scale, outLen, roiStart, roiEnd, crop)) continue;
                y = plan(d, (int) dims[d], outLen[d], scale[d], roiStart[d], roiEnd[d], c).gather(y, d, c.extrapolation());
            }
            return y;
        }
        if (x.dtype() == DType.STRING) {
            throw new IllegalArgumentException("input X of type string can only use mode nearest");
        }
        long[] cur = dims.clone();
        if (Floats.isFloat32Like(x.dtype())) {
            float[] data = Floats.widen(x);
            for (int d = 0; d < r; d++) {
                if (identity(d, dims, scale, outLen, roiStart, roiEnd, crop)) continue;
                data = plan(d, (int) dims[d], outLen[d], scale[d], roiStart[d], roiEnd[d], c)
                        .interpolate(data, cur, d, (float) c.extrapolation());
                cur[d] = outLen[d];
            }
            return Floats.narrow(x.dtype(), Shape.of(cur), data);
        }
        double[] data = x.toDoubleArray();
        for (int d = 0; d < r; d++) {
            if (identity(d, dims, scale, outLen, roiStart, roiEnd, crop)) continue;
            data = plan(d, (int) dims[d], outLen[d], scale[d], roiStart[d], roiEnd[d], c)
                    .interpolate(data, cur, d, c.extrapolation());
            cur[d] = outLen[d];
        }
        return Tensor.fromDoubles(x.dtype(), Shape.of(cur), data);
    }

    private static boolean identity(int d, long[] dims, double[] scale, int[] outLen, double[] roiStart,
                                    double[] roiEnd, boolean crop) {
        if (outLen[d] != dims[d]) return false;
        return crop ? roiStart[d] == 0 && roiEnd[d] == 1 : scale[d] == 1;
    }

    private static AxisResampler plan(int axis, int inLen, int outLen, double scale, double roiStart,
                                      double roiEnd, Config c) {
        if (inLen == 0 && outLen > 0) {
            throw new IllegalArgumentException("cannot resize axis " + axis + " of length 0 to " + outLen);
        }
        double outWidth = scale * inLen;
        if (c.mode() == Mode.NEAREST) {
            int[] src = new int[outLen];
            boolean[] extra = new boolean[outLen];
            for (int o = 0; o < outLen; o++) {
                double xo = original(o, scale, inLen, outLen, outWidth, roiStart, roiEnd, c.coord());
                if (outside(xo, inLen, c)) {
                    extra[o] = true;
                    continue;
                }
                src[o] = clamp(nearest(xo, scale, c.nearest()), inLen);
            }
            return AxisResampler.pick(inLen, src, extra);
        }
        double s = Math.min(scale, 1.0);
        int taps;
        if (!c.antialias()) taps = c.mode() == Mode.LINEAR ? 2 : 4;
        else taps = c.mode() == Mode.LINEAR ? 2 - 2 * ((int) Math.floor(-1 / s) + 1) : 2 - 2 * ((int) Math.floor(-2 / s) + 1);
        AxisResampler p = new AxisResampler(inLen, outLen, taps);
        double[] coef = new double[taps];
        for (int o = 0; o < outLen; o++) {
            double xo = original(o, scale, inLen, outLen, outWidth, roiStart, roiEnd, c.coord());
            if (outside(xo, inLen, c)) {
                p.extrapolate[o] = true;
                continue;
            }
            double ratio = xo == Math.floor(xo) ? 1 : xo - Math.floor(xo);
            coefficients(ratio, s, taps, c, coef);
            // tap k samples pixel ceil(xo) - taps/2 + k
            int first = (int) Math.ceil(xo) - taps / 2;
            if (c.excludeOutside()) {
                double sum = 0;
                for (int k = 0; k < taps; k++) {
                    int px = first + k;
                    if (px < 0 || px >= inLen) coef[k] = 0;
                    sum += coef[k];
                }
                for (int k = 0; k < taps; k++) coef[k] /= sum;
            }
            for (int k = 0; k < taps; k++) {
                p.index[o * taps + k] = clamp(first + k, inLen);
                p.weight[o * taps + k] = coef[k];
            }
        }
        return p;
    }

    private static boolean outside(double xo, int inLen, Config c) {
        return c.coord() == Coord.TF_CROP_AND_RESIZE && (xo < 0 || xo > inLen - 1);
    }

    /** The input coordinate of output position {@code o}. */
    static double original(int o, double scale, int inLen, int outLen, double outWidth, double roiStart,
                           double roiEnd, Coord coord) {
        return switch (coord) {
            case HALF_PIXEL -> (o + 0.5) / scale - 0.5;
            case HALF_PIXEL_SYMMETRIC -> {
                double adjustment = outLen / outWidth;
                double center = inLen / 2.0;
                yield center * (1 - adjustment) + (o + 0.5) / scale - 0.5;
            }
            case PYTORCH_HALF_PIXEL -> outWidth == 1 ? -0.5 : (o + 0.5) / scale - 0.5;
            case ALIGN_CORNERS -> outWidth == 1 ? 0 : o * (inLen - 1) / (outWidth - 1);
            case ASYMMETRIC -> o / scale;
            case TF_HALF_PIXEL_FOR_NN -> (o + 0.5) / scale;
            case TF_CROP_AND_RESIZE -> {
                double span = (roiEnd - roiStart) * (inLen - 1);
                double x = outWidth == 1 ? span / 2 : o * span / (outWidth - 1);
                yield x + roiStart * (inLen - 1);
            }
        };
    }

    private static int nearest(double xo, double scale, Nearest mode) {
        double f = Math.floor(xo);
        if (xo == f) return (int) f;
        double ratio = xo - f;
        return switch (mode) {
            case ROUND_PREFER_FLOOR -> ratio <= 0.5 ? (int) f : (int) f + 1;
            case ROUND_PREFER_CEIL -> ratio < 0.5 ? (int) f : (int) f + 1;
            case FLOOR -> (int) f;
            case CEIL -> (int) f + 1;
            case SIMPLE -> scale < 1 ? (int) f + 1 : (int) f;
        };
    }

    private static int clamp(int i, int len) {
        return i < 0 ? 0 : Math.min(i, len - 1);
    }

    /** Filter taps for fractional offset {@code ratio} in (0, 1]; {@code s} is min(scale, 1). */
    private static void coefficients(double ratio, double s, int taps, Config c, double[] out) {
        double a = c.cubicA();
        if (!c.antialias()) {
            if (c.mode() == Mode.LINEAR) {
                out[0] = 1 - ratio;
                out[1] = ratio;
            } else {
                double r1 = ratio + 1, q = 1 - ratio, q1 = q + 1;
                out[0] = ((a * r1 - 5 * a) * r1 + 8 * a) * r1 - 4 * a;
                out[1] = ((a + 2) * ratio - (a + 3)) * ratio * ratio + 1;
                out[2] = ((a + 2) * q - (a + 3)) * q * q + 1;
                out[3] = ((a * q1 - 5 * a) * q1 + 8 * a) * q1 - 4 * a;
            }
            return;
        }
        // antialias: the filter is stretched by 1/s; tap k sits at offset (start + k - ratio)
        int start = 1 - taps / 2;
        double sum = 0;
        for (int k = 0; k < taps; k++) {
            double x = Math.abs((start + k - ratio) * s);
            double v;
            if (c.mode() == Mode.LINEAR) {
                v = Math.max(0, 1 - x);
            } else if (x <= 1) {
                v = (a + 2) * x * x * x - (a + 3) * x * x + 1;
            } else if (x < 2) {
                v = a * x * x * x - 5 * a * x * x + 8 * a * x - 4 * a;
            } else {
                v = 0;
            }
            out[k] = v;
            sum += v;
        }
        for (int k = 0; k < taps; k++) out[k] /= sum;
    }
}
