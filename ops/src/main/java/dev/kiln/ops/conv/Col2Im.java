package dev.kiln.ops.conv;

import java.util.Arrays;

/**
 * float32 col2im for N-d transposed convolution: adds columns (channel, kernel tap) x input
 * positions into output planes, input position {@code i} and tap {@code k} landing on output
 * {@code i * stride - padBegin + k * dilation} along each axis when that is inside the output.
 * The input grid is split into lines along its last axis, as in {@link Im2Col}.
 */
final class Col2Im {
    private final Geometry g;
    private final int[][] kernelCoords;
    private final int[][] lineCoords;
    private final int inLast;
    private final int outLast;

    Col2Im(Geometry g) {
        this.g = g;
        int r = g.rank();
        this.kernelCoords = Geometry.coords(g.kernel);
        this.lineCoords = Geometry.coords(Arrays.copyOf(g.in, r - 1));
        this.inLast = g.in[r - 1];
        this.outLast = g.out[r - 1];
    }

    int lines() { return lineCoords.length == 0 ? 1 : lineCoords[0].length; }

    int lineLength() { return inLast; }

    /**
     * Adds {@code col} (channels * kernelSize, (lineEnd - lineStart) * inLast) into the
     * {@code channels} output planes at {@code y[yOff...]}.
     */
    void add(float[] col, int channels, int lineStart, int lineEnd, float[] y, int yOff) {
        int r = g.rank();
        int kSize = g.kernelSize();
        int outSize = g.outSize();
        int cols = (lineEnd - lineStart) * inLast;
        int last = r - 1;
        int s = g.stride[last], d = g.dilation[last], p = g.padBegin[last];
        for (int c = 0; c < channels; c++) {
            int plane = yOff + c * outSize;
            for (int kk = 0; kk < kSize; kk++) {
                int row = (c * kSize + kk) * cols;
                int kl = kernelCoords[last][kk] * d - p;
                // input i along the last axis writes output i * s + kl; valid for i in [lo, hi)
                int lo = kl >= 0 ? 0 : Math.min(inLast, (-kl + s - 1) / s);
                int hi = outLast - 1 - kl < 0 ? 0 : Math.min(inLast, (outLast - 1 - kl) / s + 1);
                for (int line = lineStart; line < lineEnd; line++) {
                    int base = lineBase(line, kk);
                    if (base < 0) continue;
                    int src = row + (line - lineStart) * inLast;
                    int dst = plane + base + kl;
                    for (int i = lo; i < hi; i++) y[dst + i * s] += col[src + i];
                }
            }
        }
    }

    /** Offset of the output row written by input line and tap, or -1 if outside the output. */
    private int lineBase(int line, int kk) {
        int r = g.rank();
        int off = 0;
        for (int a = 0; a < r - 1; a++) {
            int o = lineCoords[a][line] * g.stride[a] - g.padBegin[a] + kernelCoords[a][kk] * g.dilation[a];
            if (o < 0 || o >= g.out[a]) return -1;
            off = off * g.out[a] + o;
        }
        return off * outLast;
    }
}
