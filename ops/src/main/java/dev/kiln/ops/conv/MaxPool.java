package dev.kiln.ops.conv;

import dev.kiln.ops.common.Floats;
import dev.kiln.runtime.graph.Node;
import dev.kiln.runtime.op.TensorOp;
import dev.kiln.runtime.tensor.DType;
import dev.kiln.runtime.tensor.MemoryBudget;
import dev.kiln.runtime.tensor.Shape;
import dev.kiln.runtime.tensor.Tensor;

/**
 * MaxPool: the maximum over each window (padding never wins), with optional Indices output
 * holding the flat input index of each maximum (row-major, or column-major over the spatial
 * axes with {@code storage_order=1}).
 */
public final class MaxPool extends TensorOp {
    private final Window window;
    private final boolean ceilMode;
    private final boolean columnMajor;
    private final boolean wantIndices;

    public MaxPool(Node node) {
        this.window = new Window(node.attributes());
        this.ceilMode = node.attributes().getInt("ceil_mode", 0) != 0;
        this.columnMajor = node.attributes().getInt("storage_order", 0) != 0;
        this.wantIndices = !node.output(1).isEmpty();
        window.requireKernelShape();
    }

    // X: (N, C, D1..Dk) → Y: (N, C, O1..Ok), Indices: int64 (N, C, O1..Ok)
    @Override
    protected Tensor[] compute(Tensor[] inputs) {
        Tensor x = ConvShapes.require(inputs, 0, "X");
        Geometry g = geometry(x);
        int batch = x.shape().dimInt(0), channels = x.shape().dimInt(1);
        Shape out = ConvShapes.outShape(batch, channels, g.out);
        MemoryBudget.check(DType.FLOAT64, out);
        if (Floats.isFloat32Like(x.dtype()) && !wantIndices) {
            // the 16-bit types widen and narrow exactly: a maximum is one of the inputs
            float[] y = new Pooling(g).maxFloat(Floats.widen(x), batch * channels);
            return new Tensor[] {Floats.narrow(x.dtype(), out, y)};
        }
        long[] indices = wantIndices ? new long[out.sizeInt()] : null;
        double[] y = new Pooling(g).run(x.toDoubleArray(), batch * channels, Pooling.Kind.MAX, false, 0,
                indices, columnMajor);
        Tensor yt = Tensor.fromDoubles(x.dtype(), out, y);
        if (!wantIndices) return new Tensor[] {yt};
        return new Tensor[] {yt, Tensor.wrap(DType.INT64, out, indices)};
    }

    // Y[o] = X[argmax(o)], the first maximum of window(o)  =>  dX[argmax(o)] += dY[o]
    // (Indices is integer-valued: no gradient flows from it)
    @Override
    public Tensor[] backward(Tensor[] inputs, Tensor[] outputs, Tensor[] dOutputs) {
        Tensor x = ConvShapes.require(inputs, 0, "X");
        Geometry g = geometry(x);
        if (!x.dtype().isFloatingPoint()) return new Tensor[] {null};
        int planes = x.shape().dimInt(0) * x.shape().dimInt(1);
        long[] argmax = new long[planes * g.outSize()];
        new Pooling(g).run(x.toDoubleArray(), planes, Pooling.Kind.MAX, false, 0, argmax, false);
        Tensor dy = dOutputs[0];
        double[] dx = new double[x.size()];
        for (int o = 0; o < argmax.length; o++) {
            if (argmax[o] >= 0) dx[(int) argmax[o]] += dy.getDouble(o);
        }
        return new Tensor[] {Tensor.fromDoubles(x.dtype(), x.shape(), dx)};
    }

    private Geometry geometry(Tensor x) {
        DType t = x.dtype();
        if (!(t == DType.INT8 || t == DType.UINT8 || (t.isFloatingPoint() && !t.isNarrow()))) {
            throw new IllegalArgumentException("input X must be a float, int8 or uint8 tensor, got " + t);
        }
        if (x.rank() < 3) {
            throw new IllegalArgumentException("input X must have shape (N, C, D1, ...), got " + x.shape());
        }
        int[] in = Geometry.spatial(x.shape().dims());
        return window.resolve(in, window.kernel(null, in.length), ceilMode);
    }
}
