package dev.kiln.ops.conv;

import java.util.Arrays;

/**
 * What the float32 convolution kernel precomputes for one geometry and channels per group: the
 * path ({@code pointwise}, the padded in-place {@link ConvShifted} or the packed {@link Im2Col})
 * and its index tables. Immutable; a Conv op keeps the last one, so repeated runs on the same
 * input shape (small images, where this set-up is a visible share of the call) build it once.
 */
final class ConvPlan {
    final Geometry g;
    final int channels;
    final boolean pointwise;
    /** The stride-1 padded path, or null. */
    final ConvShifted shifted;
    /** The im2col path, or null. */
    final Im2Col im;
    /** The shifted path's im2col row offsets in the padded copy of one (image, group). */
    final int[] rowOff;

    /**
     * @param channels input channels per group
     */
    ConvPlan(Geometry g, int channels) {
        this.g = g;
        this.channels = channels;
        this.pointwise = g.kernelSize() == 1 && g.outSize() == g.inSize() && ConvGemm.allZero(g.padBegin)
                && ConvGemm.allOnes(g.stride);
        this.shifted = !pointwise && ConvShifted.applies(g) ? new ConvShifted(g) : null;
        this.im = pointwise || shifted != null ? null : new Im2Col(g);
        this.rowOff = shifted == null ? null : shifted.rowOffsets(channels, 0);
    }

    /** Whether this plan is for {@code other} and {@code otherChannels} channels per group. */
    boolean matches(Geometry other, int otherChannels) {
        return otherChannels == channels && Arrays.equals(g.in, other.in) && Arrays.equals(g.kernel, other.kernel)
                && Arrays.equals(g.stride, other.stride) && Arrays.equals(g.dilation, other.dilation)
                && Arrays.equals(g.padBegin, other.padBegin) && Arrays.equals(g.padEnd, other.padEnd)
                && Arrays.equals(g.out, other.out);
    }
}
