package dev.kiln.ops.math;

import dev.kiln.ops.common.Broadcast;
import dev.kiln.ops.common.Floats;
import dev.kiln.ops.common.GradData;
import dev.kiln.ops.common.GradReduce;
import dev.kiln.runtime.op.TensorOp;
import dev.kiln.runtime.tensor.DType;
import dev.kiln.runtime.tensor.MemoryBudget;
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
 * float32, run the same loop and round back (a block at a time when both inputs have the output's
 * shape); float64 and the integer types apply the op's
 * scalar formula per element (integers widened to long, unsigned ones zero-extended, results
 * wrapped to the type's width); bool is handled as the integers 0 and 1.
 *
 * <p>Backward (two inputs): both inputs are broadcast to the output shape in double, the op's
 * {@link #gradient} loop fills the per-element gradients, and each is summed back over the axes
 * its input was broadcast along. Only float inputs of a float output get a gradient.
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
        MemoryBudget.check(a.dtype(), ys);
        if (ys.size() == 0) return Tensor.zeros(t, ys);
        Runs runs = Runs.of(ys, a.shape(), b.shape());
        int[] ao = runs.offsets[0];
        int[] bo = runs.offsets[1];
        int as = runs.steps[0];
        int bs = runs.steps[1];
        int len = runs.length;
        if ((t == DType.FLOAT16 || t == DType.BFLOAT16) && a.shape().equals(ys) && b.shape().equals(ys)) {
            return sameShapeNarrow(a, b);
        }
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
     * The float loop on float16 or bfloat16 inputs of one shape, a block at a time
     * ({@link Floats#blockFor}): both widened, computed, rounded back, without full-size float copies.
     */
    private Tensor sameShapeNarrow(Tensor a, Tensor b) {
        DType t = a.dtype();
        short[] as = a.shorts(), bs = b.shorts(), ys = new short[as.length];
        int block = Math.max(1, Floats.blockFor(as.length));
        float[] fa = new float[block], fb = new float[block], fy = new float[block];
        for (int off = 0; off < as.length; off += block) {
            int n = Math.min(block, as.length - off);
            Floats.widen(t, as, off, fa, n);
            Floats.widen(t, bs, off, fb, n);
            op(fa, 0, fb, 0, fy, 0, n);
            Floats.narrow(t, fy, ys, off, n);
        }
        return Tensor.wrap(t, a.shape(), ys);
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

    @Override
    public Tensor[] backward(Tensor[] inputs, Tensor[] outputs, Tensor[] dOutputs) {
        if (inputs.length != 2) {
            throw new IllegalArgumentException(getClass().getSimpleName() + " backward takes two inputs, got "
                    + inputs.length);
        }
        Tensor a = inputs[0];
        Tensor b = inputs[1];
        Tensor y = outputs[0];
        if (!y.dtype().isFloatingPoint()) return new Tensor[2];
        // b as the forward saw it: legacy broadcasting reshapes it to a's rank
        Shape bs = legacy != null ? legacy.align(a, b).shape() : b.shape();
        Shape ys = y.shape();
        int n = ys.sizeInt();
        double[] dA = new double[n];
        double[] dB = new double[n];
        double[] av = GradReduce.broadcast(GradData.read(a), a.shape(), ys);
        double[] bv = GradReduce.broadcast(GradData.read(b), bs, ys);
        gradient(av, bv, GradData.read(y), GradData.read(dOutputs[0]), dA, dB);
        return new Tensor[] {
            GradData.differentiable(a) ? GradData.write(a.dtype(), a.shape(), GradReduce.sumTo(dA, ys, a.shape())) : null,
            GradData.differentiable(b) ? GradData.write(b.dtype(), b.shape(), GradReduce.sumTo(dB, ys, bs)) : null
        };
    }

    /**
     * The backward loop over output elements: {@code a} and {@code b} are the inputs broadcast to
     * the output shape, {@code y} the output; fills {@code dA[i] = dY[i] * dy/da} and
     * {@code dB[i] = dY[i] * dy/db}. The default has no gradient.
     */
    void gradient(double[] a, double[] b, double[] y, double[] dY, double[] dA, double[] dB) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " has no backward");
    }

    /**
     * The backward of an elementwise selection (Max, Min) of any number of broadcast inputs: the
     * gradient of each output element goes to the first input whose value equals the output
     * (NaN matching NaN), so ties give it all to the earliest input.
     */
    static Tensor[] toFirstEqual(Tensor[] inputs, Tensor y, Tensor dY) {
        Tensor[] d = new Tensor[inputs.length];
        if (!y.dtype().isFloatingPoint()) return d;
        Shape ys = y.shape();
        double[] yv = GradData.read(y);
        double[] dy = GradData.read(dY);
        boolean[] taken = new boolean[yv.length];
        for (int k = 0; k < inputs.length; k++) {
            Tensor x = inputs[k];
            double[] xv = GradReduce.broadcast(GradData.read(x), x.shape(), ys);
            double[] dX = new double[yv.length];
            for (int i = 0; i < yv.length; i++) {
                if (!taken[i] && (xv[i] == yv[i] || (Double.isNaN(xv[i]) && Double.isNaN(yv[i])))) {
                    dX[i] = dy[i];
                    taken[i] = true;
                }
            }
            d[k] = GradData.write(x.dtype(), x.shape(), GradReduce.sumTo(dX, ys, x.shape()));
        }
        return d;
    }

    /** Integer or bool elements as longs (unsigned zero-extended; the backing array for 64-bit). */
    static long[] widenLongs(Tensor t) {
        return t.dtype().storage() == DType.Storage.LONG ? t.longs() : t.toLongArray();
    }

    private IllegalStateException unsupported(String kind) {
        return new IllegalStateException(getClass().getSimpleName() + " has no " + kind + " kernel");
    }
}
