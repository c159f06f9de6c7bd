package dev.kiln.ops.shape;

import dev.kiln.ops.common.Args;
import dev.kiln.runtime.graph.Node;
import dev.kiln.runtime.op.TensorOp;
import dev.kiln.runtime.tensor.Tensor;
import java.util.Arrays;

/**
 * CenterCropPad: crops or zero-pads each listed axis to the target size, centred. A crop
 * starts at {@code floor((dim - size) / 2)}; a pad puts {@code floor((size - dim) / 2)} before
 * and the rest after.
 */
public final class CenterCropPad extends TensorOp {
    private final long[] axes;

    public CenterCropPad(Node node) {
        this.axes = node.attributes().getInts("axes", null);
    }

    @Override
    protected Tensor[] compute(Tensor[] inputs) {
        Tensor x = Inputs.required(inputs, 0, "input_data");
        long[] shape = Indices.read(Inputs.required(inputs, 1, "shape"), "shape");
        int r = x.rank();
        int[] ax;
        if (axes == null) {
            ax = new int[r];
            for (int i = 0; i < r; i++) ax[i] = i;
        } else {
            ax = Args.axes(axes, r, "axes value");
            Indices.requireDistinct(ax, "axes");
        }
        if (shape.length != ax.length) {
            throw new IllegalArgumentException("input 'shape' " + Arrays.toString(shape) + " has " + shape.length
                    + " values, expected one per axis (" + ax.length + ")");
        }
        long[] begins = new long[r];
        long[] ends = new long[r];
        for (int i = 0; i < ax.length; i++) {
            long dim = x.shape().dim(ax[i]);
            long size = shape[i];
            if (size < 0) throw new IllegalArgumentException("input 'shape' has a negative size " + size);
            long diff = size - dim;
            begins[ax[i]] = diff >= 0 ? diff / 2 : -((-diff) / 2);
            ends[ax[i]] = diff - begins[ax[i]];
        }
        return new Tensor[] {PadKernel.pad(x, begins, ends, PadKernel.Mode.CONSTANT, Moves.scalarOf(x.dtype(), 0))};
    }
}
