package dev.kiln.ops.attention;

import dev.kiln.runtime.graph.Node;
import dev.kiln.runtime.op.TensorOp;
import dev.kiln.runtime.tensor.DType;
import dev.kiln.runtime.tensor.Shape;
import dev.kiln.runtime.tensor.Tensor;
import java.util.Arrays;

/**
 * Attention (opset 23, 24): {@code Y = softmax(softcap(scale * Q K^T) + bias) V}, where the bias
 * combines {@code attn_mask}, the causal frontier and the {@code nonpad_kv_seqlen} padding.
 *
 * <p>Letters: B batch, Hq query heads, Hkv key/value heads, S query length, L new key length,
 * P past length, T = P + L total key length, D query/key head size, Dv value head size.
 * Inputs are either heads-first {@code Q: (B, Hq, S, D)} or packed {@code Q: (B, S, Hq*D)} (with the
 * {@code q_num_heads}/{@code kv_num_heads} attributes). Query head {@code h} reads key/value head
 * {@code h / (Hq / Hkv)} (grouped-query attention). Scores are computed in double precision, which
 * covers every {@code softmax_precision}; a row with no attended key gives zeros, not NaN.
 */
public final class Attention extends TensorOp {
    private final boolean causal;
    private final int qNumHeads;
    private final int kvNumHeads;
    private final int qkMode;
    private final boolean hasScale;
    private final double scale;
    private final double softcap;
    private final boolean wantQk;

    public Attention(Node node) {
        var a = node.attributes();
        this.causal = a.getInt("is_causal", 0) != 0;
        this.qNumHeads = (int) a.getInt("q_num_heads", 0);
        this.kvNumHeads = (int) a.getInt("kv_num_heads", 0);
        this.qkMode = (int) a.getInt("qk_matmul_output_mode", 0);
        this.hasScale = a.has("scale");
        this.scale = a.getFloat("scale", 0f);
        this.softcap = a.getFloat("softcap", 0f);
        long precision = a.getInt("softmax_precision", DType.FLOAT32.onnxCode());
        if (!DType.fromOnnx((int) precision).isFloatingPoint()) {
            throw new IllegalArgumentException("attribute 'softmax_precision' must name a float type, got " + precision);
        }
        if (qkMode < 0 || qkMode > 3) {
            throw new IllegalArgumentException("attribute 'qk_matmul_output_mode' must be 0..3, got " + qkMode);
        }
        this.wantQk = !node.output(3).isEmpty();
    }

    @Override
    protected Tensor[] compute(Tensor[] in) {
        Tensor q = in[0], k = in[1], v = in[2];
        Tensor mask = in.length > 3 ? in[3] : null;
        Tensor pastK = in.length > 4 ? in[4] : null, pastV = in.length > 5 ? in[5] : null;
        Tensor nonpad = in.length > 6 ? in[6] : null;
        Heads.requireFloat(q, "Q");
        Heads.requireFloat(k, "K");
        Heads.requireFloat(v, "V");
        int rank = q.rank();
        if ((rank != 3 && rank != 4) || k.rank() != rank || v.rank() != rank) {
            throw new IllegalArgumentException("inputs Q, K, V must all be 3-D or all 4-D, got "
                    + q.describe() + ", " + k.describe() + ", " + v.describe());
        }
        if ((pastK == null) != (pastV == null)) {
            throw new IllegalArgumentException("inputs 'past_key' and 'past_value' must be given together");
        }
        // q4: (B, Hq, S, D), k4: (B, Hkv, L, D), v4: (B, Hkv, L, Dv)
        Tensor q4 = q, k4 = k, v4 = v;
        if (rank == 3) {
            if (qNumHeads <= 0 || kvNumHeads <= 0) {
                throw new IllegalArgumentException("3-D inputs need positive attributes 'q_num_heads' and 'kv_num_heads'");
            }
            q4 = Heads.unpack(q, qNumHeads, "Q");
            k4 = Heads.unpack(k, kvNumHeads, "K");
            v4 = Heads.unpack(v, kvNumHeads, "V");
        }
        int b = q4.shape().dimInt(0), hq = q4.shape().dimInt(1), s = q4.shape().dimInt(2), d = q4.shape().dimInt(3);
        int hkv = k4.shape().dimInt(1), l = k4.shape().dimInt(2), dv = v4.shape().dimInt(3);
        if (k4.shape().dim(0) != b || v4.shape().dim(0) != b || k4.shape().dim(3) != d
                || v4.shape().dim(1) != hkv || v4.shape().dim(2) != l) {
            throw new IllegalArgumentException("inputs Q " + q.shape() + ", K " + k.shape() + ", V " + v.shape()
                    + " do not agree on batch, heads, key length or head size");
        }
        if (hkv == 0 || hq % hkv != 0) {
            throw new IllegalArgumentException("query heads " + hq + " must be a multiple of key/value heads " + hkv);
        }
        // present: (B, Hkv, T, D) and (B, Hkv, T, Dv)
        Tensor presentK = pastK == null ? k4 : Heads.concatSeq(pastK, k4, "past_key");
        Tensor presentV = pastV == null ? v4 : Heads.concatSeq(pastV, v4, "past_value");
        int past = pastK == null ? 0 : pastK.shape().dimInt(2);
        int t = presentK.shape().dimInt(2);
        if (presentV.shape().dimInt(2) != t) {
            throw new IllegalArgumentException("inputs 'past_key' and 'past_value' have different lengths");
        }
        long[] valid = nonpadLengths(nonpad, b);
        MaskView mv = mask == null ? null : new MaskView(mask, b, hq, s, t);

        double[] qd = q4.toDoubleArray(), kd = presentK.toDoubleArray(), vd = presentV.toDoubleArray();
        double sc = hasScale ? scale : 1.0 / Math.sqrt(d);
        int group = hq / hkv;
        double[] y = new double[b * hq * s * dv];
        double[] qk = wantQk ? new double[b * hq * s * t] : null;
        double[] row = new double[t];
        for (int bi = 0; bi < b; bi++) {
            long offset = pastK != null ? past : valid != null ? valid[bi] - s : 0;
            for (int h = 0; h < hq; h++) {
                int kvBase = (bi * hkv + h / group) * t;
                for (int i = 0; i < s; i++) {
                    int qOff = ((bi * hq + h) * s + i) * d;
                    int qkOff = ((bi * hq + h) * s + i) * t;
                    double max = Double.NEGATIVE_INFINITY;
                    for (int j = 0; j < t; j++) {
                        int kOff = (kvBase + j) * d;
                        double dot = 0;
                        for (int e = 0; e < d; e++) dot += qd[qOff + e] * kd[kOff + e];
                        double x = sc * dot;
                        if (qk != null && qkMode == 0) qk[qkOff + j] = x;
                        if (softcap > 0) x = softcap * Math.tanh(x / softcap);
                        if (qk != null && qkMode == 1) qk[qkOff + j] = x;
                        if (mv != null) x += mv.bias(bi, h, i, j);
                        if (causal && j > i + offset) x = Double.NEGATIVE_INFINITY;
                        if (valid != null && j >= valid[bi]) x = Double.NEGATIVE_INFINITY;
                        if (qk != null && qkMode == 2) qk[qkOff + j] = x;
                        row[j] = x;
                        if (x > max) max = x;
                    }
                    int yOff = rank == 4 ? ((bi * hq + h) * s + i) * dv : ((bi * s + i) * hq + h) * dv;
                    if (max == Double.NEGATIVE_INFINITY) {
                        // fully masked row: zero probabilities and zero output (already zero)
                        if (qk != null && qkMode == 3) Arrays.fill(qk, qkOff, qkOff + t, 0.0);
                        continue;
                    }
                    double sum = 0;
                    for (int j = 0; j < t; j++) {
                        row[j] = Math.exp(row[j] - max);
                        sum += row[j];
                    }
                    for (int j = 0; j < t; j++) {
                        double p = row[j] / sum;
                        if (qk != null && qkMode == 3) qk[qkOff + j] = p;
                        if (p == 0) continue;
                        int vOff = (kvBase + j) * dv;
                        for (int e = 0; e < dv; e++) y[yOff + e] += p * vd[vOff + e];
                    }
                }
            }
        }
        Shape yShape = rank == 4 ? Shape.of(b, hq, s, dv) : Shape.of(b, s, hq * dv);
        Tensor[] out = new Tensor[4];
        out[0] = Tensor.fromDoubles(q.dtype(), yShape, y);
        out[1] = presentK;
        out[2] = presentV;
        if (qk != null) out[3] = Tensor.fromDoubles(q.dtype(), Shape.of(b, hq, s, t), qk);
        return out;
    }

    private static long[] nonpadLengths(Tensor nonpad, int b) {
        if (nonpad == null) return null;
        if (nonpad.dtype() != DType.INT64 || nonpad.size() != b) {
            throw new IllegalArgumentException("input 'nonpad_kv_seqlen' must be int64 of shape (" + b + "), got "
                    + nonpad.describe());
        }
        return nonpad.longs();
    }

    /**
     * {@code attn_mask} viewed as broadcast to (B, Hq, S, T): bool true → 0, false → -inf; numbers
     * are added. A last axis shorter than T is padded with -inf.
     */
    private static final class MaskView {
        private final Tensor mask;
        private final boolean bool;
        private final int strideB, strideH, strideS, width;

        MaskView(Tensor mask, int b, int hq, int s, int t) {
            int r = mask.rank();
            if (r < 1 || r > 4) {
                throw new IllegalArgumentException("input 'attn_mask' must have rank 1 to 4, got " + mask.describe());
            }
            long[] dims = new long[4];
            Arrays.fill(dims, 1);
            for (int i = 0; i < r; i++) dims[4 - r + i] = mask.shape().dim(i);
            long[] want = {b, hq, s, t};
            for (int i = 0; i < 3; i++) {
                if (dims[i] != 1 && dims[i] != want[i]) {
                    throw new IllegalArgumentException("input 'attn_mask' of shape " + mask.shape()
                            + " does not broadcast to " + Arrays.toString(want));
                }
            }
            if (dims[3] > t) {
                throw new IllegalArgumentException("input 'attn_mask' last axis " + dims[3]
                        + " is longer than the total key length " + t);
            }
            this.mask = mask;
            this.bool = mask.dtype() == DType.BOOL;
            this.width = (int) dims[3];
            this.strideS = dims[2] == 1 ? 0 : width;
            this.strideH = dims[1] == 1 ? 0 : (int) (dims[2] * width);
            this.strideB = dims[0] == 1 ? 0 : (int) (dims[1] * dims[2] * width);
        }

        double bias(int bi, int h, int i, int j) {
            if (j >= width) return Double.NEGATIVE_INFINITY;
            int idx = bi * strideB + h * strideH + i * strideS + j;
            if (bool) return mask.booleans()[idx] ? 0 : Double.NEGATIVE_INFINITY;
            return mask.getDouble(idx);
        }
    }
}
