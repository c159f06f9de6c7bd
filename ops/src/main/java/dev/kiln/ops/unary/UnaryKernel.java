package dev.kiln.ops.unary;

import dev.kiln.ops.common.Floats;
import dev.kiln.ops.common.GradData;
import dev.kiln.runtime.op.TensorOp;
import dev.kiln.runtime.tensor.DType;
import dev.kiln.runtime.tensor.Tensor;

/**
 * Base of the elementwise ops with one input and an output of the same type and shape (Exp,
 * Abs, Relu, Gelu, ...). Element-type dispatch lives here; each op supplies its formulas.
 *
 * <p>Paths: float32 runs the op's own float loop (no per-element virtual call); float16 and
 * bfloat16 run the same loop a block at a time, widened and rounded back
 * ({@link Floats#mapNarrow}); float64 applies the op's double formula per element; integer
 * types, for ops that accept them, apply the op's long formula per element (unsigned values
 * zero-extended, results wrapped to the type's width).
 *
 * <p>Backward: {@code dX = dY * f'(x)} by the op's {@link #gradient} loop, in double for every
 * float type; integer inputs get no gradient.
 */
public abstract class UnaryKernel extends TensorOp {
    /** The float loop: {@code y[i] = f(x[i])} for every i; x and y have the same length. */
    protected abstract void apply(float[] x, float[] y);

    /** The float64 formula. */
    protected abstract double apply(double x);

    /** Whether the op accepts integer element types (default: float types only). */
    protected boolean acceptsIntegers() {
        return false;
    }

    /**
     * The integer formula, for ops whose {@link #acceptsIntegers} is true.
     *
     * @param unsigned whether the element type is unsigned (uint64 values are raw bits)
     */
    protected long apply(long x, boolean unsigned) {
        throw new IllegalStateException(getClass().getSimpleName() + " has no integer kernel");
    }

    @Override
    protected final Tensor[] compute(Tensor[] inputs) {
        if (inputs[0] == null) throw new IllegalArgumentException("input X is required");
        return new Tensor[] {apply(inputs[0])};
    }

    /** {@code f(x)} elementwise. */
    public final Tensor apply(Tensor x) {
        DType t = x.dtype();
        if (t == DType.FLOAT16 || t == DType.BFLOAT16) return Floats.mapNarrow(x, this::apply);
        if (t == DType.FLOAT32) {
            float[] xd = x.floats();
            float[] y = new float[xd.length];
            apply(xd, y);
            return Tensor.wrap(t, x.shape(), y);
        }
        if (t == DType.FLOAT64) {
            double[] xd = x.doubles();
            double[] y = new double[xd.length];
            for (int i = 0; i < y.length; i++) y[i] = apply(xd[i]);
            return Tensor.wrap(t, x.shape(), y);
        }
        if (acceptsIntegers() && t.isInteger() && !t.isNarrow()) {
            long[] v = x.toLongArray();
            boolean unsigned = t.isUnsigned();
            for (int i = 0; i < v.length; i++) v[i] = apply(v[i], unsigned);
            return Tensor.fromLongs(t, x.shape(), v);
        }
        throw new IllegalArgumentException(getClass().getSimpleName()
                + " does not support element type " + t);
    }

    @Override
    public final Tensor[] backward(Tensor[] inputs, Tensor[] outputs, Tensor[] dOutputs) {
        Tensor x = inputs[0];
        if (!GradData.differentiable(x)) return new Tensor[] {null};
        double[] dX = new double[x.size()];
        gradient(GradData.read(x), GradData.read(outputs[0]), GradData.read(dOutputs[0]), dX);
        return new Tensor[] {GradData.write(x.dtype(), x.shape(), dX)};
    }

    /**
     * The backward loop: {@code dX[i] = dY[i] * f'(x[i])}, where the op may use its output
     * {@code y[i] = f(x[i])} rather than recompute it. The default has no gradient.
     */
    protected void gradient(double[] x, double[] y, double[] dY, double[] dX) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " has no backward");
    }
}
