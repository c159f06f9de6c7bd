package dev.kiln.ops.signal;

import dev.kiln.ops.common.Args;
import dev.kiln.runtime.graph.Node;
import dev.kiln.runtime.op.TensorOp;
import dev.kiln.runtime.tensor.DType;
import dev.kiln.runtime.tensor.MemoryBudget;
import dev.kiln.runtime.tensor.Shape;
import dev.kiln.runtime.tensor.Tensor;

/**
 * MelWeightMatrix: triangular filters, peak 1, mapping the dft_length/2 + 1 bins of a one-sided
 * spectrum to {@code num_mel_bins} mel bands spaced evenly on mel(f) = 2595 log10(1 + f/700)
 * between {@code lower_edge_hertz} and {@code upper_edge_hertz}. The band edges are snapped to
 * spectrum bins {@code floor((dft_length + 1) f / sample_rate)}, as in the ONNX definition.
 */
public final class MelWeightMatrix extends TensorOp {
    private final DType type;

    public MelWeightMatrix(Node node) {
        type = Windows.outputType(node.attributes().getInt("output_datatype", 1));
    }

    @Override
    protected Tensor[] compute(Tensor[] inputs) {
        // -> (dft_length / 2 + 1, num_mel_bins)
        long mels = (long) Args.scalar(inputs[0], "num_mel_bins");
        long dftLength = (long) Args.scalar(inputs[1], "dft_length");
        long sampleRate = (long) Args.scalar(inputs[2], "sample_rate");
        double lower = Args.scalar(inputs[3], "lower_edge_hertz");
        double upper = Args.scalar(inputs[4], "upper_edge_hertz");
        if (mels < 1 || dftLength < 1 || sampleRate < 1) {
            throw new IllegalArgumentException("num_mel_bins, dft_length and sample_rate must be positive, got "
                    + mels + ", " + dftLength + ", " + sampleRate);
        }
        if (!(lower >= 0 && upper > lower)) {
            throw new IllegalArgumentException("need 0 <= lower_edge_hertz < upper_edge_hertz, got " + lower + ", " + upper);
        }
        int bands = Math.toIntExact(mels);
        int spectrum = Math.toIntExact(dftLength / 2 + 1);
        double lowMel = 2595 * Math.log10(1 + lower / 700);
        double highMel = 2595 * Math.log10(1 + upper / 700);
        double step = (highMel - lowMel) / (bands + 2);
        int[] edge = new int[bands + 2];
        for (int i = 0; i < edge.length; i++) {
            double hz = 700 * (Math.pow(10, (i * step + lowMel) / 2595) - 1);
            edge[i] = (int) Math.floor((dftLength + 1) * hz / sampleRate);
            if (edge[i] >= spectrum) {
                throw new IllegalArgumentException("upper_edge_hertz " + upper + " maps past the last spectrum bin "
                        + (spectrum - 1) + "; it must not exceed sample_rate / 2");
            }
        }
        MemoryBudget.check(DType.FLOAT64, (long) spectrum * bands);
        double[] w = new double[Math.toIntExact((long) spectrum * bands)];
        for (int m = 0; m < bands; m++) {
            int left = edge[m];
            int center = edge[m + 1];
            int right = edge[m + 2];
            if (center == left) {
                w[center * bands + m] = 1;
            } else {
                for (int j = left; j <= center; j++) w[j * bands + m] = (double) (j - left) / (center - left);
            }
            for (int j = center; j < right; j++) w[j * bands + m] = (double) (right - j) / (right - center);
        }
        return new Tensor[] {Tensor.fromDoubles(type, Shape.of(spectrum, bands), w)};
    }
}
