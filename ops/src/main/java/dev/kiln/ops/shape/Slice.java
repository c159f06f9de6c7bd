package dev.kiln.ops.shape;

import dev.kiln.ops.common.GradData;
import dev.kiln.runtime.graph.Node;
import dev.kiln.runtime.op.TensorOp;
import dev.kiln.runtime.tensor.Tensor;
import java.util.Arrays;

/**
 * Slice: takes {@code starts[i]:ends[i]:steps[i]} along {@code axes[i]}, numpy style. Negative
 * starts/ends count from the end and out-of-range values are clamped; a negative step walks
 * backwards. Opsets 1-9 read starts/ends/axes from attributes (step 1); opset 10+ from inputs
 * 1-4.
 */
public final class Slice extends TensorOp {
    private final long[] startsAttr;
    private final long[] endsAttr;
    private final long[] axesAttr;
    private final boolean fromAttributes;

    /** Opset 10+: starts, ends, axes and steps are inputs 1-4. */
    public Slice(Node node) {
        this.startsAttr = null;
        this.endsAttr = null;
        this.axesAttr = null;
        this.fromAttributes = false;
    }

    private Slice(long[] starts, long[] ends, long[] axes) {
        this.startsAttr = starts;
        this.endsAttr = ends;
        this.axesAttr = axes;
        this.fromAttributes = true;
    }

    /** Opsets 1-9: starts, ends and axes are attributes. */
    public static Slice v1(Node node) {
        var a = node.attributes();
        long[] starts = a.getInts("starts", null);
        long[] ends = a.getInts("ends", null);
        if (starts == null || ends == null) {
            throw new IllegalArgumentException("attributes 'starts' and 'ends' are required before opset 10");
        }
        return new Slice(starts, ends, a.getInts("axes", null));
    }

    @Override
    protected Tensor[] compute(Tensor[] inputs) {
        Tensor x = Inputs.required(inputs, 0, "data");
        long[] starts;
        long[] ends;
        long[] axes;
        long[] steps = null;
        if (fromAttributes) {
            starts = startsAttr;
            ends = endsAttr;
            axes = axesAttr;
        } else {
            starts = Indices.read(Inputs.required(inputs, 1, "starts"), "starts");
            ends = Indices.read(Inputs.required(inputs, 2, "ends"), "ends");
            axes = inputs.length > 3 && inputs[3] != null ? Indices.read(inputs[3], "axes") : null;
            steps = inputs.length > 4 && inputs[4] != null ? Indices.read(inputs[4], "steps") : null;
        }
        return new Tensor[] {slice(x, starts, ends, axes, steps)};
    }

    // y = x[starts:ends:steps]  =>  dX = zeros with dY written back where the slice read;
    // starts, ends, axes and steps get none
    @Override
    public Tensor[] backward(Tensor[] inputs, Tensor[] outputs, Tensor[] dOutputs) {
        Tensor x = inputs[0];
        Tensor[] d = new Tensor[inputs.length];
        if (!GradData.differentiable(x)) return d;
        View v = fromAttributes ? view(x, startsAttr, endsAttr, axesAttr, null)
                : view(x, Indices.read(inputs[1], "starts"), Indices.read(inputs[2], "ends"),
                        inputs.length > 3 && inputs[3] != null ? Indices.read(inputs[3], "axes") : null,
                        inputs.length > 4 && inputs[4] != null ? Indices.read(inputs[4], "steps") : null);
        int[] map = Moves.indexMap(v.base, v.dims, v.strides);
        double[] dy = GradData.read(dOutputs[0]);
        double[] dX = new double[x.size()];
        for (int k = 0; k < map.length; k++) dX[map[k]] = dy[k];
        d[0] = GradData.write(x.dtype(), x.shape(), dX);
        return d;
    }

    /** The numpy slice of {@code x}; {@code axes} and {@code steps} may be null (all axes, step 1). */
    static Tensor slice(Tensor x, long[] starts, long[] ends, long[] axes, long[] steps) {
        View v = view(x, starts, ends, axes, steps);
        return Moves.strided(x, v.base, v.dims, v.strides);
    }

    /** Where a slice reads: element {@code [i...]} is {@code x[base + Σ i_j * strides[j]]}. */
    private record View(long base, long[] dims, long[] strides) {}

    private static View view(Tensor x, long[] starts, long[] ends, long[] axes, long[] steps) {
        int r = x.rank();
        int n = starts.length;
        if (ends.length != n || (axes != null && axes.length != n) || (steps != null && steps.length != n)) {
            throw new IllegalArgumentException("starts, ends, axes and steps must have the same length; got "
                    + Arrays.toString(starts) + ", " + Arrays.toString(ends) + ", " + Arrays.toString(axes)
                    + ", " + Arrays.toString(steps));
        }
        long[] dims = x.shape().dims();
        long[] strides = x.shape().strides();
        long[] outDims = dims.clone();
        long[] outStrides = strides.clone();
        long base = 0;
        boolean[] seen = new boolean[r];
        for (int i = 0; i < n; i++) {
            long axis = axes == null ? i : axes[i];
            long a = axis < 0 ? axis + r : axis;
            if (a < 0 || a >= r) {
                throw new IllegalArgumentException("axes value " + axis + " is out of range for rank " + r);
            }
            int ax = (int) a;
            if (seen[ax]) throw new IllegalArgumentException("axes repeats axis " + axis);
            seen[ax] = true;
            long step = steps == null ? 1 : steps[i];
            if (step == 0) throw new IllegalArgumentException("steps value for axis " + axis + " is 0");
            long dim = dims[ax];
            long start = starts[i] < 0 ? starts[i] + dim : starts[i];
            long end = ends[i] < 0 ? ends[i] + dim : ends[i];
            long count;
            if (step > 0) {
                start = clamp(start, 0, dim);
                end = clamp(end, 0, dim);
                count = end > start ? (end - start + step - 1) / step : 0;
            } else {
                start = clamp(start, -1, dim - 1);
                end = clamp(end, -1, dim - 1);
                count = start > end ? (start - end - step - 1) / -step : 0;
            }
            outDims[ax] = count;
            outStrides[ax] = strides[ax] * step;
            if (count > 0) base += start * strides[ax];
        }
        return new View(base, outDims, outStrides);
    }

    private static long clamp(long v, long lo, long hi) {
        return Math.max(lo, Math.min(hi, v));
    }
}
