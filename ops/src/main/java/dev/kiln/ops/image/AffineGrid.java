package dev.kiln.ops.image;

import dev.kiln.ops.common.Args;
import dev.kiln.runtime.graph.Node;
import dev.kiln.runtime.op.TensorOp;
import dev.kiln.runtime.tensor.DType;
import dev.kiln.runtime.tensor.MemoryBudget;
import dev.kiln.runtime.tensor.Shape;
import dev.kiln.runtime.tensor.Tensor;
import java.util.Arrays;

/**
 * AffineGrid (opset 20): {@code grid[n, ..., :] = theta[n] @ (x, y[, z], 1)} over evenly spaced
 * normalized positions in [-1, 1]. {@code theta: (N, 2, 3)} with {@code size = (N, C, H, W)} gives
 * {@code grid: (N, H, W, 2)}; {@code theta: (N, 3, 4)} with {@code size = (N, C, D, H, W)} gives
 * {@code grid: (N, D, H, W, 3)}. Positions are pixel centers ({@code (2i + 1) / L - 1}), or with
 * {@code align_corners} the corner pixels sit at -1 and 1 ({@code -1 + 2i / (L - 1)}).
 */
public final class AffineGrid extends TensorOp {
    private final boolean alignCorners;

    public AffineGrid(Node node) {
        this.alignCorners = node.attributes().getInt("align_corners", 0) != 0;
    }

    @Override
    protected Tensor[] compute(Tensor[] in) {
        Tensor theta = in[0];
        long[] size = Args.longs(in[1], "size");
        int r = size.length - 2;
        if ((r != 2 && r != 3) || !theta.dtype().isFloatingPoint() || theta.rank() != 3
                || theta.shape().dim(0) != size[0] || theta.shape().dim(1) != r || theta.shape().dim(2) != r + 1) {
            throw new IllegalArgumentException("inputs theta " + theta.describe() + " and size " + Arrays.toString(size)
                    + " must be (N, 2, 3) with (N, C, H, W) or (N, 3, 4) with (N, C, D, H, W)");
        }
        int n = (int) size[0];
        int[] dims = new int[r];
        long[] outDims = new long[r + 2];
        outDims[0] = n;
        int spatial = 1;
        for (int i = 0; i < r; i++) {
            if (size[i + 2] <= 0) throw new IllegalArgumentException("input 'size' spatial dims must be positive");
            dims[i] = (int) size[i + 2];
            outDims[i + 1] = dims[i];
            spatial *= dims[i];
        }
        outDims[r + 1] = r;
        double[] th = theta.toDoubleArray();
        MemoryBudget.check(DType.FLOAT64, (long) n * spatial * r);
        double[] grid = new double[Math.toIntExact((long) n * spatial * r)];
        double[] p = new double[r + 1];
        p[r] = 1;
        for (int s = 0; s < spatial; s++) {
            // p = (x, y[, z], 1): the innermost spatial axis comes first
            int rem = s;
            for (int i = r - 1; i >= 0; i--) {
                p[r - 1 - i] = position(rem % dims[i], dims[i]);
                rem /= dims[i];
            }
            for (int ni = 0; ni < n; ni++) {
                for (int row = 0; row < r; row++) {
                    double acc = 0;
                    for (int col = 0; col <= r; col++) acc += th[(ni * r + row) * (r + 1) + col] * p[col];
                    grid[(ni * spatial + s) * r + row] = acc;
                }
            }
        }
        return new Tensor[] {Tensor.fromDoubles(theta.dtype(), Shape.of(outDims), grid)};
    }

    private double position(int i, int len) {
        if (alignCorners) return len == 1 ? -1 : -1 + 2.0 * i / (len - 1);
        return (2.0 * i + 1) / len - 1;
    }
}
