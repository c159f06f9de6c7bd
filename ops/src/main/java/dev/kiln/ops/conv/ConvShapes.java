package dev.kiln.ops.conv;

import dev.kiln.runtime.tensor.DType;
import dev.kiln.runtime.tensor.Shape;
import dev.kiln.runtime.tensor.Tensor;

/** Input checks shared by the convolution and pooling ops, with messages naming the input. */
final class ConvShapes {
    private ConvShapes() {}

    /** Input {@code i}, which the op requires (an empty name in the model arrives as null). */
    static Tensor require(Tensor[] inputs, int i, String name) {
        Tensor t = i < inputs.length ? inputs[i] : null;
        if (t == null) throw new IllegalArgumentException("input " + name + " is required");
        return t;
    }

    /** X must be a float tensor of rank >= 3: (N, C, D1, ...). */
    static void checkFloat(Tensor x, String what) {
        DType t = x.dtype();
        if (!t.isFloatingPoint() || t.isNarrow()) {
            throw new IllegalArgumentException("input " + what + " must be float16, bfloat16, float32 or "
                    + "float64, got " + t);
        }
        if (x.rank() < 3) {
            throw new IllegalArgumentException("input " + what + " must have shape (N, C, D1, ...), got "
                    + x.shape());
        }
    }

    static void sameType(Tensor x, Tensor other, String what) {
        if (other.dtype() != x.dtype()) {
            throw new IllegalArgumentException("input " + what + " is " + other.dtype() + ", expected "
                    + x.dtype() + " like X");
        }
    }

    static void checkRanks(Tensor x, Tensor w) {
        if (w.rank() != x.rank()) {
            throw new IllegalArgumentException("input W has shape " + w.shape() + ", expected rank "
                    + x.rank() + " like X " + x.shape());
        }
    }

    /** Checks channels: C == wChannels * group and M divisible by group. */
    static void checkGroups(int channels, int wChannels, int outChannels, int group, String what) {
        if (channels % group != 0 || wChannels * group != channels) {
            throw new IllegalArgumentException("input " + what + " has " + wChannels
                    + " channels per group, expected C/group = " + channels + "/" + group);
        }
        if (outChannels % group != 0) {
            throw new IllegalArgumentException("output channels " + outChannels
                    + " are not divisible by group " + group);
        }
    }

    static void checkBias(Tensor b, int outChannels) {
        if (b != null && (b.rank() != 1 || b.shape().dim(0) != outChannels)) {
            throw new IllegalArgumentException("input B has shape " + b.shape() + ", expected ["
                    + outChannels + "]");
        }
    }

    /** (N, C, spatial...). */
    static Shape outShape(int batch, int channels, int[] spatial) {
        long[] d = new long[spatial.length + 2];
        d[0] = batch;
        d[1] = channels;
        for (int i = 0; i < spatial.length; i++) d[i + 2] = spatial[i];
        return Shape.of(d);
    }
}
