package dev.kiln.ops.fused;

import dev.kiln.ops.common.Broadcast;
import dev.kiln.ops.common.Parallel;
import dev.kiln.ops.common.Vectors;
import dev.kiln.ops.linalg.MatMul;
import dev.kiln.ops.linalg.Sgemm;
import dev.kiln.ops.math.Add;
import dev.kiln.ops.math.Div;
import dev.kiln.ops.math.Mul;
import dev.kiln.ops.norm.Softmax;
import dev.kiln.ops.shape.Transpose;
import dev.kiln.runtime.exec.RunBuffers;
import dev.kiln.runtime.exec.CompiledGraph;
import dev.kiln.runtime.graph.Attribute;
import dev.kiln.runtime.graph.Attributes;
import dev.kiln.runtime.graph.Graph;
import dev.kiln.runtime.graph.Node;
import dev.kiln.runtime.op.LoadContext;
import dev.kiln.runtime.op.Op;
import dev.kiln.runtime.op.TensorOp;
import dev.kiln.runtime.tensor.DType;
import dev.kiln.runtime.tensor.Shape;
import dev.kiln.runtime.tensor.Tensor;
import dev.kiln.runtime.tensor.Value;
import java.util.Arrays;
import java.util.List;

/**
 * dev.kiln:Attention: {@code O = Softmax(MatMul(Q, Kt) / c + mask) @ V} (or {@code * c} when
 * {@code divide} is 0; the mask is optional; c is the fifth input, or attribute {@code scale}
 * when absent). Stands for the MatMul/Div/Add/Softmax/MatMul
 * chain that exporters write, to within float32 rounding (the tests bound it).
 *
 * <p>The fast path (float32, equal batch dims, Softmax over the last axis, a mask that broadcasts
 * to the scores) works one (batch, head) at a time, heads spread over the intra-op threads as the
 * MatMul op spreads its batched products: the score block of that head is computed into
 * a per-thread scratch with the same GEMM call the MatMul op makes for that head, scaled,
 * masked and normalized in place ({@link AttentionSoftmax}, or the Softmax op itself without the
 * Vector API) and multiplied by V straight into the output. The full (B, H, S, T) score tensor never exists. Every other case runs the reference:
 * the five standard ops in sequence.
 *
 * <p>With attribute {@code layout} = 1 the node also stands for the Transposes around the chain
 * that split heads: Q and V arrive as (B, S, H, D) and K as (B, T, H, D), as the projections
 * produce them, and O leaves as (B, S, H, Dv); the fast path reads each head in place through
 * the GEMM's leading dimensions, so no transposed copy is made.
 */
public final class Attention extends TensorOp {
    private static final ThreadLocal<float[]> SCRATCH = ThreadLocal.withInitial(() -> new float[0]);

    private final float scale;
    private final boolean divide;
    private final long axis;
    private final boolean coerce;
    private final Op rowSoftmax;
    private final Op matmul;
    private final Op scaleOp;
    private final Op add;
    private final Op softmax;
    /** Whether Q, K, V and O are (B, S, H, D) with K untransposed (attribute {@code layout} = 1). */
    private final boolean interleaved;
    private final Op toHeads = new Transpose(plain("Transpose", Attribute.ofInts("perm", 0, 2, 1, 3)));
    private final Op toKt = new Transpose(plain("Transpose", Attribute.ofInts("perm", 0, 2, 3, 1)));

    public Attention(Node node) {
        Attributes at = node.attributes();
        this.interleaved = at.getInt("layout", 0) == 1;
        this.scale = at.getFloat("scale", 1f);
        this.divide = at.getInt("divide", 1) != 0;
        this.coerce = at.getInt("coerce", 0) != 0;
        this.axis = at.getInt("axis", coerce ? 1 : -1);
        this.rowSoftmax = new Softmax(plain("Softmax", Attribute.of("axis", -1L)), context(13));
        this.matmul = new MatMul(plain("MatMul"));
        this.scaleOp = divide ? new Div(plain("Div"), context(14)) : new Mul(plain("Mul"), context(14));
        this.add = new Add(plain("Add"), context(14));
        this.softmax = new Softmax(plain("Softmax", Attribute.of("axis", axis)), context(coerce ? 11 : 13));
    }

    // Q: (..., S, D), Kt: (..., D, T), V: (..., T, Dv), mask: broadcast to (..., S, T), c: one value
    //   → O: (..., S, Dv)
    // layout 1: Q: (B, S, H, D), K: (B, T, H, D), V: (B, T, H, Dv) → O: (B, S, H, Dv), mask
    //   broadcast to the scores (B, H, S, T)
    @Override
    protected Tensor[] compute(Tensor[] in) {
        Tensor q = MatMulAdd.require(in, 0, "Q"), kt = MatMulAdd.require(in, 1, interleaved ? "K" : "Kt");
        Tensor v = MatMulAdd.require(in, 2, "V");
        Tensor mask = in.length > 3 ? in[3] : null;
        Tensor c = in.length > 4 && in[4] != null ? in[4] : Tensor.scalar(scale);
        if (!fastPath(q, kt, v, mask, c)) return new Tensor[] {reference(q, kt, v, mask, c)};
        float cv = c.floats()[0];
        int r = q.rank();
        // heads: the (batch, head) pairs; rows of Q, K, V and O step by `*Step` floats
        int s, d, t, dv, heads, perBatch, qStep, kStep, vStep, oStep;
        Shape batch;
        long[] outDims = q.shape().dims();
        if (interleaved) {
            s = q.shape().dimInt(1);
            perBatch = q.shape().dimInt(2);
            d = q.shape().dimInt(3);
            t = kt.shape().dimInt(1);
            dv = v.shape().dimInt(3);
            batch = Shape.of(q.shape().dim(0), perBatch);
            qStep = perBatch * d;
            kStep = perBatch * d;
            vStep = perBatch * dv;
            oStep = perBatch * dv;
            outDims[3] = dv;
        } else {
            s = q.shape().dimInt(r - 2);
            d = q.shape().dimInt(r - 1);
            t = kt.shape().dimInt(r - 1);
            dv = v.shape().dimInt(r - 1);
            batch = Shape.of(Arrays.copyOf(q.shape().dims(), r - 2));
            perBatch = 1;
            qStep = d;
            kStep = t;
            vStep = dv;
            oStep = dv;
            outDims[r - 1] = dv;
        }
        heads = batch.sizeInt();
        int hb = perBatch;
        float[] out = RunBuffers.floats(heads * s * dv);
        float[] qv = q.floats(), kv = kt.floats(), vv = v.floats();
        MaskLayout ml = mask == null ? null : new MaskLayout(mask.shape(), batch, batch.rank() + 2);
        float[] mv = mask == null ? null : mask.floats();
        // one (batch, head) per task, on as many threads as the MatMul op would give Q Kt, so that
        // each head's GEMM runs in the same threading context as in the unfused graph
        int threads = (long) heads * s * t * d < (1L << 22) ? 1 : Parallel.threads();
        Parallel.forEach(heads, threads, i -> {
            // the score block is wrapped as a tensor for the Softmax op, so it must have its exact size
            float[] scores = SCRATCH.get();
            if (scores.length != s * t) {
                scores = new float[s * t];
                SCRATCH.set(scores);
            }
            int b = i / hb, h = i % hb;
            if (interleaved) {
                // scores (S, T) = Q[b, :, h, :] (S, D) * K[b, :, h, :]^T (D, T)
                Sgemm.gemm(false, true, s, t, d, 1f, qv, (b * s * hb + h) * d, qStep,
                        kv, (b * t * hb + h) * d, kStep, 0f, scores, 0, t);
            } else {
                // scores (S, T) = Q[i] (S, D) * Kt[i] (D, T)
                Sgemm.multiply(s, t, d, qv, i * s * d, kv, i * d * t, scores, 0);
            }
            int mBase = ml == null ? 0 : ml.base(i);
            float[] p;
            if (Vectors.ENABLED) {
                AttentionSoftmax.rows(scores, s, t, cv, divide, mv, mBase, ml == null ? 0 : ml.rowStride,
                        ml == null ? 0 : ml.colStride);
                p = scores;
            } else {
                for (int row = 0; row < s; row++) {
                    int o = row * t, mRow = ml == null ? 0 : mBase + row * ml.rowStride;
                    for (int j = 0; j < t; j++) {
                        float x = divide ? scores[o + j] / cv : scores[o + j] * cv;
                        if (mv != null) x = x + mv[mRow + j * ml.colStride];
                        scores[o + j] = x;
                    }
                }
                Tensor block = Tensor.wrap(DType.FLOAT32, Shape.of(s, t), scores);
                p = ((Tensor) rowSoftmax.forward(new Value[] {block}, null)[0]).floats();
            }
            if (interleaved) {
                // O[b, :, h, :] (S, Dv) = P (S, T) * V[b, :, h, :] (T, Dv)
                Sgemm.gemm(false, false, s, dv, t, 1f, p, 0, t, vv, (b * t * hb + h) * dv, vStep,
                        0f, out, (b * s * hb + h) * dv, oStep);
            } else {
                // O[i] (S, Dv) = P (S, T) * V[i] (T, Dv)
                Sgemm.multiply(s, dv, t, p, 0, vv, i * t * dv, out, i * s * dv);
            }
        });
        return new Tensor[] {Tensor.wrap(DType.FLOAT32, Shape.of(outDims), out)};
    }

    /**
     * The reference: MatMul, Div (or Mul) by {@code c}, Add, Softmax and MatMul, as standard ops
     * (with layout 1, between Transposes of the inputs to heads-first and of the output back).
     */
    public Tensor reference(Tensor q, Tensor kt, Tensor v, Tensor mask, Tensor c) {
        if (interleaved) {
            Tensor o = headsFirst(heads(q), kt(kt), heads(v), mask, c);
            return (Tensor) toHeads.forward(new Value[] {o}, null)[0];
        }
        return headsFirst(q, kt, v, mask, c);
    }

    private Tensor heads(Tensor x) { return (Tensor) toHeads.forward(new Value[] {x}, null)[0]; }

    private Tensor kt(Tensor k) { return (Tensor) toKt.forward(new Value[] {k}, null)[0]; }

    private Tensor headsFirst(Tensor q, Tensor kt, Tensor v, Tensor mask, Tensor c) {
        Value s = matmul.forward(new Value[] {q, kt}, null)[0];
        Value m = scaleOp.forward(new Value[] {s, c}, null)[0];
        if (mask != null) m = add.forward(new Value[] {m, mask}, null)[0];
        Value p = softmax.forward(new Value[] {m}, null)[0];
        return (Tensor) matmul.forward(new Value[] {p, v}, null)[0];
    }

    private boolean fastPath(Tensor q, Tensor kt, Tensor v, Tensor mask, Tensor c) {
        if (c.dtype() != DType.FLOAT32 || c.size() != 1 || c.rank() > 1) return false;
        for (Tensor x : new Tensor[] {q, kt, v, mask}) if (x != null && x.dtype() != DType.FLOAT32) return false;
        long[] qd = q.shape().dims(), kd = kt.shape().dims(), vd = v.shape().dims();
        if (interleaved) {
            // (B, S, H, D), (B, T, H, D), (B, T, H, Dv): check them as their heads-first views
            if (qd.length != 4 || kd.length != 4 || vd.length != 4) return false;
            qd = new long[] {qd[0], qd[2], qd[1], qd[3]};
            kd = new long[] {kd[0], kd[2], kd[3], kd[1]};
            vd = new long[] {vd[0], vd[2], vd[1], vd[3]};
        }
        int r = qd.length;
        if (r < 2 || kd.length != r || vd.length != r) return false;
        for (int i = 0; i < r - 2; i++) if (qd[i] != kd[i] || qd[i] != vd[i]) return false;
        if (qd[r - 1] != kd[r - 2] || kd[r - 1] != vd[r - 2]) return false;
        long a = axis < 0 ? axis + r : axis;
        if (a != r - 1) return false;
        if (mask == null) return true;
        long[] scoreDims = qd.clone();
        scoreDims[r - 1] = kd[r - 1];
        if (mask.rank() > r) return false;
        for (int i = 1; i <= mask.rank(); i++) {
            long md = mask.shape().dim(mask.rank() - i);
            if (md != 1 && md != scoreDims[r - i]) return false;
        }
        return true;
    }

    /** Where the mask row of batch b starts and how rows and columns step, for a mask broadcast to the scores. */
    private static final class MaskLayout {
        final int[] batchIndex;
        final int block;
        final int rowStride;
        final int colStride;

        MaskLayout(Shape mask, Shape batch, int r) {
            long[] md = new long[r];
            Arrays.fill(md, 1);
            long[] given = mask.dims();
            System.arraycopy(given, 0, md, r - given.length, given.length);
            this.colStride = md[r - 1] == 1 ? 0 : 1;
            this.rowStride = md[r - 2] == 1 ? 0 : (int) md[r - 1];
            this.block = (int) (md[r - 2] * md[r - 1]);
            this.batchIndex = Broadcast.indexMap(Shape.of(Arrays.copyOf(md, r - 2)), batch);
        }

        int base(int b) { return batchIndex[b] * block; }
    }

    /** A bare node for building a standard op that the fused ops run as their reference. */
    static Node plain(String op, Attribute... attrs) {
        return new Node("fused/" + op, "", op, List.of(), List.of(), new Attributes(List.of(attrs)));
    }

    /** A load context at opset {@code since}, for building a standard op directly. */
    static LoadContext context(int since) {
        return new LoadContext() {
            @Override public int opset() { return since; }
            @Override public int sinceVersion() { return since; }
            @Override public CompiledGraph compile(Graph subgraph) {
                throw new IllegalStateException("attention has no subgraphs");
            }
        };
    }
}
