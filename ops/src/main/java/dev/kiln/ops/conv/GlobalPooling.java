package dev.kiln.ops.conv;

import dev.kiln.runtime.tensor.Shape;
import dev.kiln.runtime.tensor.Tensor;

/** Pooling over all spatial axes at once: (N, C, D1..Dk) → (N, C, 1..1). */
final class GlobalPooling {
    private GlobalPooling() {}

    static Tensor run(Tensor x, Pooling.Kind kind, double p) {
        if (x == null) throw new IllegalArgumentException("input X is required");
        ConvShapes.checkFloat(x, "X");
        int batch = x.shape().dimInt(0), channels = x.shape().dimInt(1);
        int planes = batch * channels;
        int size = x.size() / Math.max(1, planes);
        if (size == 0) throw new IllegalArgumentException("input X has an empty spatial extent: " + x.shape());
        double[] in = x.toDoubleArray();
        double[] y = new double[planes];
        for (int c = 0; c < planes; c++) {
            int off = c * size;
            double acc = kind == Pooling.Kind.MAX ? Double.NEGATIVE_INFINITY : 0;
            boolean seen = false;
            for (int i = 0; i < size; i++) {
                double v = in[off + i];
                switch (kind) {
                    case MAX -> {
                        if (!seen || v > acc || Double.isNaN(acc)) acc = v;
                        seen = true;
                    }
                    case AVG -> acc += v;
                    case LP -> acc += Math.pow(Math.abs(v), p);
                }
            }
            y[c] = switch (kind) {
                case MAX -> acc;
                case AVG -> acc / size;
                case LP -> Math.pow(acc, 1.0 / p);
            };
        }
        long[] dims = x.shape().dims();
        for (int a = 2; a < dims.length; a++) dims[a] = 1;
        return Tensor.fromDoubles(x.dtype(), Shape.of(dims), y);
    }

    /**
     * The gradient of {@link #run} for AVG ({@code Y = mean(X)}: every element gets dY / size) and
     * MAX ({@code Y = X[first maximum]}: that element gets dY). x: (N, C, D...), dy: (N, C, 1..1).
     */
    static Tensor backward(Tensor x, Tensor dy, Pooling.Kind kind) {
        if (x == null) throw new IllegalArgumentException("input X is required");
        ConvShapes.checkFloat(x, "X");
        int planes = x.shape().dimInt(0) * x.shape().dimInt(1);
        int size = x.size() / Math.max(1, planes);
        double[] in = x.toDoubleArray();
        double[] dx = new double[x.size()];
        for (int c = 0; c < planes; c++) {
            int off = c * size;
            double d = dy.getDouble(c);
            if (kind == Pooling.Kind.AVG) {
                for (int i = 0; i < size; i++) dx[off + i] = d / size;
                continue;
            }
            int best = 0;
            for (int i = 1; i < size; i++) {
                double v = in[off + i];
                if (v > in[off + best] || Double.isNaN(in[off + best])) best = i;
            }
            if (size > 0) dx[off + best] = d;
        }
        return Tensor.fromDoubles(x.dtype(), x.shape(), dx);
    }
}
