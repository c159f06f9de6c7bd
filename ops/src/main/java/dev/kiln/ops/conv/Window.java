package dev.kiln.ops.conv;

import dev.kiln.runtime.graph.Attributes;
import java.util.Arrays;

/**
 * The sliding-window attributes shared by the convolutions and pools ({@code auto_pad},
 * {@code kernel_shape}, {@code strides}, {@code dilations}, {@code pads}), read once from a node,
 * and their resolution against an input's spatial dims into a {@link Geometry}.
 */
final class Window {
    final String autoPad;
    final long[] kernelShape;
    private final long[] strides;
    private final long[] dilations;
    private final long[] pads;

    Window(Attributes attrs) {
        this.autoPad = attrs.getString("auto_pad", "NOTSET");
        this.kernelShape = attrs.getInts("kernel_shape", null);
        this.strides = attrs.getInts("strides", null);
        this.dilations = attrs.getInts("dilations", null);
        this.pads = attrs.getInts("pads", null);
        switch (autoPad) {
            case "NOTSET", "SAME_UPPER", "SAME_LOWER", "VALID" -> { }
            default -> throw new IllegalArgumentException("attribute 'auto_pad' must be NOTSET, SAME_UPPER, "
                    + "SAME_LOWER or VALID, got '" + autoPad + "'");
        }
    }

    /** Fails at load when {@code kernel_shape}, required by the pools, is missing. */
    void requireKernelShape() {
        if (kernelShape == null) throw new IllegalArgumentException("attribute 'kernel_shape' is required");
    }

    /**
     * The kernel dims: {@code kernel_shape} when given (checked against {@code fromWeight} if
     * that is not null), else {@code fromWeight}.
     */
    int[] kernel(int[] fromWeight, int spatial) {
        if (kernelShape == null) {
            if (fromWeight == null) throw new IllegalArgumentException("attribute 'kernel_shape' is required");
            for (int k : fromWeight) {
                if (k < 1) {
                    throw new IllegalArgumentException("input W has an empty kernel " + Arrays.toString(fromWeight));
                }
            }
            return fromWeight;
        }
        int[] k = ints(kernelShape, spatial, "kernel_shape", 1);
        if (fromWeight != null && !Arrays.equals(k, fromWeight)) {
            throw new IllegalArgumentException("attribute 'kernel_shape' " + Arrays.toString(k)
                    + " does not match the weight's spatial dims " + Arrays.toString(fromWeight));
        }
        return k;
    }

    /** Strides, default 1. */
    int[] strides(int spatial) { return strides == null ? ones(spatial) : ints(strides, spatial, "strides", 1); }

    /** Dilations, default 1. */
    int[] dilations(int spatial) {
        return dilations == null ? ones(spatial) : ints(dilations, spatial, "dilations", 1);
    }

    /** Explicit pads as {begin..., end...}, default 0. */
    int[] pads(int spatial) {
        if (pads == null) return new int[2 * spatial];
        return ints(pads, 2 * spatial, "pads", 0);
    }

    /**
     * Resolves output dims and pads for input spatial dims {@code in}.
     *
     * @param ceilMode round the output size up (pools), dropping a last window that would start
     *     in the end padding
     */
    Geometry resolve(int[] in, int[] kernel, boolean ceilMode) {
        int r = in.length;
        int[] s = strides(r), d = dilations(r), p = pads(r);
        int[] pb = new int[r], pe = new int[r], out = new int[r];
        for (int i = 0; i < r; i++) {
            int eff = (kernel[i] - 1) * d[i] + 1;
            switch (autoPad) {
                case "SAME_UPPER", "SAME_LOWER" -> {
                    out[i] = (in[i] + s[i] - 1) / s[i];
                    int total = Math.max(0, (out[i] - 1) * s[i] + eff - in[i]);
                    pb[i] = autoPad.equals("SAME_UPPER") ? total / 2 : total - total / 2;
                    pe[i] = total - pb[i];
                }
                case "VALID" -> out[i] = outSize(in[i], 0, 0, eff, s[i], ceilMode);
                default -> {
                    pb[i] = p[i];
                    pe[i] = p[i + r];
                    out[i] = outSize(in[i], pb[i], pe[i], eff, s[i], ceilMode);
                }
            }
            if (out[i] < 1) {
                throw new IllegalArgumentException("spatial axis " + i + " of size " + in[i] + " (pads "
                        + pb[i] + "+" + pe[i] + ") is smaller than the dilated kernel " + eff);
            }
        }
        return new Geometry(in, kernel, s, d, pb, pe, out);
    }

    private static int outSize(int in, int pb, int pe, int eff, int stride, boolean ceil) {
        int span = in + pb + pe - eff;
        if (span < 0) return 0;
        if (!ceil) return span / stride + 1;
        int out = (span + stride - 1) / stride + 1;
        if ((out - 1) * stride >= in + pb) out--;
        return out;
    }

    private static int[] ones(int n) {
        int[] a = new int[n];
        Arrays.fill(a, 1);
        return a;
    }

    private static int[] ints(long[] v, int n, String name, int min) {
        if (v.length != n) {
            throw new IllegalArgumentException("attribute '" + name + "' has " + v.length
                    + " values, expected " + n);
        }
        int[] a = new int[n];
        for (int i = 0; i < n; i++) {
            if (v[i] < min || v[i] > Integer.MAX_VALUE / 4) {
                throw new IllegalArgumentException("attribute '" + name + "' value " + v[i]
                        + " is out of range (must be >= " + min + ")");
            }
            a[i] = (int) v[i];
        }
        return a;
    }
}
