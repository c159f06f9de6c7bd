package dev.kiln.ops.signal;

import dev.kiln.ops.common.Args;
import dev.kiln.runtime.exec.ExecutionContext;
import dev.kiln.runtime.graph.Node;
import dev.kiln.runtime.op.TensorOp;
import dev.kiln.runtime.tensor.DType;
import dev.kiln.runtime.tensor.MemoryBudget;
import dev.kiln.runtime.tensor.Shape;
import dev.kiln.runtime.tensor.Tensor;
import java.util.Arrays;

/**
 * DFT: the discrete Fourier transform along one axis, {@code y[k] = sum_n x[n] e^(-2πi kn/L)}, or
 * its inverse {@code x[n] = 1/L sum_k y[k] e^(2πi kn/L)}. The last axis holds [real] or
 * [real, imag]. The signal is cut or zero-padded to {@code dft_length} L. With {@code onesided}
 * the forward transform keeps bins 0..L/2 and the inverse rebuilds the other half by conjugate
 * symmetry and returns a real signal. Opset 17 takes the axis as an attribute (default 1),
 * opset 20 as the optional third input (default -2).
 */
public final class DFT extends TensorOp {
    private final boolean inverse;
    private final boolean onesided;
    private final boolean axisInput;
    private final long axisAttribute;

    public DFT(Node node, int sinceVersion) {
        inverse = node.attributes().getInt("inverse", 0) != 0;
        onesided = node.attributes().getInt("onesided", 0) != 0;
        axisInput = sinceVersion >= 20;
        axisAttribute = axisInput ? -2 : node.attributes().getInt("axis", 1);
    }

    @Override
    protected Tensor[] compute(Tensor[] inputs) {
        // x: (outer, n, inner, c) with c = 1 (real) or 2 (complex) -> y: (outer, m, inner, c')
        Tensor x = inputs[0];
        if (!x.dtype().isFloatingPoint()) throw new IllegalArgumentException("input must be a float tensor, got " + x.describe());
        int r = x.rank();
        if (r < 2) throw new IllegalArgumentException("input must have rank >= 2, got " + x.describe());
        int c = x.shape().dimInt(r - 1);
        if (c != 1 && c != 2) {
            throw new IllegalArgumentException("the last axis of the input must be 1 (real) or 2 (complex), got " + c);
        }
        long axisValue = axisAttribute;
        if (axisInput && inputs.length > 2 && inputs[2] != null) axisValue = (long) Args.scalar(inputs[2], "axis");
        long a = axisValue < 0 ? axisValue + r : axisValue;
        if (a < 0 || a > r - 2) {
            throw new IllegalArgumentException("axis " + axisValue + " is out of range for rank " + r
                    + " (the last axis holds the complex parts)");
        }
        int axis = (int) a;
        int n = x.shape().dimInt(axis);
        boolean irfft = inverse && onesided;
        long length = irfft ? 2L * (n - 1) : n;
        if (inputs.length > 1 && inputs[1] != null) length = (long) Args.scalar(inputs[1], "dft_length");
        if (length < 1) throw new IllegalArgumentException("dft_length must be positive, got " + length);
        int len = Math.toIntExact(length);
        int outN = onesided && !inverse ? len / 2 + 1 : len;
        int outC = irfft ? 1 : 2;
        int outer = (int) x.shape().sizeBetween(0, axis);
        int inner = (int) x.shape().sizeBetween(axis + 1, r - 1);
        long[] outDims = x.shape().dims();
        outDims[axis] = outN;
        outDims[r - 1] = outC;
        Shape outShape = Shape.of(outDims);

        double[] in = x.toDoubleArray();
        MemoryBudget.check(DType.FLOAT64, outShape);
        double[] out = new double[outShape.sizeInt()];
        MemoryBudget.check(DType.FLOAT64, 2L * len);
        double[] re = new double[len];
        double[] im = new double[len];
        int take = Math.min(n, irfft ? len / 2 + 1 : len);
        double scale = inverse ? 1.0 / len : 1.0;
        for (int o = 0; o < outer; o++) {
            ExecutionContext.checkActiveCancelled();
            for (int i = 0; i < inner; i++) {
                Arrays.fill(re, 0);
                Arrays.fill(im, 0);
                for (int k = 0; k < take; k++) {
                    int at = ((o * n + k) * inner + i) * c;
                    re[k] = in[at];
                    im[k] = c == 2 ? in[at + 1] : 0;
                }
                if (irfft) {
                    for (int k = len / 2 + 1; k < len; k++) {
                        re[k] = re[len - k];
                        im[k] = -im[len - k];
                    }
                }
                Fourier.transform(re, im, inverse);
                for (int k = 0; k < outN; k++) {
                    int at = ((o * outN + k) * inner + i) * outC;
                    out[at] = re[k] * scale;
                    if (outC == 2) out[at + 1] = im[k] * scale;
                }
            }
        }
        return new Tensor[] {Tensor.fromDoubles(x.dtype(), outShape, out)};
    }
}
