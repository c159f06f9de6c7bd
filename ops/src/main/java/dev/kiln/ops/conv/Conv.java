package dev.kiln.ops.conv;

import dev.kiln.ops.common.Floats;
import dev.kiln.ops.linalg.Sgemm;
import dev.kiln.runtime.graph.Node;
import dev.kiln.runtime.op.LoadContext;
import dev.kiln.runtime.op.TensorOp;
import dev.kiln.runtime.tensor.DType;
import dev.kiln.runtime.tensor.Shape;
import dev.kiln.runtime.tensor.Tensor;

/**
 * Conv: N-d grouped convolution with strides, dilations and explicit or automatic padding.
 * float32 runs as im2col + GEMM; float16 and bfloat16 run the same kernel on float32 copies of
 * X and B (W is widened once with its packing) and round the result to nearest even; float64
 * uses the direct double-precision loop.
 */
public final class Conv extends TensorOp {
    /** Floats of im2col buffer per chunk in the backward pass (bounds its memory). */
    private static final int COL_BUDGET = 1 << 20;

    private final Window window;
    private final int group;
    private final ConvWeights weights;
    /** The float32 kernel's plan for the last geometry seen. */
    private volatile ConvPlan plan;

    public Conv(Node node) { this(node, null); }

    /** A Conv whose weights, when they are a constant of the model, are packed once. */
    public Conv(Node node, LoadContext ctx) {
        this.window = new Window(node.attributes());
        this.group = (int) node.attributes().getInt("group", 1);
        if (group < 1) throw new IllegalArgumentException("attribute 'group' must be >= 1, got " + group);
        this.weights = new ConvWeights(ctx == null ? null : ctx.constant(node.input(1)), group);
    }

    // X: (N, C, D1..Dk), W: (M, C/group, k1..kk), B: (M) → Y: (N, M, O1..Ok)
    @Override
    protected Tensor[] compute(Tensor[] inputs) {
        Tensor x = ConvShapes.require(inputs, 0, "X"), w = ConvShapes.require(inputs, 1, "W");
        Tensor b = inputs.length > 2 ? inputs[2] : null;
        Geometry g = geometry(x, w, b);
        int batch = x.shape().dimInt(0), channels = x.shape().dimInt(1), outChannels = w.shape().dimInt(0);
        Shape out = ConvShapes.outShape(batch, outChannels, g.out);
        if (Floats.isFloat32Like(x.dtype())) {
            ConvPlan p = plan;
            if (p == null || !p.matches(g, channels / group)) {
                p = new ConvPlan(g, channels / group);
                plan = p;
            }
            float[] y = ConvGemm.forward(Floats.widen(x), batch, channels, weights.packedFor(w), outChannels,
                    b == null ? null : Floats.widen(b), p, group);
            return new Tensor[] {Floats.narrow(x.dtype(), out, y)};
        }
        double[] y = ConvReference.conv(x.toDoubleArray(), batch, channels, w.toDoubleArray(), outChannels,
                b == null ? null : b.toDoubleArray(), g, group);
        return new Tensor[] {Tensor.fromDoubles(x.dtype(), out, y)};
    }

    /** Checks the inputs and resolves the window against X's spatial dims. */
    private Geometry geometry(Tensor x, Tensor w, Tensor b) {
        ConvShapes.checkFloat(x, "X");
        ConvShapes.sameType(x, w, "W");
        if (b != null) ConvShapes.sameType(x, b, "B");
        ConvShapes.checkRanks(x, w);
        int channels = x.shape().dimInt(1), outChannels = w.shape().dimInt(0);
        ConvShapes.checkGroups(channels, w.shape().dimInt(1), outChannels, group, "W");
        ConvShapes.checkBias(b, outChannels);
        int[] kernelDims = Geometry.spatial(w.shape().dims());
        return window.resolve(Geometry.spatial(x.shape().dims()), window.kernel(kernelDims, kernelDims.length), false);
    }

    // Y[n, m, o] = B[m] + sum_{c in group(m), k} W[m, c, k] * X[n, c, o * stride - pad + k * dilation]  =>
    //   dX = the transposed convolution of dY with W (per group: col2im of W_gᵀ · dY_g)
    //   dW_g (M/group, C/group * K) = sum_n dY_g (M/group, O) · cols_gᵀ (O, C/group * K)
    //   dB[m] = sum_{n, o} dY[n, m, o]
    @Override
    public Tensor[] backward(Tensor[] inputs, Tensor[] outputs, Tensor[] dOutputs) {
        Tensor x = ConvShapes.require(inputs, 0, "X"), w = ConvShapes.require(inputs, 1, "W");
        Tensor b = inputs.length > 2 ? inputs[2] : null;
        Geometry g = geometry(x, w, b);
        int batch = x.shape().dimInt(0), channels = x.shape().dimInt(1), outChannels = w.shape().dimInt(0);
        Tensor dy = dOutputs[0];
        Tensor[] grads = new Tensor[inputs.length];
        if (x.dtype() == DType.FLOAT32) {
            float[] dx = new float[x.size()], dw = new float[w.size()];
            convBackwardFloat(x.floats(), batch, channels, w.floats(), outChannels, dy.floats(), g, group, dx, dw);
            grads[0] = Tensor.wrap(DType.FLOAT32, x.shape(), dx);
            grads[1] = Tensor.wrap(DType.FLOAT32, w.shape(), dw);
        } else {
            double[] dx = new double[x.size()], dw = new double[w.size()];
            ConvReference.convBackward(x.toDoubleArray(), batch, channels, w.toDoubleArray(), outChannels,
                    dy.toDoubleArray(), g, group, dx, dw);
            grads[0] = Tensor.fromDoubles(x.dtype(), x.shape(), dx);
            grads[1] = Tensor.fromDoubles(w.dtype(), w.shape(), dw);
        }
        if (b != null) {
            // dY: (N, M, O) → dB: (M)
            int outSize = g.outSize();
            double[] db = new double[outChannels];
            for (int n = 0; n < batch; n++) {
                for (int m = 0; m < outChannels; m++) {
                    int off = (n * outChannels + m) * outSize;
                    double s = 0;
                    for (int o = 0; o < outSize; o++) s += dy.getDouble(off + o);
                    db[m] += s;
                }
            }
            grads[2] = Tensor.fromDoubles(b.dtype(), b.shape(), db);
        }
        return grads;
    }

    /**
     * float32 gradients of the convolution without bias, as im2col + GEMM per (image, group):
     * accumulates dW (M, C/group, kernel...) and dX (N, C, in...) from dY (N, M, out...).
     */
    static void convBackwardFloat(float[] x, int batch, int channels, float[] w, int outChannels,
                                  float[] dy, Geometry g, int group, float[] dx, float[] dw) {
        int inSize = g.inSize(), outSize = g.outSize(), kSize = g.kernelSize();
        int cg = channels / group, mg = outChannels / group;
        int rows = cg * kSize;
        boolean pointwise = kSize == 1 && outSize == inSize && ConvGemm.allZero(g.padBegin) && ConvGemm.allOnes(g.stride);
        Im2Col im = pointwise ? null : new Im2Col(g);
        // dX scatters like a transposed convolution whose input grid is Y's and output grid is X's
        Col2Im c2i = pointwise ? null
                : new Col2Im(new Geometry(g.out, g.kernel, g.stride, g.dilation, g.padBegin, g.padEnd, g.in));
        int lines = pointwise ? 0 : im.lines(), lineLen = pointwise ? 0 : im.lineLength();
        int chunk = pointwise ? 0 : Math.max(1, Math.min(lines, COL_BUDGET / Math.max(1, rows * lineLen)));
        float[] col = pointwise ? null : new float[rows * chunk * lineLen];
        float[] dcol = pointwise ? null : new float[rows * chunk * lineLen];
        for (int n = 0; n < batch; n++) {
            for (int grp = 0; grp < group; grp++) {
                int xOff = (n * channels + grp * cg) * inSize;
                int yOff = (n * outChannels + grp * mg) * outSize;
                int wOff = grp * mg * rows;
                if (pointwise) {
                    // dW_g (mg, cg) += dY_g (mg, out) · X_gᵀ (out, cg); dX_g (cg, in) = W_gᵀ (cg, mg) · dY_g
                    Sgemm.gemm(false, true, mg, cg, outSize, 1f, dy, yOff, outSize, x, xOff, inSize,
                            1f, dw, wOff, rows);
                    Sgemm.gemm(true, false, cg, inSize, mg, 1f, w, wOff, rows, dy, yOff, outSize,
                            0f, dx, xOff, inSize);
                    continue;
                }
                for (int l0 = 0; l0 < lines; l0 += chunk) {
                    int l1 = Math.min(lines, l0 + chunk);
                    int cols = (l1 - l0) * lineLen;
                    int yCol = yOff + l0 * lineLen;
                    im.fill(x, xOff, cg, l0, l1, col);
                    // dW_g (mg, cg * kSize) += dY_g[:, cols] (mg, cols) · colᵀ (cols, cg * kSize)
                    Sgemm.gemm(false, true, mg, rows, cols, 1f, dy, yCol, outSize, col, 0, cols,
                            1f, dw, wOff, rows);
                    // dcol (cg * kSize, cols) = W_gᵀ (cg * kSize, mg) · dY_g[:, cols] (mg, cols)
                    Sgemm.gemm(true, false, rows, cols, mg, 1f, w, wOff, rows, dy, yCol, outSize,
                            0f, dcol, 0, cols);
                    c2i.add(dcol, cg, l0, l1, dx, xOff);
                }
            }
        }
    }

    /** float32 convolution as im2col + GEMM per (image, group); same contract as the reference. */
    static float[] convFloat(float[] x, int batch, int channels, float[] w, int outChannels,
                             float[] bias, Geometry g, int group) {
        return ConvGemm.forward(x, batch, channels, w, outChannels, bias, g, group);
    }
}
