package dev.kiln.ops.string;

import dev.kiln.ops.common.Broadcast;
import dev.kiln.runtime.graph.Node;
import dev.kiln.runtime.op.TensorOp;
import dev.kiln.runtime.tensor.DType;
import dev.kiln.runtime.tensor.Shape;
import dev.kiln.runtime.tensor.Tensor;

/** StringConcat: {@code Z = X + Y} elementwise on string tensors, with numpy broadcasting. */
public final class StringConcat extends TensorOp {
    public StringConcat(Node node) {}

    @Override
    protected Tensor[] compute(Tensor[] inputs) {
        Tensor x = StringArgs.strings(inputs[0], "X");
        Tensor y = StringArgs.strings(inputs[1], "Y");
        Shape out = Broadcast.shape(x.shape(), y.shape());
        int[] xi = Broadcast.indexMap(x.shape(), out);
        int[] yi = Broadcast.indexMap(y.shape(), out);
        String[] xs = x.strings();
        String[] ys = y.strings();
        String[] z = new String[out.sizeInt()];
        for (int i = 0; i < z.length; i++) z[i] = xs[xi[i]].concat(ys[yi[i]]);
        return new Tensor[] {Tensor.wrap(DType.STRING, out, z)};
    }
}
