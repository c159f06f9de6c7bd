package dev.kiln.ops.shape;

import dev.kiln.runtime.graph.Node;
import dev.kiln.runtime.op.TensorOp;
import dev.kiln.runtime.tensor.Shape;
import dev.kiln.runtime.tensor.Tensor;

/**
 * TensorScatter: a KV-cache update. A copy of {@code past_cache} (B, ..., S_max, ...) where,
 * for each batch entry b, positions {@code write_indices[b] + s} along {@code axis} (modulo
 * S_max in circular mode) receive slice s of {@code update} (B, ..., S, ...).
 */
public final class TensorScatter extends TensorOp {
    private final long axis;
    private final boolean circular;

    public TensorScatter(Node node) {
        this.axis = node.attributes().getInt("axis", -2);
        String mode = node.attributes().getString("mode", "linear");
        if (!mode.equals("linear") && !mode.equals("circular")) {
            throw new IllegalArgumentException("attribute 'mode' is '" + mode + "', expected linear or circular");
        }
        this.circular = mode.equals("circular");
    }

    @Override
    protected Tensor[] compute(Tensor[] inputs) {
        Tensor past = Inputs.required(inputs, 0, "past_cache");
        Tensor update = Inputs.required(inputs, 1, "update");
        int r = past.rank();
        int ax = Shape.normalizeAxis((int) axis, r);
        if (ax == 0) throw new IllegalArgumentException("attribute 'axis' cannot be the batch axis 0");
        if (update.rank() != r || update.dtype() != past.dtype()) {
            throw new IllegalArgumentException("input 'update' " + update.describe() + " must match past_cache "
                    + past.describe() + " in type and rank");
        }
        long[] pd = past.shape().dims();
        long[] ud = update.shape().dims();
        for (int i = 0; i < r; i++) {
            if (i != ax && pd[i] != ud[i]) {
                throw new IllegalArgumentException("input 'update' " + update.shape() + " differs from past_cache "
                        + past.shape() + " outside axis " + ax);
            }
        }
        long maxSeq = pd[ax];
        long seq = ud[ax];
        if (seq > maxSeq) {
            throw new IllegalArgumentException("update sequence length " + seq + " exceeds the cache length " + maxSeq);
        }
        long batch = pd[0];
        long[] writes = new long[(int) batch];
        if (inputs.length > 2 && inputs[2] != null) {
            long[] w = Indices.read(inputs[2], "write_indices");
            if (w.length != batch) {
                throw new IllegalArgumentException("input 'write_indices' has " + w.length
                        + " values, expected the batch size " + batch);
            }
            writes = w;
        }
        Tensor y = past.copy();
        int inner = (int) Moves.product(pd, ax + 1, r);
        long prefixPerBatch = Moves.product(pd, 1, ax);
        if (inner == 0) return new Tensor[] {y};
        for (int b = 0; b < batch; b++) {
            long w = writes[b];
            if (!circular && (w < 0 || w + seq > maxSeq)) {
                throw new IllegalArgumentException("write_indices[" + b + "] = " + w + " with " + seq
                        + " updates does not fit a cache of length " + maxSeq + " in linear mode");
            }
            for (long p = 0; p < prefixPerBatch; p++) {
                long prefix = b * prefixPerBatch + p;
                for (long s = 0; s < seq; s++) {
                    long pos = circular ? Math.floorMod(w + s, maxSeq) : w + s;
                    System.arraycopy(update.data(), (int) ((prefix * seq + s) * inner),
                            y.data(), (int) ((prefix * maxSeq + pos) * inner), inner);
                }
            }
        }
        return new Tensor[] {y};
    }
}
