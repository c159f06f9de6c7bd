package dev.kiln.ops.math;

import dev.kiln.ops.common.Broadcast;
import dev.kiln.ops.common.Floats;
import dev.kiln.runtime.op.TensorOp;
import dev.kiln.runtime.tensor.DType;
import dev.kiln.runtime.tensor.Shape;
import dev.kiln.runtime.tensor.Tensor;
import java.util.Arrays;

/**
 * Base of the elementwise ops whose inputs and output share one element type (Add, Mul, Max,
 * BitwiseAnd, And, PRelu, ...). Broadcasting, element-type dispatch and the left fold over
 * variadic inputs live here; each op supplies its formulas.
 *
 * <p>Paths: float32 calls the op's unit-stride loop once per broadcast run or chunk (see
 * {@link Runs}), so there is no per-element virtual call; float16 and bfloat16 widen to
 * float32, run the same loop and round back; float64 and the integer types apply the op's
 * scalar formula per element (integers widened to long, unsigned ones zero-extended, results
 * wrapped to the type's width); bool is handled as the integers 0 and 1.
 */
abstract class BinaryKernel extends TensorOp {
    /** Longest stretch handed to the float loop at once when an input repeats an element. */
    private static final int CHUNK = 4096;

    /** The opset 1-6 broadcasting, or null for numpy broadcasting. */
    final LegacyBroadcast legacy;

    /** @param legacy the opset 1-6 broadcasting, or null for numpy broadcasting */
    BinaryKernel(LegacyBroadcast legacy) {
        this.legacy = legacy;
    }

    /** Whether the op is defined for inputs of element type {@code t}. */
    boolean accepts(DType t) {
        return isNumeric(t);
    }

    /** float32, float64, float16, bfloat16 and the 8- to 64-bit integer types. */
    static boolean isNumeric(DType t) {
        return Floats.isFloat32Like(t) || t == DType.FLOAT64 || (t.isInteger() && !t.isNarrow());
    }

    /**
     * The float loop over unit-stride ranges: {@code y[yi + i] = f(a[ai + i], b[bi + i])} for
     * {@code i < n}.
     */
    void op(float[] a, int ai, float[] b, int bi, float[] y, int yi, int n) {
        throw unsupported("float");
    }

    /** The float64 formula. */
    double op(double a, double b) {
        throw unsupported("float64");
    }

    /**
     * The integer (and bool as 0/1) formula on widened values; the result is wrapped to the
     * element type's width.
     *
     * @param unsigned whether the element type is unsigned (uint64 values are raw bits)
     */
    long op(long a, long b, boolean unsigned) {
        throw unsupported("integer");
    }

    /** The output shape for inputs of shapes {@code a} and {@code b}. */
    Shape outputShape(Shape a, Shape b) {
        return Broadcast.shape(a, b);
    }

    @Override
    protected Tensor[] compute(Tensor[] inputs) {
        Tensor y = input(inputs, 0);
        for (int i = 1; i < inputs.length; i++) y = apply(y, input(inputs, i));
        return new Tensor[] {y};
    }

    private static Tensor input(Tensor[] inputs, int i) {
        if (inputs[i] == null) throw new IllegalArgumentException("input " + i + " is required");
        return inputs[i];
    }

    /** {@code f(a, b)} elementwise with broadcasting. */
    Tensor apply(Tensor a, Tensor b) {
        DType t = a.dtype();
        if (b.dtype() != t) {
            throw new IllegalArgumentException("inputs must have the same element type, got "
                    + a.describe() + " and " + b.describe());
        }
        if (!accepts(t)) {
            throw new IllegalArgumentException(getClass().getSimpleName()
                    + " does not support element type " + t);
        }
        if (legacy != null) b = legacy.align(a, b);
        Shape ys = outputShape(a.shape(), b.shape());
        if (ys.size() == 0) return Tensor.zeros(t, ys);
        Runs runs = Runs.of(ys, a.shape(), b.shape());
        int[] ao = runs.offsets[0];
        int[] bo = runs.offsets[1];
        int as = runs.steps[0];
        int bs = runs.steps[1];
        int len = runs.length;
        if (Floats.isFloat32Like(t)) {
            float[] y = new float[ys.sizeInt()];
            floatRuns(Floats.widen(a), Floats.widen(b), runs, y);
            return Floats.narrow(t, ys, y);
        }
        if (t == DType.FLOAT64) {
            double[] ad = a.doubles();
            double[] bd = b.doubles();
            double[] y = new double[ys.sizeInt()];
            for (int r = 0; r < runs.count; r++) {
                for (int i = 0, ia = ao[r], ib = bo[r], iy = r * len; i < len; i++, ia += as, ib += bs) {
                    y[iy + i] = op(ad[ia], bd[ib]);
                }
            }
            return Tensor.wrap(t, ys, y);
        }
        long[] ad = widenLongs(a);
        long[] bd = widenLongs(b);
        long[] y = new long[ys.sizeInt()];
        boolean unsigned = t.isUnsigned();
        for (int r = 0; r < runs.count; r++) {
            for (int i = 0, ia = ao[r], ib = bo[r], iy = r * len; i < len; i++, ia += as, ib += bs) {
                y[iy + i] = op(ad[ia], bd[ib], unsigned);
            }
        }
        return t.storage() == DType.Storage.LONG ? Tensor.wrap(t, ys, y) : Tensor.fromLongs(t, ys, y);
    }

    /**
     * Calls the float loop on every run in chunks of at most {@link #CHUNK} elements. An input
     * that repeats one element along a run is first spread into a scratch chunk, so the loop
     * always sees unit strides (which the JIT vectorizes); the scratch is refilled only when the
     * repeated element changes (once in all for a scalar).
     */
    private void floatRuns(float[] ad, float[] bd, Runs runs, float[] y) {
        int len = runs.length;
        boolean aRepeats = runs.steps[0] == 0 && len > 1;
        boolean bRepeats = runs.steps[1] == 0 && len > 1;
        float[] aRep = aRepeats ? new float[Math.min(len, CHUNK)] : null;
        float[] bRep = bRepeats ? new float[Math.min(len, CHUNK)] : null;
        int aFilled = -1;
        int bFilled = -1;
        for (int r = 0; r < runs.count; r++) {
            int ia = runs.offsets[0][r];
            int ib = runs.offsets[1][r];
            if (aRepeats && ia != aFilled) {
                Arrays.fill(aRep, ad[ia]);
                aFilled = ia;
            }
            if (bRepeats && ib != bFilled) {
                Arrays.fill(bRep, bd[ib]);
                bFilled = ib;
            }
            for (int c = 0; c < len; c += CHUNK) {
                int n = Math.min(CHUNK, len - c);
                op(aRepeats ? aRep : ad, aRepeats ? 0 : ia + c, bRepeats ? bRep : bd, bRepeats ? 0 : ib + c,
                        y, r * len + c, n);
            }
        }
    }

    /** Integer or bool elements as longs (unsigned zero-extended; the backing array for 64-bit). */
    static long[] widenLongs(Tensor t) {
        return t.dtype().storage() == DType.Storage.LONG ? t.longs() : t.toLongArray();
    }

    private IllegalStateException unsupported(String kind) {
        return new IllegalStateException(getClass().getSimpleName() + " has no " + kind + " kernel");
    }
}
