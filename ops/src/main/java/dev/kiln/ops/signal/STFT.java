package dev.kiln.ops.signal;

import dev.kiln.ops.common.Args;
import dev.kiln.runtime.graph.Node;
import dev.kiln.runtime.op.TensorOp;
import dev.kiln.runtime.tensor.DType;
import dev.kiln.runtime.tensor.MemoryBudget;
import dev.kiln.runtime.tensor.Shape;
import dev.kiln.runtime.tensor.Tensor;
import java.util.Arrays;

/**
 * STFT: the DFT of frames of length L taken every {@code frame_step} samples, each multiplied by
 * {@code window}: {@code y[b, f, k] = sum_t x[b, f*step + t] w[t] e^(-2πi kt/L)}. L is
 * {@code frame_length}, or the window's length when it is absent. With {@code onesided} (default)
 * only bins 0..L/2 are kept.
 */
public final class STFT extends TensorOp {
    private final boolean onesided;

    public STFT(Node node) {
        onesided = node.attributes().getInt("onesided", 1) != 0;
    }

    @Override
    protected Tensor[] compute(Tensor[] inputs) {
        // signal: (B, T, c) with c = 1 or 2, window: (L) -> y: (B, frames, bins, 2)
        Tensor signal = inputs[0];
        if (!signal.dtype().isFloatingPoint() || signal.rank() != 3) {
            throw new IllegalArgumentException("input 'signal' must be a float tensor [batch, length, 1 or 2], got "
                    + signal.describe());
        }
        int batch = signal.shape().dimInt(0);
        int total = signal.shape().dimInt(1);
        int c = signal.shape().dimInt(2);
        if (c != 1 && c != 2) {
            throw new IllegalArgumentException("the last axis of 'signal' must be 1 (real) or 2 (complex), got " + c);
        }
        long step = (long) Args.scalar(inputs[1], "frame_step");
        if (step < 1) throw new IllegalArgumentException("frame_step must be positive, got " + step);
        Tensor window = inputs.length > 2 ? inputs[2] : null;
        Tensor frameLength = inputs.length > 3 ? inputs[3] : null;
        if (window != null && window.rank() != 1) {
            throw new IllegalArgumentException("input 'window' must be 1-D, got " + window.describe());
        }
        long length;
        if (frameLength != null) {
            length = (long) Args.scalar(frameLength, "frame_length");
            if (window != null && window.size() != length) {
                throw new IllegalArgumentException("window has " + window.size() + " values but frame_length is "
                        + length);
            }
        } else if (window != null) {
            length = window.size();
        } else {
            throw new IllegalArgumentException("either 'window' or 'frame_length' must be given");
        }
        if (length < 1 || length > total) {
            throw new IllegalArgumentException("frame length " + length + " must be in [1, " + total
                    + "] (the signal length)");
        }
        int len = (int) length;
        int frames = (int) ((total - length) / step + 1);
        int bins = onesided ? len / 2 + 1 : len;
        double[] w = window == null ? null : window.toDoubleArray();
        double[] in = signal.toDoubleArray();
        MemoryBudget.check(DType.FLOAT64, 2L * batch * frames * bins);
        double[] out = new double[Math.toIntExact(2L * batch * frames * bins)];
        MemoryBudget.check(DType.FLOAT64, 2L * len);
        double[] re = new double[len];
        double[] im = new double[len];
        for (int b = 0; b < batch; b++) {
            for (int f = 0; f < frames; f++) {
                Arrays.fill(im, 0);
                for (int t = 0; t < len; t++) {
                    int at = (b * total + f * (int) step + t) * c;
                    double scale = w == null ? 1 : w[t];
                    re[t] = in[at] * scale;
                    if (c == 2) im[t] = in[at + 1] * scale;
                }
                Fourier.transform(re, im, false);
                int o = ((b * frames + f) * bins) * 2;
                for (int k = 0; k < bins; k++) {
                    out[o + 2 * k] = re[k];
                    out[o + 2 * k + 1] = im[k];
                }
            }
        }
        return new Tensor[] {Tensor.fromDoubles(signal.dtype(), Shape.of(batch, frames, bins, 2), out)};
    }
}
