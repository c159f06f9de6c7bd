package dev.kiln.ops.image;

import dev.kiln.runtime.graph.Node;
import dev.kiln.runtime.op.LoadContext;
import dev.kiln.runtime.op.TensorOp;
import dev.kiln.runtime.tensor.Tensor;
import java.util.Arrays;

/**
 * Upsample (opset 1, 7, 9; deprecated): {@code out = floor(in * scale)} per axis, sampling the
 * input at {@code x / scale} (nearest: floor; linear: N-linear with edge clamping). Opset 1 takes
 * a 4-D [N, C, H, W] input and the float attributes {@code height_scale} and {@code width_scale}
 * (both required, at least 1), with mode {@code nearest} or {@code bilinear}; opset 7 takes the
 * scales of every axis as the attribute {@code scales} (mode {@code nearest} or {@code linear}),
 * opset 9 as the second input.
 */
public final class Upsample extends TensorOp {
    private final float[] attrScales;
    private final Resampling.Config config;

    public Upsample(Node node, LoadContext ctx) {
        var a = node.attributes();
        int since = ctx.sinceVersion();
        this.attrScales = since < 7 ? v1Scales(node) : since < 9 ? a.getFloats("scales", null) : null;
        if (since < 9 && attrScales == null) {
            throw new IllegalArgumentException("Required attribute 'scales' is missing");
        }
        this.config = new Resampling.Config(Resampling.mode(a.getString("mode", "nearest")),
                Resampling.Coord.ASYMMETRIC, Resampling.Nearest.SIMPLE, -0.75, false, 0, false);
    }

    /** Opset 1: scales (1, 1, height_scale, width_scale) of a 4-D input. */
    private static float[] v1Scales(Node node) {
        var a = node.attributes();
        if (!a.has("height_scale") || !a.has("width_scale")) {
            throw new IllegalArgumentException("Required attributes 'height_scale' and 'width_scale' are missing");
        }
        float h = a.getFloat("height_scale", 1f), w = a.getFloat("width_scale", 1f);
        if (!(h >= 1) || !(w >= 1)) {
            throw new IllegalArgumentException("attributes 'height_scale' (" + h + ") and 'width_scale' (" + w
                    + ") must be at least 1");
        }
        return new float[] {1, 1, h, w};
    }

    @Override
    protected Tensor[] compute(Tensor[] in) {
        Tensor x = in[0];
        double[] scale;
        if (attrScales != null) {
            scale = new double[attrScales.length];
            for (int i = 0; i < scale.length; i++) scale[i] = attrScales[i];
        } else {
            if (in.length < 2 || in[1] == null) throw new IllegalArgumentException("input 'scales' is required");
            scale = in[1].toDoubleArray();
        }
        int r = x.rank();
        if (scale.length != r) {
            throw new IllegalArgumentException("'scales' has " + scale.length + " values, expected rank " + r);
        }
        int[] outLen = new int[r];
        for (int d = 0; d < r; d++) {
            if (!(scale[d] > 0)) throw new IllegalArgumentException("scale " + scale[d] + " must be positive");
            outLen[d] = (int) (scale[d] * x.shape().dim(d));
        }
        double[] roiStart = new double[r], roiEnd = new double[r];
        Arrays.fill(roiEnd, 1.0);
        return new Tensor[] {Resampling.resize(x, scale, outLen, roiStart, roiEnd, config)};
    }
}
