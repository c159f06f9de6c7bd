package dev.kiln.ops.conv;

import dev.kiln.runtime.tensor.DType;
import dev.kiln.runtime.tensor.MemoryBudget;

/**
 * A resolved sliding window over the spatial axes: input, kernel and output dims, strides,
 * dilations and the pads before and after. Input position of output {@code o}, tap {@code k}
 * along axis {@code i}: {@code o * stride[i] - padBegin[i] + k * dilation[i]}.
 */
final class Geometry {
    final int[] in;
    final int[] kernel;
    final int[] stride;
    final int[] dilation;
    final int[] padBegin;
    final int[] padEnd;
    final int[] out;

    Geometry(int[] in, int[] kernel, int[] stride, int[] dilation, int[] padBegin, int[] padEnd, int[] out) {
        this.in = in;
        this.kernel = kernel;
        this.stride = stride;
        this.dilation = dilation;
        this.padBegin = padBegin;
        this.padEnd = padEnd;
        this.out = out;
        long cells = 1, taps = 1;
        for (int o : out) cells *= Math.max(o, 1);
        for (int k : kernel) taps *= Math.max(k, 1);
        if (cells > Integer.MAX_VALUE - 8 || taps > Integer.MAX_VALUE - 8 || cells < 0 || taps < 0) {
            throw new IllegalArgumentException("window of output " + java.util.Arrays.toString(out) + " and kernel "
                    + java.util.Arrays.toString(kernel) + " is too large");
        }
        MemoryBudget.check(DType.INT32, cells * out.length); // the coordinate tables of coords(out)
    }

    int rank() { return in.length; }

    int inSize() { return product(in); }

    int outSize() { return product(out); }

    int kernelSize() { return product(kernel); }

    /** For every flat index of a row-major grid of {@code dims}, its coordinate along each axis. */
    static int[][] coords(int[] dims) {
        int n = product(dims);
        int[][] c = new int[dims.length][n];
        for (int f = 0; f < n; f++) {
            int rem = f;
            for (int a = dims.length - 1; a >= 0; a--) {
                c[a][f] = rem % dims[a];
                rem /= dims[a];
            }
        }
        return c;
    }

    static int product(int[] dims) {
        long p = 1;
        for (int d : dims) p *= d;
        if (p > Integer.MAX_VALUE - 8) throw new IllegalArgumentException("spatial size " + p + " is too large");
        return (int) p;
    }

    /** The spatial dims (axes 2..) of a (N, C, D1, ...) shape. */
    static int[] spatial(long[] dims) {
        int[] s = new int[dims.length - 2];
        for (int i = 0; i < s.length; i++) s[i] = Math.toIntExact(dims[i + 2]);
        return s;
    }
}
