package dev.kiln.ops.conv;

import dev.kiln.runtime.graph.Node;
import dev.kiln.runtime.op.TensorOp;
import dev.kiln.runtime.tensor.DType;
import dev.kiln.runtime.tensor.MemoryBudget;
import dev.kiln.runtime.tensor.Shape;
import dev.kiln.runtime.tensor.Tensor;
import java.util.Arrays;

/**
 * DeformConv: convolution whose every kernel tap samples the input at a learned fractional
 * offset (n-linear interpolation, zero outside the input), optionally scaled by a mask. Offsets
 * and masks are shared by the channels of each of {@code offset_group} groups. Computed in
 * double precision as deformable columns followed by a per-group product.
 */
public final class DeformConv extends TensorOp {
    private final Window window;
    private final int group;
    private final int offsetGroup;

    public DeformConv(Node node) {
        this.window = new Window(node.attributes());
        this.group = (int) node.attributes().getInt("group", 1);
        this.offsetGroup = (int) node.attributes().getInt("offset_group", 1);
        if (group < 1 || offsetGroup < 1) {
            throw new IllegalArgumentException("attributes 'group' and 'offset_group' must be >= 1, got "
                    + group + " and " + offsetGroup);
        }
    }

    // X: (N, C, D1..Dr), W: (M, C/group, k1..kr), offset: (N, G*K*r, O1..Or), B: (M),
    // mask: (N, G*K, O1..Or), with K = k1*..*kr and G = offset_group → Y: (N, M, O1..Or)
    @Override
    protected Tensor[] compute(Tensor[] inputs) {
        Tensor x = ConvShapes.require(inputs, 0, "X"), w = ConvShapes.require(inputs, 1, "W");
        Tensor offset = ConvShapes.require(inputs, 2, "offset");
        Tensor b = inputs.length > 3 ? inputs[3] : null;
        Tensor mask = inputs.length > 4 ? inputs[4] : null;
        ConvShapes.checkFloat(x, "X");
        ConvShapes.sameType(x, w, "W");
        ConvShapes.sameType(x, offset, "offset");
        ConvShapes.checkRanks(x, w);
        int batch = x.shape().dimInt(0), channels = x.shape().dimInt(1), outChannels = w.shape().dimInt(0);
        ConvShapes.checkGroups(channels, w.shape().dimInt(1), outChannels, group, "W");
        ConvShapes.checkBias(b, outChannels);
        if (channels % offsetGroup != 0) {
            throw new IllegalArgumentException("input channels " + channels
                    + " are not divisible by offset_group " + offsetGroup);
        }
        int[] wk = Geometry.spatial(w.shape().dims());
        Geometry g = window.resolve(Geometry.spatial(x.shape().dims()), window.kernel(wk, wk.length), false);
        int r = g.rank(), kSize = g.kernelSize(), outSize = g.outSize(), inSize = g.inSize();
        Shape out = ConvShapes.outShape(batch, outChannels, g.out);
        expectShape(offset, "offset", ConvShapes.outShape(batch, offsetGroup * kSize * r, g.out));
        if (mask != null) expectShape(mask, "mask", ConvShapes.outShape(batch, offsetGroup * kSize, g.out));

        double[] xd = x.toDoubleArray(), wd = w.toDoubleArray(), od = offset.toDoubleArray();
        double[] md = mask == null ? null : mask.toDoubleArray();
        double[] bd = b == null ? null : b.toDoubleArray();
        int cg = channels / group, mg = outChannels / group, cPerOg = channels / offsetGroup;
        int[][] oc = Geometry.coords(g.out), kc = Geometry.coords(g.kernel);
        MemoryBudget.check(DType.FLOAT64, (long) batch * outChannels * outSize);
        MemoryBudget.check(DType.FLOAT64, (long) channels * kSize * outSize);
        double[] y = new double[Math.toIntExact((long) batch * outChannels * outSize)];
        double[] col = new double[Math.toIntExact((long) channels * kSize * outSize)];
        double[] pos = new double[r];
        for (int n = 0; n < batch; n++) {
            // col[(c, k), o] = mask * X[n, c] sampled at the offset position of tap k for output o
            for (int c = 0; c < channels; c++) {
                int og = c / cPerOg;
                int plane = (n * channels + c) * inSize;
                for (int k = 0; k < kSize; k++) {
                    for (int o = 0; o < outSize; o++) {
                        for (int a = 0; a < r; a++) {
                            int oi = ((n * offsetGroup + og) * kSize + k) * r + a;
                            pos[a] = oc[a][o] * g.stride[a] - g.padBegin[a] + kc[a][k] * g.dilation[a]
                                    + od[oi * outSize + o];
                        }
                        double v = sample(xd, plane, g.in, pos);
                        if (md != null) v *= md[((n * offsetGroup + og) * kSize + k) * outSize + o];
                        col[(c * kSize + k) * outSize + o] = v;
                    }
                }
            }
            for (int m = 0; m < outChannels; m++) {
                int grp = m / mg;
                int yOff = (n * outChannels + m) * outSize;
                if (bd != null) Arrays.fill(y, yOff, yOff + outSize, bd[m]);
                for (int c = 0; c < cg; c++) {
                    for (int k = 0; k < kSize; k++) {
                        double wv = wd[(m * cg + c) * kSize + k];
                        int src = ((grp * cg + c) * kSize + k) * outSize;
                        for (int o = 0; o < outSize; o++) y[yOff + o] += wv * col[src + o];
                    }
                }
            }
        }
        return new Tensor[] {Tensor.fromDoubles(x.dtype(), out, y)};
    }

    /** n-linear interpolation of the plane at {@code x[plane...]} (dims {@code in}); zero outside. */
    private static double sample(double[] x, int plane, int[] in, double[] pos) {
        int r = in.length;
        int[] lo = new int[r];
        double[] frac = new double[r];
        for (int a = 0; a < r; a++) {
            if (!(pos[a] > -1 && pos[a] < in[a])) return 0;
            double f = Math.floor(pos[a]);
            lo[a] = (int) f;
            frac[a] = pos[a] - f;
        }
        double sum = 0;
        for (int corner = 0; corner < (1 << r); corner++) {
            double weight = 1;
            int off = 0;
            boolean inside = true;
            for (int a = 0; a < r && inside; a++) {
                int up = (corner >> (r - 1 - a)) & 1;
                int i = lo[a] + up;
                inside = i >= 0 && i < in[a];
                weight *= up == 1 ? frac[a] : 1 - frac[a];
                off = off * in[a] + i;
            }
            if (inside && weight != 0) sum += weight * x[plane + off];
        }
        return sum;
    }

    private static void expectShape(Tensor t, String what, Shape expected) {
        if (!t.shape().equals(expected)) {
            throw new IllegalArgumentException("input " + what + " has shape " + t.shape() + ", expected "
                    + expected);
        }
    }
}
