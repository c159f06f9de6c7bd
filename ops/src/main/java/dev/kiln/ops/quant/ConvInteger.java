package dev.kiln.ops.quant;

import dev.kiln.ops.cast.Conversions;
import dev.kiln.ops.conv.Conv;
import dev.kiln.runtime.exec.CompiledGraph;
import dev.kiln.runtime.graph.Graph;
import dev.kiln.runtime.graph.Node;
import dev.kiln.runtime.op.LoadContext;
import dev.kiln.runtime.op.TensorOp;
import dev.kiln.runtime.tensor.DType;
import dev.kiln.runtime.tensor.Shape;
import dev.kiln.runtime.tensor.Tensor;
import dev.kiln.runtime.tensor.Value;
import java.util.List;

/**
 * ConvInteger: {@code y = conv(x - x_zero_point, w - w_zero_point)} in int32; x's zero point is
 * per tensor, w's per tensor or per output channel. Padding reads as x's zero point, so a padded
 * tap adds nothing.
 *
 * <p>Letters: x (N, C, D...), w (M, C/group, k...), y (N, M, O...).
 *
 * <p>The fast path runs the float32 convolution (im2col + the packed GEMM, {@link Conv}) on x and w
 * shifted by their zero points, which is exact: every partial sum the GEMM forms for output
 * channel m is bounded by {@code 255 * sum_{c, k} |w[m, c, k] - wzp[m]|}, and float32 holds every
 * integer up to 2^24. The input channels of each group are cut into the fewest runs of channels
 * whose bound stays within 2^24 for every output channel ({@link ExactChannels}); each run is a
 * float32 convolution on its own and the runs' results are added in int32 (wrapping like the
 * reference). Usually the whole depth fits in one run: int8 weights with a mean magnitude below 28
 * allow 2304 taps (256 channels of a 3x3 kernel). When w and w_zero_point are the model's
 * constants, w is shifted and cut once, at load, and its packed panels are reused by every run.
 * A single channel whose taps exceed the bound (more than 258 taps of magnitude 255) falls back to
 * the direct double-precision loop ({@link DirectConv}), exact as well.
 */
public final class ConvInteger extends TensorOp {
    private final DirectConv.Params params;
    private final Node node;
    private final int group;
    /** The initializers the node reads as w and w_zero_point (null when they are not constants). */
    private final Tensor constW;
    private final Tensor constWzp;
    /** w shifted and cut once, when w and w_zero_point are constants. */
    private final ExactChannels constSplit;
    /** One float32 Conv per channel run of {@link #constSplit}, packing its weights once. */
    private final Conv[] constConvs;

    /** The op with no constant weights. */
    public ConvInteger(Node node) {
        this(node, null);
    }

    /** The op; w is shifted, cut and packed once when the load context knows it as a constant. */
    public ConvInteger(Node node, LoadContext ctx) {
        this.params = DirectConv.Params.of(node.attributes());
        this.node = node;
        this.group = (int) params.group();
        Tensor w = ctx == null || node.inputs().size() < 2 ? null : ctx.constant(node.input(1));
        boolean hasZp = node.inputs().size() > 3 && !node.input(3).isEmpty();
        Tensor wzp = w == null || !hasZp ? null : ctx.constant(node.input(3));
        ExactChannels split = null;
        if (w != null && (!hasZp || wzp != null) && eightBit(w) && w.rank() >= 3 && group >= 1) {
            try {
                split = ExactChannels.of(shiftWeights(w, wzp), w.shape(), group);
            } catch (IllegalArgumentException e) {
                split = null; // a bad zero point: reported by the first run, which sees the same tensors
            }
        }
        this.constW = split == null ? null : w;
        this.constWzp = split == null ? null : wzp;
        this.constSplit = split;
        this.constConvs = split == null ? null : convs(split);
    }

    @Override
    protected Tensor[] compute(Tensor[] inputs) {
        Tensor x = QuantParams.require(inputs, 0, "x");
        Tensor w = QuantParams.require(inputs, 1, "w");
        Tensor xzp = inputs.length > 2 ? inputs[2] : null;
        Tensor wzp = inputs.length > 3 ? inputs[3] : null;
        MatMulInteger.requireEightBit(x, "x");
        MatMulInteger.requireEightBit(w, "w");
        DirectConv.Geometry g = DirectConv.geometry(x.shape(), w.shape(), params);
        Shape ys = DirectConv.outputShape(x.shape(), w.shape(), g);
        if (xzp != null && xzp.size() != 1) {
            throw new IllegalArgumentException("input 'x_zero_point' must be a scalar, got " + xzp.size() + " values");
        }
        ExactChannels split;
        Conv[] convs;
        if (constSplit != null && w == constW && wzp == constWzp) {
            split = constSplit;
            convs = constConvs;
        } else {
            split = ExactChannels.of(shiftWeights(w, wzp), w.shape(), group);
            convs = split == null ? null : convs(split);
        }
        if (split == null || ys.size() == 0 || w.shape().dim(1) == 0) {
            return new Tensor[] {reference(x, w, xzp, wzp, g, ys)};
        }
        float[] xs = shiftInput(x, xzp == null ? 0 : (int) xzp.getLong(0));
        int[] y = new int[ys.sizeInt()];
        for (int r = 0; r < convs.length; r++) {
            long[] xd = x.shape().dims();
            xd[1] = (long) group * split.width(r);
            Tensor xr = Tensor.wrap(DType.FLOAT32, Shape.of(xd), split.slice(xs, x.shape(), r));
            float[] part = ((Tensor) convs[r].forward(new Value[] {xr, split.weights(r)}, null)[0]).floats();
            // each run's sum is an exact integer; the runs add in int32, wrapping as the reference
            if (r == 0) {
                for (int i = 0; i < y.length; i++) y[i] = (int) part[i];
            } else {
                for (int i = 0; i < y.length; i++) y[i] += (int) part[i];
            }
        }
        return new Tensor[] {Tensor.wrap(DType.INT32, ys, y)};
    }

    /** The direct loop in double, exact for any 8-bit operands. */
    static Tensor reference(Tensor x, Tensor w, Tensor xzp, Tensor wzp, DirectConv.Geometry g, Shape ys) {
        double[] xv = Conversions.toDoubles(x);
        double[] wv = Conversions.toDoubles(w);
        if (xzp != null) xv = DirectConv.shiftInput(xv, Conversions.toDoubles(xzp), "x_zero_point");
        if (wzp != null) wv = DirectConv.shiftWeights(wv, w.shape(), Conversions.toDoubles(wzp), "w_zero_point");
        double[] acc = DirectConv.conv(xv, x.shape(), wv, w.shape(), g);
        int[] y = new int[acc.length];
        for (int i = 0; i < y.length; i++) y[i] = (int) (long) acc[i];
        return Tensor.wrap(DType.INT32, ys, y);
    }

    /** One float32 Conv with this node's attributes per channel run, each caching its packed weights. */
    private Conv[] convs(ExactChannels split) {
        Conv[] c = new Conv[split.runs()];
        for (int r = 0; r < c.length; r++) {
            Tensor weights = split.weights(r);
            Node conv = new Node(node.name() + "/float", "", "Conv", List.of("x", "w"), List.of("y"),
                    node.attributes());
            c[r] = new Conv(conv, new LoadContext() {
                @Override public int opset() { return 11; }
                @Override public int sinceVersion() { return 11; }
                @Override public Tensor constant(String name) { return name.equals("w") ? weights : null; }
                @Override public CompiledGraph compile(Graph subgraph) {
                    throw new IllegalStateException("Conv has no subgraphs");
                }
            });
        }
        return c;
    }

    /** w minus its per-tensor or per-output-channel zero point, as floats. */
    private static float[] shiftWeights(Tensor w, Tensor wzp) {
        byte[] v = w.bytes();
        boolean unsigned = w.dtype() == DType.UINT8;
        int m = w.shape().dimInt(0);
        int[] zp = {0};
        if (wzp != null) {
            MatMulInteger.requireEightBit(wzp, "w_zero_point");
            if (wzp.size() != 1 && wzp.size() != m) {
                throw new IllegalArgumentException("input 'w_zero_point' must be a scalar or have " + m
                        + " values (one per output channel), got " + wzp.size());
            }
            zp = new int[wzp.size()];
            for (int i = 0; i < zp.length; i++) zp[i] = (int) wzp.getLong(i);
        }
        int per = m == 0 ? 0 : v.length / m;
        float[] out = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = (unsigned ? v[i] & 0xFF : v[i]) - zp[zp.length == 1 ? 0 : i / per];
        }
        return out;
    }

    /** x minus its zero point, as floats. */
    private static float[] shiftInput(Tensor x, int zp) {
        float[] out = new float[x.size()];
        Igemm.shiftRows(x.bytes(), x.dtype() == DType.UINT8, zp, out, out.length);
        return out;
    }

    private static boolean eightBit(Tensor t) { return t.dtype() == DType.INT8 || t.dtype() == DType.UINT8; }
}
