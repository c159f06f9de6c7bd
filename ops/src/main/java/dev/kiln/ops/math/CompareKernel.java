package dev.kiln.ops.math;

import dev.kiln.ops.common.Broadcast;
import dev.kiln.ops.common.Floats;
import dev.kiln.runtime.op.TensorOp;
import dev.kiln.runtime.tensor.DType;
import dev.kiln.runtime.tensor.MemoryBudget;
import dev.kiln.runtime.tensor.Shape;
import dev.kiln.runtime.tensor.Tensor;

/**
 * Base of the comparisons (Equal, Less, Greater, ...): two inputs of one element type,
 * broadcast, a bool output. Floats compare as doubles (exact for every float type), integers and
 * bools as longs (unsigned types flagged), strings by content where the op allows them.
 */
abstract class CompareKernel extends TensorOp {
    private final LegacyBroadcast legacy;

    /** @param legacy the opset 1-6 broadcasting, or null for numpy broadcasting */
    CompareKernel(LegacyBroadcast legacy) {
        this.legacy = legacy;
    }

    /** The comparison of two float values (false when either is NaN, except for inequality). */
    abstract boolean test(double a, double b);

    /** The comparison of two integer (or bool, as 0/1) values. */
    abstract boolean test(long a, long b, boolean unsigned);

    /** The comparison of two strings, for ops that take strings. */
    boolean test(String a, String b) {
        throw new IllegalArgumentException(getClass().getSimpleName() + " does not compare strings");
    }

    @Override
    protected Tensor[] compute(Tensor[] inputs) {
        Tensor a = inputs[0];
        Tensor b = inputs[1];
        if (a == null || b == null) throw new IllegalArgumentException("inputs A and B are required");
        DType t = a.dtype();
        if (b.dtype() != t) {
            throw new IllegalArgumentException("inputs must have the same element type, got "
                    + a.describe() + " and " + b.describe());
        }
        if (t.isNarrow()) {
            throw new IllegalArgumentException(getClass().getSimpleName()
                    + " does not support element type " + t);
        }
        if (legacy != null) b = legacy.align(a, b);
        Shape ys = Broadcast.shape(a.shape(), b.shape());
        MemoryBudget.check(DType.BOOL, ys);
        boolean[] y = new boolean[ys.sizeInt()];
        if (y.length > 0) fill(a, b, Runs.of(ys, a.shape(), b.shape()), y);
        return new Tensor[] {Tensor.wrap(DType.BOOL, ys, y)};
    }

    private void fill(Tensor a, Tensor b, Runs runs, boolean[] y) {
        DType t = a.dtype();
        if (Floats.isFloat32Like(t)) {
            float[] ad = Floats.widen(a);
            float[] bd = Floats.widen(b);
            runs.forEachPair((iy, ia, ib) -> y[iy] = test(ad[ia], bd[ib]));
        } else if (t == DType.FLOAT64) {
            double[] ad = a.doubles();
            double[] bd = b.doubles();
            runs.forEachPair((iy, ia, ib) -> y[iy] = test(ad[ia], bd[ib]));
        } else if (t == DType.STRING) {
            String[] ad = a.strings();
            String[] bd = b.strings();
            runs.forEachPair((iy, ia, ib) -> y[iy] = test(ad[ia], bd[ib]));
        } else {
            long[] ad = BinaryKernel.widenLongs(a);
            long[] bd = BinaryKernel.widenLongs(b);
            boolean unsigned = t.isUnsigned();
            runs.forEachPair((iy, ia, ib) -> y[iy] = test(ad[ia], bd[ib], unsigned));
        }
    }
}
