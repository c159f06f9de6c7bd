package dev.kiln.ops.conv;

import dev.kiln.ops.common.Floats;
import dev.kiln.ops.linalg.Sgemm;
import dev.kiln.runtime.graph.Node;
import dev.kiln.runtime.op.LoadContext;
import dev.kiln.runtime.op.TensorOp;
import dev.kiln.runtime.tensor.DType;
import dev.kiln.runtime.tensor.MemoryBudget;
import dev.kiln.runtime.tensor.Shape;
import dev.kiln.runtime.tensor.Tensor;

/**
 * ConvTranspose: the gradient of Conv with respect to its input, used as an upsampling layer.
 * Output size per axis is {@code stride * (in - 1) + output_padding + (k - 1) * dilation + 1 -
 * pads}; with {@code output_shape} (or {@code in * stride} under SAME auto_pad) the total padding is
 * derived and split as the spec says. From opset 11 the odd pad goes to the end for SAME_UPPER,
 * else to the start; opset 1 says the opposite ("If (auto_pads != SAME_UPPER): pads[start_i] =
 * total_padding[i]/2"), so before opset 11 it goes to the start for SAME_UPPER, else to the end.
 * float32 runs as GEMM + col2im, and so do float16 and bfloat16 on float32 copies of the inputs,
 * the result rounded to nearest even; float64 uses the direct double-precision scatter.
 */
public final class ConvTranspose extends TensorOp {
    private static final int COL_BUDGET = 1 << 20;

    private final Window window;
    private final int group;
    private final long[] outputPadding;
    private final long[] outputShape;
    /** Opsets 1-10: the odd pad of a derived padding goes to the start only for SAME_UPPER. */
    private final boolean opset1PadSplit;

    /** As registered: opset 1's padding split before opset 11. */
    public ConvTranspose(Node node, LoadContext ctx) {
        this(node, ctx.sinceVersion() < 11);
    }

    /** With the padding split of opset 11+. */
    public ConvTranspose(Node node) {
        this(node, false);
    }

    private ConvTranspose(Node node, boolean opset1PadSplit) {
        this.opset1PadSplit = opset1PadSplit;
        this.window = new Window(node.attributes());
        this.group = (int) node.attributes().getInt("group", 1);
        this.outputPadding = node.attributes().getInts("output_padding", null);
        this.outputShape = node.attributes().getInts("output_shape", null);
        if (group < 1) throw new IllegalArgumentException("attribute 'group' must be >= 1, got " + group);
    }

    // X: (N, C, D1..Dk), W: (C, M/group, k1..kk), B: (M) → Y: (N, M, O1..Ok)
    @Override
    protected Tensor[] compute(Tensor[] inputs) {
        Tensor x = ConvShapes.require(inputs, 0, "X"), w = ConvShapes.require(inputs, 1, "W");
        Tensor b = inputs.length > 2 ? inputs[2] : null;
        ConvShapes.checkFloat(x, "X");
        ConvShapes.sameType(x, w, "W");
        if (b != null) ConvShapes.sameType(x, b, "B");
        ConvShapes.checkRanks(x, w);
        int batch = x.shape().dimInt(0), channels = x.shape().dimInt(1);
        if (w.shape().dim(0) != channels) {
            throw new IllegalArgumentException("input W has shape " + w.shape() + ", expected "
                    + channels + " input channels in axis 0 like X " + x.shape());
        }
        if (channels % group != 0) {
            throw new IllegalArgumentException("input channels " + channels + " are not divisible by group " + group);
        }
        int outChannels = w.shape().dimInt(1) * group;
        ConvShapes.checkBias(b, outChannels);
        Geometry g = geometry(Geometry.spatial(x.shape().dims()), Geometry.spatial(w.shape().dims()));
        Shape out = ConvShapes.outShape(batch, outChannels, g.out);
        if (Floats.isFloat32Like(x.dtype())) {
            float[] y = convTransposeFloat(Floats.widen(x), batch, channels, Floats.widen(w), outChannels,
                    b == null ? null : Floats.widen(b), g, group);
            return new Tensor[] {Floats.narrow(x.dtype(), out, y)};
        }
        double[] y = ConvReference.convTranspose(x.toDoubleArray(), batch, channels, w.toDoubleArray(),
                outChannels, b == null ? null : b.toDoubleArray(), g, group);
        return new Tensor[] {Tensor.fromDoubles(x.dtype(), out, y)};
    }

    /** Output dims and the pad before each axis; the scatter skips positions outside the output. */
    private Geometry geometry(int[] in, int[] weightKernel) {
        int r = in.length;
        int[] kernel = window.kernel(weightKernel, r);
        int[] s = window.strides(r), d = window.dilations(r), pads = window.pads(r);
        int[] op = new int[r];
        if (outputPadding != null) {
            if (outputPadding.length != r) {
                throw new IllegalArgumentException("attribute 'output_padding' has " + outputPadding.length
                        + " values, expected " + r);
            }
            for (int i = 0; i < r; i++) op[i] = Math.toIntExact(outputPadding[i]);
        }
        int[] pb = new int[r], pe = new int[r], out = new int[r];
        for (int i = 0; i < r; i++) {
            int full = s[i] * (in[i] - 1) + op[i] + (kernel[i] - 1) * d[i] + 1;
            boolean same = window.autoPad.startsWith("SAME");
            if (outputShape != null || same) {
                out[i] = outputShape != null ? requestedOut(i, r) : in[i] * s[i];
                int total = Math.max(0, full - out[i]);
                boolean upper = window.autoPad.equals("SAME_UPPER");
                pb[i] = upper != opset1PadSplit ? total / 2 : total - total / 2;
                pe[i] = total - pb[i];
            } else {
                if (!window.autoPad.equals("VALID")) {
                    pb[i] = pads[i];
                    pe[i] = pads[i + r];
                }
                out[i] = full - pb[i] - pe[i];
            }
            if (out[i] < 1) {
                throw new IllegalArgumentException("spatial axis " + i + " has output size " + out[i]
                        + " after pads " + pb[i] + "+" + pe[i]);
            }
        }
        return new Geometry(in, kernel, s, d, pb, pe, out);
    }

    private int requestedOut(int axis, int rank) {
        // output_shape lists the spatial dims; a full (N, C, ...) shape is accepted too.
        int skip = outputShape.length == rank + 2 ? 2 : 0;
        if (outputShape.length != rank + skip) {
            throw new IllegalArgumentException("attribute 'output_shape' has " + outputShape.length
                    + " values, expected " + rank);
        }
        return Math.toIntExact(outputShape[axis + skip]);
    }

    /** float32 transposed convolution: per (image, group) GEMM into columns, then col2im. */
    static float[] convTransposeFloat(float[] x, int batch, int channels, float[] w, int outChannels,
                                      float[] bias, Geometry g, int group) {
        int inSize = g.inSize(), outSize = g.outSize(), kSize = g.kernelSize();
        int cg = channels / group, mg = outChannels / group;
        int rows = mg * kSize;
        Col2Im c2i = new Col2Im(g);
        int lines = c2i.lines(), lineLen = c2i.lineLength();
        int chunk = Math.max(1, Math.min(lines, COL_BUDGET / Math.max(1, rows * lineLen)));
        MemoryBudget.check(DType.FLOAT32, (long) batch * outChannels * outSize);
        MemoryBudget.check(DType.FLOAT32, (long) rows * chunk * lineLen);
        float[] col = new float[Math.toIntExact((long) rows * chunk * lineLen)];
        float[] y = new float[Math.toIntExact((long) batch * outChannels * outSize)];
        if (bias != null) {
            for (int n = 0; n < batch; n++) {
                for (int m = 0; m < outChannels; m++) {
                    int off = (n * outChannels + m) * outSize;
                    java.util.Arrays.fill(y, off, off + outSize, bias[m]);
                }
            }
        }
        for (int n = 0; n < batch; n++) {
            for (int grp = 0; grp < group; grp++) {
                int xOff = (n * channels + grp * cg) * inSize;
                int yOff = (n * outChannels + grp * mg) * outSize;
                for (int l0 = 0; l0 < lines; l0 += chunk) {
                    int l1 = Math.min(lines, l0 + chunk);
                    int cols = (l1 - l0) * lineLen;
                    // col (mg * kSize, cols) = W_g^T, with W_g stored (cg, mg * kSize), times X_g[:, cols]
                    Sgemm.gemm(true, false, rows, cols, cg, 1f, w, grp * cg * rows, rows,
                            x, xOff + l0 * lineLen, inSize, 0f, col, 0, cols);
                    c2i.add(col, mg, l0, l1, y, yOff);
                }
            }
        }
        return y;
    }
}
