package dev.kiln.ops.attention;

import dev.kiln.runtime.graph.Node;
import dev.kiln.runtime.op.TensorOp;
import dev.kiln.runtime.tensor.Shape;
import dev.kiln.runtime.tensor.Tensor;

/**
 * LinearAttention (opset 27): a recurrent state {@code S: (dk, dv)} per key/value head, updated
 * token by token, read by every query head of its group: {@code o_t = scale * q_t^T S_t}.
 *
 * <p>Update rules, with {@code G = exp(g_t)} applied to the rows of S (per key dimension or per head):
 * linear {@code S += k v^T}; gated {@code S = G S + k v^T}; delta
 * {@code S += beta k (v - S^T k)^T}; gated_delta {@code S = G S + beta k (v - (G S)^T k)^T}.
 *
 * <p>Letters: B batch, T tokens, Hq query heads, Hkv key/value heads, dk key size, dv value size.
 * {@code query: (B, T, Hq*dk)}, {@code key: (B, T, Hkv*dk)}, {@code value: (B, T, Hkv*dv)},
 * {@code past_state: (B, Hkv, dk, dv)}, {@code decay: (B, T, Hkv*dk)} or {@code (B, T, Hkv)},
 * {@code beta: (B, T, Hkv)} or {@code (B, T, 1)}. The {@code chunk_size} attribute is a tuning hint
 * that cannot change results; this kernel runs the exact sequential recurrence and ignores it.
 */
public final class LinearAttention extends TensorOp {
    private enum Rule { LINEAR, GATED, DELTA, GATED_DELTA }

    private final int qHeads;
    private final int kvHeads;
    private final double scale;
    private final Rule rule;

    public LinearAttention(Node node) {
        var a = node.attributes();
        this.qHeads = (int) a.requireInt("q_num_heads");
        this.kvHeads = (int) a.requireInt("kv_num_heads");
        this.scale = a.getFloat("scale", 0f);
        String r = a.getString("update_rule", "gated_delta");
        this.rule = switch (r) {
            case "linear" -> Rule.LINEAR;
            case "gated" -> Rule.GATED;
            case "delta" -> Rule.DELTA;
            case "gated_delta" -> Rule.GATED_DELTA;
            default -> throw new IllegalArgumentException("attribute 'update_rule' must be linear, gated, delta or "
                    + "gated_delta, got '" + r + "'");
        };
        if (kvHeads <= 0 || qHeads <= 0 || qHeads % kvHeads != 0) {
            throw new IllegalArgumentException("q_num_heads " + qHeads + " must be a positive multiple of kv_num_heads "
                    + kvHeads);
        }
    }

    @Override
    protected Tensor[] compute(Tensor[] in) {
        Tensor q = in[0], k = in[1], v = in[2];
        Tensor past = in.length > 3 ? in[3] : null;
        Tensor decay = in.length > 4 ? in[4] : null, beta = in.length > 5 ? in[5] : null;
        Heads.requireFloat(q, "query");
        if (q.rank() != 3 || k.rank() != 3 || v.rank() != 3) {
            throw new IllegalArgumentException("query, key and value must be 3-D (B, T, H*d), got "
                    + q.describe() + ", " + k.describe() + ", " + v.describe());
        }
        int b = q.shape().dimInt(0), t = q.shape().dimInt(1);
        for (Tensor x : new Tensor[] {k, v}) {
            if (x.shape().dim(0) != b || x.shape().dim(1) != t) {
                throw new IllegalArgumentException("key and value must share (B, T) = (" + b + ", " + t
                        + ") with query, got " + x.describe());
            }
        }
        int dk = packed(q, qHeads, "query"), dk2 = packed(k, kvHeads, "key"), dv = packed(v, kvHeads, "value");
        if (dk != dk2) throw new IllegalArgumentException("query head size " + dk + " differs from key head size " + dk2);
        boolean gated = rule == Rule.GATED || rule == Rule.GATED_DELTA;
        boolean delta = rule == Rule.DELTA || rule == Rule.GATED_DELTA;
        int decayWidth = 0;
        if (gated) {
            if (decay == null) throw new IllegalArgumentException("input 'decay' is required for update_rule " + rule);
            decayWidth = sideWidth(decay, b, t, "decay", kvHeads * dk, kvHeads);
        }
        int betaWidth = 0;
        if (delta) {
            if (beta == null) throw new IllegalArgumentException("input 'beta' is required for update_rule " + rule);
            betaWidth = sideWidth(beta, b, t, "beta", kvHeads, 1);
        }
        Shape stateShape = Shape.of(b, kvHeads, dk, dv);
        if (past != null && !past.shape().equals(stateShape)) {
            throw new IllegalArgumentException("input 'past_state' must have shape " + stateShape + ", got " + past.describe());
        }
        double sc = scale != 0 ? scale : 1.0 / Math.sqrt(dk);
        double[] qd = q.toDoubleArray(), kd = k.toDoubleArray(), vd = v.toDoubleArray();
        double[] gd = gated ? decay.toDoubleArray() : null, bd = delta ? beta.toDoubleArray() : null;
        double[] state = past == null ? new double[b * kvHeads * dk * dv] : past.toDoubleArray();
        double[] out = new double[b * t * qHeads * dv];
        double[] u = new double[dv];
        int group = qHeads / kvHeads;
        for (int bi = 0; bi < b; bi++) {
            for (int h = 0; h < kvHeads; h++) {
                int s0 = (bi * kvHeads + h) * dk * dv;
                for (int ti = 0; ti < t; ti++) {
                    int bt = bi * t + ti;
                    int kOff = (bt * kvHeads + h) * dk, vOff = (bt * kvHeads + h) * dv;
                    if (gated) {
                        for (int i = 0; i < dk; i++) {
                            double g = decayWidth == kvHeads ? gd[bt * kvHeads + h] : gd[bt * decayWidth + h * dk + i];
                            double f = Math.exp(g);
                            for (int j = 0; j < dv; j++) state[s0 + i * dv + j] *= f;
                        }
                    }
                    if (delta) {
                        double bet = bd[bt * betaWidth + (betaWidth == 1 ? 0 : h)];
                        // u = beta * (v - S^T k)
                        for (int j = 0; j < dv; j++) {
                            double acc = 0;
                            for (int i = 0; i < dk; i++) acc += state[s0 + i * dv + j] * kd[kOff + i];
                            u[j] = bet * (vd[vOff + j] - acc);
                        }
                    } else {
                        System.arraycopy(vd, vOff, u, 0, dv);
                    }
                    for (int i = 0; i < dk; i++) {
                        double ki = kd[kOff + i];
                        for (int j = 0; j < dv; j++) state[s0 + i * dv + j] += ki * u[j];
                    }
                    for (int hq = h * group; hq < (h + 1) * group; hq++) {
                        int qOff = (bt * qHeads + hq) * dk, oOff = (bt * qHeads + hq) * dv;
                        for (int i = 0; i < dk; i++) {
                            double qi = sc * qd[qOff + i];
                            for (int j = 0; j < dv; j++) out[oOff + j] += qi * state[s0 + i * dv + j];
                        }
                    }
                }
            }
        }
        return new Tensor[] {
            Tensor.fromDoubles(q.dtype(), Shape.of(b, t, qHeads * dv), out),
            Tensor.fromDoubles(past != null ? past.dtype() : q.dtype(), stateShape, state)
        };
    }

    private static int packed(Tensor x, int heads, String what) {
        int hidden = x.shape().dimInt(2);
        if (hidden % heads != 0) {
            throw new IllegalArgumentException("input '" + what + "' last axis " + hidden
                    + " is not a multiple of its head count " + heads);
        }
        return hidden / heads;
    }

    /** The last-axis width of a (B, T, w) side input, which must be one of two allowed widths. */
    private static int sideWidth(Tensor x, int b, int t, String what, int w1, int w2) {
        if (x.rank() != 3 || x.shape().dim(0) != b || x.shape().dim(1) != t
                || (x.shape().dim(2) != w1 && x.shape().dim(2) != w2)) {
            throw new IllegalArgumentException("input '" + what + "' must have shape (" + b + ", " + t + ", " + w1
                    + ") or (" + b + ", " + t + ", " + w2 + "), got " + x.describe());
        }
        return x.shape().dimInt(2);
    }
}
