package dev.kiln.ops.math;

import dev.kiln.runtime.graph.Node;
import dev.kiln.runtime.op.LoadContext;
import dev.kiln.runtime.tensor.Shape;
import dev.kiln.runtime.tensor.Tensor;

/**
 * The limited broadcasting of opsets 1 to 6 (Add, Sub, Mul, Div, Pow, Equal, Less, Greater, And,
 * Or, Xor): with {@code broadcast=1}, B is a single element or its shape is a contiguous run of
 * A's shape starting at {@code axis} (suffix matching when {@code axis} is absent); with
 * {@code broadcast=0}, A and B have the same shape. The result always has A's shape.
 *
 * <p>Example: A (2, 3, 4, 5), B (3, 4), axis=1 → B is read as (1, 3, 4, 1).
 */
final class LegacyBroadcast {
    private final boolean broadcast;
    private final Long axis;

    LegacyBroadcast(Node node) {
        this.broadcast = node.attributes().getInt("broadcast", 0) != 0;
        this.axis = node.attributes().has("axis") ? node.attributes().getInt("axis", 0) : null;
    }

    /**
     * The legacy broadcasting of {@code node} when the resolved registration predates
     * {@code numpySince} (the opset that introduced numpy broadcasting), else null.
     */
    static LegacyBroadcast before(int numpySince, Node node, LoadContext ctx) {
        return ctx.sinceVersion() < numpySince ? new LegacyBroadcast(node) : null;
    }

    /** B reshaped to A's rank so that numpy broadcasting gives the legacy result. */
    Tensor align(Tensor a, Tensor b) {
        Shape as = a.shape();
        Shape bs = b.shape();
        if (!broadcast) {
            if (!as.equals(bs)) {
                throw new IllegalArgumentException("inputs A " + as + " and B " + bs
                        + " must have the same shape when attribute 'broadcast' is 0");
            }
            return b;
        }
        if (bs.size() == 1) return b.reshape(Shape.SCALAR);
        int ra = as.rank();
        int rb = bs.rank();
        long start = axis == null ? ra - rb : (axis < 0 ? axis + ra : axis);
        if (start < 0 || start + rb > ra) {
            throw new IllegalArgumentException("input B " + bs + " does not fit into A " + as
                    + " at axis " + (axis == null ? "(suffix)" : axis));
        }
        long[] dims = new long[ra];
        for (int i = 0; i < ra; i++) dims[i] = 1;
        for (int i = 0; i < rb; i++) {
            long db = bs.dim(i);
            long da = as.dim((int) start + i);
            if (db != da && db != 1) {
                throw new IllegalArgumentException("input B " + bs + " does not match A " + as
                        + " at axis " + (start + i) + " (" + db + " vs " + da + ")");
            }
            dims[(int) start + i] = db;
        }
        return b.reshape(Shape.of(dims));
    }
}
