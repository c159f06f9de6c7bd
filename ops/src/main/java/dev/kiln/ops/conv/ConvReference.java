package dev.kiln.ops.conv;

import dev.kiln.runtime.tensor.DType;
import dev.kiln.runtime.tensor.MemoryBudget;

/**
 * Direct nested-loop convolution in double precision: the reference the im2col path is tested
 * against, and the kernel for element types other than float32.
 */
final class ConvReference {
    private ConvReference() {}

    /**
     * x: (N, C, in...), w: (M, C/group, kernel...), bias: (M) or null → y: (N, M, out...).
     */
    static double[] conv(double[] x, int batch, int channels, double[] w, int outChannels,
                         double[] bias, Geometry g, int group) {
        int r = g.rank();
        int inSize = g.inSize(), outSize = g.outSize(), kSize = g.kernelSize();
        int cg = channels / group, mg = outChannels / group;
        int[][] oc = Geometry.coords(g.out), kc = Geometry.coords(g.kernel);
        MemoryBudget.check(DType.FLOAT64, (long) batch * outChannels * outSize);
        double[] y = new double[Math.toIntExact((long) batch * outChannels * outSize)];
        for (int n = 0; n < batch; n++) {
            for (int m = 0; m < outChannels; m++) {
                int grp = m / mg;
                for (int o = 0; o < outSize; o++) {
                    double sum = bias == null ? 0 : bias[m];
                    for (int k = 0; k < kSize; k++) {
                        int off = 0;
                        boolean inside = true;
                        for (int a = 0; a < r && inside; a++) {
                            int i = oc[a][o] * g.stride[a] - g.padBegin[a] + kc[a][k] * g.dilation[a];
                            inside = i >= 0 && i < g.in[a];
                            off = off * g.in[a] + i;
                        }
                        if (!inside) continue;
                        for (int c = 0; c < cg; c++) {
                            double xv = x[(n * channels + grp * cg + c) * inSize + off];
                            sum += xv * w[(m * cg + c) * kSize + k];
                        }
                    }
                    y[(n * outChannels + m) * outSize + o] = sum;
                }
            }
        }
        return y;
    }

    /**
     * Gradients of {@link #conv} without bias by the same direct loops: every product
     * {@code Y[n, m, o] += W[m, c, k] * X[n, c, i]} sends {@code dY * W} to dX and {@code dY * X}
     * to dW. dy: (N, M, out...) → accumulates dx: (N, C, in...) and dw: (M, C/group, kernel...).
     */
    static void convBackward(double[] x, int batch, int channels, double[] w, int outChannels,
                             double[] dy, Geometry g, int group, double[] dx, double[] dw) {
        int r = g.rank();
        int inSize = g.inSize(), outSize = g.outSize(), kSize = g.kernelSize();
        int cg = channels / group, mg = outChannels / group;
        int[][] oc = Geometry.coords(g.out), kc = Geometry.coords(g.kernel);
        for (int n = 0; n < batch; n++) {
            for (int m = 0; m < outChannels; m++) {
                int grp = m / mg;
                for (int o = 0; o < outSize; o++) {
                    double d = dy[(n * outChannels + m) * outSize + o];
                    for (int k = 0; k < kSize; k++) {
                        int off = 0;
                        boolean inside = true;
                        for (int a = 0; a < r && inside; a++) {
                            int i = oc[a][o] * g.stride[a] - g.padBegin[a] + kc[a][k] * g.dilation[a];
                            inside = i >= 0 && i < g.in[a];
                            off = off * g.in[a] + i;
                        }
                        if (!inside) continue;
                        for (int c = 0; c < cg; c++) {
                            int xi = (n * channels + grp * cg + c) * inSize + off;
                            int wi = (m * cg + c) * kSize + k;
                            dx[xi] += d * w[wi];
                            dw[wi] += d * x[xi];
                        }
                    }
                }
            }
        }
    }

    /**
     * Transposed convolution by scattering: x: (N, C, in...), w: (C, M/group, kernel...),
     * bias: (M) or null → y: (N, M, out...), where input i and tap k land on output
     * {@code i * stride - padBegin + k * dilation} when that lies inside the output.
     */
    static double[] convTranspose(double[] x, int batch, int channels, double[] w, int outChannels,
                                  double[] bias, Geometry g, int group) {
        int r = g.rank();
        int inSize = g.inSize(), outSize = g.outSize(), kSize = g.kernelSize();
        int cg = channels / group, mg = outChannels / group;
        int[][] ic = Geometry.coords(g.in), kc = Geometry.coords(g.kernel);
        double[] y = new double[batch * outChannels * outSize];
        for (int n = 0; n < batch; n++) {
            for (int m = 0; m < outChannels; m++) {
                int base = (n * outChannels + m) * outSize;
                if (bias != null) java.util.Arrays.fill(y, base, base + outSize, bias[m]);
            }
            for (int c = 0; c < channels; c++) {
                int grp = c / cg;
                for (int i = 0; i < inSize; i++) {
                    double xv = x[(n * channels + c) * inSize + i];
                    for (int k = 0; k < kSize; k++) {
                        int off = 0;
                        boolean inside = true;
                        for (int a = 0; a < r && inside; a++) {
                            int o = ic[a][i] * g.stride[a] - g.padBegin[a] + kc[a][k] * g.dilation[a];
                            inside = o >= 0 && o < g.out[a];
                            off = off * g.out[a] + o;
                        }
                        if (!inside) continue;
                        for (int mm = 0; mm < mg; mm++) {
                            int m = grp * mg + mm;
                            y[(n * outChannels + m) * outSize + off] += xv * w[(c * mg + mm) * kSize + k];
                        }
                    }
                }
            }
        }
        return y;
    }
}
