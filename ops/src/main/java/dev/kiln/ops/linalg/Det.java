package dev.kiln.ops.linalg;

import dev.kiln.runtime.graph.Node;
import dev.kiln.runtime.op.TensorOp;
import dev.kiln.runtime.tensor.Shape;
import dev.kiln.runtime.tensor.Tensor;
import java.util.Arrays;

/** Det: the determinant of each square matrix in the last two axes, by LU with partial pivoting. */
public final class Det extends TensorOp {
    public Det(Node node) {}

    // X: (..., n, n) → Y: (...)
    @Override
    protected Tensor[] compute(Tensor[] inputs) {
        Tensor x = Numeric.require(inputs, 0, "X");
        if (!x.dtype().isFloatingPoint() || x.dtype().isNarrow()) {
            throw new IllegalArgumentException("input X must be float16, bfloat16, float32 or float64, got "
                    + x.dtype());
        }
        int r = x.rank();
        if (r < 2 || x.shape().dim(r - 1) != x.shape().dim(r - 2)) {
            throw new IllegalArgumentException("input X must have shape (..., n, n), got " + x.shape());
        }
        int n = x.shape().dimInt(r - 1);
        Shape out = Shape.of(Arrays.copyOf(x.shape().dims(), r - 2));
        int count = out.sizeInt();
        double[] in = x.toDoubleArray();
        double[] y = new double[count];
        double[] lu = new double[n * n];
        for (int b = 0; b < count; b++) {
            System.arraycopy(in, b * n * n, lu, 0, n * n);
            y[b] = determinant(lu, n);
        }
        return new Tensor[] {Tensor.fromDoubles(x.dtype(), out, y)};
    }

    /** The determinant of the (n, n) matrix in {@code a}, which is overwritten by its LU factors. */
    static double determinant(double[] a, int n) {
        double det = 1;
        for (int col = 0; col < n; col++) {
            int pivot = col;
            for (int i = col + 1; i < n; i++) {
                if (Math.abs(a[i * n + col]) > Math.abs(a[pivot * n + col])) pivot = i;
            }
            if (a[pivot * n + col] == 0) return 0;
            if (pivot != col) {
                for (int j = 0; j < n; j++) {
                    double t = a[col * n + j];
                    a[col * n + j] = a[pivot * n + j];
                    a[pivot * n + j] = t;
                }
                det = -det;
            }
            double d = a[col * n + col];
            det *= d;
            for (int i = col + 1; i < n; i++) {
                double f = a[i * n + col] / d;
                if (f == 0) continue;
                for (int j = col + 1; j < n; j++) a[i * n + j] -= f * a[col * n + j];
            }
        }
        return det;
    }
}
