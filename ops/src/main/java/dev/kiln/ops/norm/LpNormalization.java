package dev.kiln.ops.norm;

import dev.kiln.runtime.graph.Node;
import dev.kiln.runtime.op.TensorOp;
import dev.kiln.runtime.tensor.Tensor;

/** LpNormalization: {@code X / ||X||_p} along one axis (p is 1 or 2); a zero norm gives zero. */
public final class LpNormalization extends TensorOp {
    private final long axis;
    private final int p;

    public LpNormalization(Node node) {
        this.axis = node.attributes().getInt("axis", -1);
        this.p = (int) node.attributes().getInt("p", 2);
        if (p != 1 && p != 2) throw new IllegalArgumentException("attribute 'p' must be 1 or 2, got " + p);
    }

    // X: (d0..dr-1) → Y like X
    @Override
    protected Tensor[] compute(Tensor[] inputs) {
        Tensor x = Values.require(inputs, 0, "input");
        Values.requireFloat(x, "input");
        int r = x.rank();
        int a = RowStats.axis(axis, r);
        int outer = (int) x.shape().sizeBetween(0, a), n = x.shape().dimInt(a);
        int inner = (int) x.shape().sizeBetween(a + 1, r);
        Values in = Values.of(x, "input");
        Values out = Values.alloc(x.dtype(), x.size());
        for (int o = 0; o < outer; o++) {
            for (int i = 0; i < inner; i++) {
                int base = o * n * inner + i;
                double norm = 0;
                for (int j = 0; j < n; j++) {
                    double v = in.get(base + j * inner);
                    norm += p == 1 ? Math.abs(v) : v * v;
                }
                if (p == 2) norm = Math.sqrt(norm);
                for (int j = 0; j < n; j++) {
                    out.set(base + j * inner, norm == 0 ? 0 : in.get(base + j * inner) / norm);
                }
            }
        }
        return new Tensor[] {out.toTensor(x.dtype(), x.shape())};
    }
}
