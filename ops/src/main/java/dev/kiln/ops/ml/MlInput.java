package dev.kiln.ops.ml;

import dev.kiln.runtime.tensor.DType;
import dev.kiln.runtime.tensor.Tensor;

/**
 * The numeric feature input of the ai.onnx.ml models: a tensor of shape [N, C], or [C] read as one
 * row, converted to doubles.
 *
 * @param rows N
 * @param cols C
 * @param data the N * C values, row-major
 */
record MlInput(int rows, int cols, double[] data) {

    /** Reads {@code x} (float, double, int32 or int64; rank 1 or 2), naming {@code op} in errors. */
    static MlInput of(Tensor x, String op) {
        if (x == null) throw new IllegalArgumentException(op + ": input X is required");
        requireNumeric(x, op);
        if (x.rank() != 1 && x.rank() != 2) {
            throw new IllegalArgumentException(op + ": input X must have shape [N, C] or [C], got "
                    + x.describe());
        }
        int rows = x.rank() == 1 ? 1 : x.shape().dimInt(0);
        int cols = x.rank() == 1 ? x.shape().dimInt(0) : x.shape().dimInt(1);
        return new MlInput(rows, cols, doubles(x));
    }

    /** All elements of a numeric tensor as doubles (a new array). */
    static double[] doubles(Tensor x) {
        if (x.dtype() == DType.FLOAT32) {
            float[] f = x.floats();
            double[] d = new double[f.length];
            for (int i = 0; i < f.length; i++) d[i] = f[i];
            return d;
        }
        if (x.dtype() == DType.FLOAT64) return x.doubles().clone();
        return x.toDoubleArray();
    }

    /** Fails unless {@code x} holds numbers (not strings or bools). */
    static void requireNumeric(Tensor x, String op) {
        DType t = x.dtype();
        if (t == DType.STRING || t == DType.BOOL) {
            throw new IllegalArgumentException(op + ": input X must be numeric, got " + x.describe());
        }
    }

    /** A float attribute list as doubles, or an empty array when absent. */
    static double[] floatList(float[] values) {
        if (values == null) return new double[0];
        double[] d = new double[values.length];
        for (int i = 0; i < d.length; i++) d[i] = values[i];
        return d;
    }
}
