package dev.kiln.ops.math;

import dev.kiln.ops.common.Broadcast;
import dev.kiln.ops.common.GradData;
import dev.kiln.ops.common.GradReduce;
import dev.kiln.runtime.graph.Node;
import dev.kiln.runtime.op.TensorOp;
import dev.kiln.runtime.tensor.DType;
import dev.kiln.runtime.tensor.Shape;
import dev.kiln.runtime.tensor.Tensor;

/**
 * Where: {@code Z = condition ? X : Y} elementwise, the three inputs broadcast together. X and Y
 * share any element type, strings included.
 */
public final class Where extends TensorOp {
    public Where(Node node) {}

    @Override
    protected Tensor[] compute(Tensor[] inputs) {
        Tensor c = inputs[0];
        Tensor x = inputs[1];
        Tensor y = inputs[2];
        if (c == null || x == null || y == null) {
            throw new IllegalArgumentException("inputs condition, X and Y are required");
        }
        if (c.dtype() != DType.BOOL) {
            throw new IllegalArgumentException("input condition must be bool, got " + c.describe());
        }
        if (x.dtype() != y.dtype()) {
            throw new IllegalArgumentException("inputs X and Y must have the same element type, got "
                    + x.describe() + " and " + y.describe());
        }
        DType t = x.dtype();
        Shape zs = Broadcast.shape(c.shape(), x.shape(), y.shape());
        Object z = Tensor.allocate(t, zs.sizeInt());
        if (zs.size() == 0) return new Tensor[] {Tensor.wrap(t, zs, z)};
        Runs runs = Runs.of(zs, c.shape(), x.shape(), y.shape());
        boolean[] cd = c.booleans();
        int cs = runs.steps[0];
        int xs = runs.steps[1];
        int ys = runs.steps[2];
        int len = runs.length;
        if (t == DType.FLOAT32) {
            float[] xd = x.floats();
            float[] yd = y.floats();
            float[] zd = (float[]) z;
            for (int r = 0; r < runs.count; r++) {
                int ic = runs.offsets[0][r];
                int ix = runs.offsets[1][r];
                int iy = runs.offsets[2][r];
                for (int i = 0, iz = r * len; i < len; i++, iz++, ic += cs, ix += xs, iy += ys) {
                    zd[iz] = cd[ic] ? xd[ix] : yd[iy];
                }
            }
        } else {
            // Any element type: copy one element at a time from X or Y.
            Object xd = x.data();
            Object yd = y.data();
            for (int r = 0; r < runs.count; r++) {
                int ic = runs.offsets[0][r];
                int ix = runs.offsets[1][r];
                int iy = runs.offsets[2][r];
                for (int i = 0, iz = r * len; i < len; i++, iz++, ic += cs, ix += xs, iy += ys) {
                    if (cd[ic]) System.arraycopy(xd, ix, z, iz, 1);
                    else System.arraycopy(yd, iy, z, iz, 1);
                }
            }
        }
        return new Tensor[] {Tensor.wrap(t, zs, z)};
    }

    // z = c ? x : y  =>  dX = dZ where c, dY = dZ where !c (each summed to its input's shape);
    // the condition gets none
    @Override
    public Tensor[] backward(Tensor[] inputs, Tensor[] outputs, Tensor[] dOutputs) {
        Tensor c = inputs[0];
        Tensor x = inputs[1];
        Tensor y = inputs[2];
        Tensor[] d = new Tensor[3];
        if (!GradData.differentiable(x)) return d;
        Shape zs = outputs[0].shape();
        boolean[] cd = c.booleans();
        int[] cMap = Broadcast.indexMap(c.shape(), zs);
        double[] dZ = GradData.read(dOutputs[0]);
        double[] dX = new double[dZ.length];
        double[] dY = new double[dZ.length];
        for (int i = 0; i < dZ.length; i++) {
            if (cd[cMap[i]]) dX[i] = dZ[i];
            else dY[i] = dZ[i];
        }
        d[1] = GradData.write(x.dtype(), x.shape(), GradReduce.sumTo(dX, zs, x.shape()));
        d[2] = GradData.write(y.dtype(), y.shape(), GradReduce.sumTo(dY, zs, y.shape()));
        return d;
    }
}
