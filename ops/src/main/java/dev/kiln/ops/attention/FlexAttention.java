package dev.kiln.ops.attention;

import dev.kiln.runtime.exec.CompiledGraph;
import dev.kiln.runtime.exec.ExecutionContext;
import dev.kiln.runtime.graph.Graph;
import dev.kiln.runtime.graph.Node;
import dev.kiln.runtime.op.LoadContext;
import dev.kiln.runtime.op.Op;
import dev.kiln.runtime.tensor.DType;
import dev.kiln.runtime.tensor.Shape;
import dev.kiln.runtime.tensor.Tensor;
import dev.kiln.runtime.tensor.Value;
import java.util.Arrays;
import java.util.List;

/**
 * ai.onnx.preview FlexAttention (1): {@code Y = prob_mod(softmax(score_mod(scale * Q K^T))) V}, with
 * the optional modifier subgraphs run on the whole (B, Hq, L, S) tensor in softmax precision.
 *
 * <p>Letters: B batch, Hq query heads, Hkv key/value heads, L query length, S key length, E head
 * size, Ev value head size. {@code Q: (B, Hq, L, E)}, {@code K: (B, Hkv, S, E)},
 * {@code V: (B, Hkv, S, Ev)}; query head {@code h} reads key/value head {@code h / (Hq / Hkv)}.
 * A row whose scores are all -inf gets zero probabilities.
 */
public final class FlexAttention implements Op {
    private final boolean hasScale;
    private final double scale;
    private final int softmaxPrecision;
    private final CompiledGraph scoreMod;
    private final CompiledGraph probMod;

    public FlexAttention(Node node, LoadContext ctx) {
        var a = node.attributes();
        this.hasScale = a.has("scale");
        this.scale = a.getFloat("scale", 0f);
        this.softmaxPrecision = (int) a.getInt("softmax_precision", 0);
        if (softmaxPrecision != 0 && !DType.fromOnnx(softmaxPrecision).isFloatingPoint()) {
            throw new IllegalArgumentException("attribute 'softmax_precision' must name a float type, got "
                    + softmaxPrecision);
        }
        Graph sm = a.getGraph("score_mod"), pm = a.getGraph("prob_mod");
        this.scoreMod = sm == null ? null : ctx.compile(sm);
        this.probMod = pm == null ? null : ctx.compile(pm);
    }

    @Override
    public Value[] forward(Value[] inputs, ExecutionContext ctx) {
        Tensor q = tensor(inputs, 0, "Q"), k = tensor(inputs, 1, "K"), v = tensor(inputs, 2, "V");
        if (q.rank() != 4 || k.rank() != 4 || v.rank() != 4) {
            throw new IllegalArgumentException("inputs Q, K, V must be 4-D, got " + q.describe() + ", "
                    + k.describe() + ", " + v.describe());
        }
        int b = q.shape().dimInt(0), hq = q.shape().dimInt(1), l = q.shape().dimInt(2), e = q.shape().dimInt(3);
        int hkv = k.shape().dimInt(1), s = k.shape().dimInt(2), ev = v.shape().dimInt(3);
        if (k.shape().dim(0) != b || v.shape().dim(0) != b || k.shape().dim(3) != e
                || v.shape().dim(1) != hkv || v.shape().dim(2) != s) {
            throw new IllegalArgumentException("inputs Q " + q.shape() + ", K " + k.shape() + ", V " + v.shape()
                    + " do not agree on batch, heads, key length or head size");
        }
        if (hkv == 0 || hq % hkv != 0) {
            throw new IllegalArgumentException("query heads " + hq + " must be a multiple of key/value heads " + hkv);
        }
        DType precision = softmaxPrecision != 0 ? DType.fromOnnx(softmaxPrecision)
                : q.dtype() == DType.FLOAT64 ? DType.FLOAT64 : DType.FLOAT32;
        int group = hq / hkv;
        double sc = hasScale ? scale : 1.0 / Math.sqrt(e);
        double[] qd = q.toDoubleArray(), kd = k.toDoubleArray(), vd = v.toDoubleArray();
        Shape scoreShape = Shape.of(b, hq, l, s);
        // scores: (B, Hq, L, S)
        double[] scores = new double[b * hq * l * s];
        for (int bh = 0; bh < b * hq; bh++) {
            int kvBase = ((bh / hq) * hkv + (bh % hq) / group) * s;
            for (int i = 0; i < l; i++) {
                int qOff = (bh * l + i) * e;
                for (int j = 0; j < s; j++) {
                    int kOff = (kvBase + j) * e;
                    double dot = 0;
                    for (int x = 0; x < e; x++) dot += qd[qOff + x] * kd[kOff + x];
                    scores[(bh * l + i) * s + j] = sc * dot;
                }
            }
        }
        Tensor scoreT = Tensor.fromDoubles(precision, scoreShape, scores);
        if (scoreMod != null) scoreT = runModifier(scoreMod, scoreT, ctx, "score_mod");
        double[] p = scoreT.toDoubleArray();
        for (int r = 0; r < b * hq * l; r++) softmaxRow(p, r * s, s);
        Tensor probT = Tensor.fromDoubles(precision, scoreShape, p);
        if (probMod != null) {
            probT = runModifier(probMod, probT, ctx, "prob_mod");
            p = probT.toDoubleArray();
        }
        double[] y = new double[b * hq * l * ev];
        for (int bh = 0; bh < b * hq; bh++) {
            int kvBase = ((bh / hq) * hkv + (bh % hq) / group) * s;
            for (int i = 0; i < l; i++) {
                int yOff = (bh * l + i) * ev;
                for (int j = 0; j < s; j++) {
                    double w = p[(bh * l + i) * s + j];
                    if (w == 0) continue;
                    int vOff = (kvBase + j) * ev;
                    for (int x = 0; x < ev; x++) y[yOff + x] += w * vd[vOff + x];
                }
            }
        }
        return new Value[] {Tensor.fromDoubles(q.dtype(), Shape.of(b, hq, l, ev), y)};
    }

    private static void softmaxRow(double[] a, int off, int n) {
        double max = Double.NEGATIVE_INFINITY;
        for (int j = 0; j < n; j++) max = Math.max(max, a[off + j]);
        if (max == Double.NEGATIVE_INFINITY) {
            Arrays.fill(a, off, off + n, 0.0);
            return;
        }
        double sum = 0;
        for (int j = 0; j < n; j++) {
            a[off + j] = Math.exp(a[off + j] - max);
            sum += a[off + j];
        }
        for (int j = 0; j < n; j++) a[off + j] /= sum;
    }

    private static Tensor runModifier(CompiledGraph g, Tensor x, ExecutionContext ctx, String what) {
        List<Value> out = g.run(ctx, List.of(x));
        if (out.size() != 1 || !(out.get(0) instanceof Tensor t) || !t.shape().equals(x.shape())) {
            throw new IllegalArgumentException("subgraph '" + what + "' must return one tensor of shape " + x.shape()
                    + ", got " + (out.isEmpty() ? "nothing" : out.get(0).describe()));
        }
        return t;
    }

    private static Tensor tensor(Value[] inputs, int i, String what) {
        if (i >= inputs.length || !(inputs[i] instanceof Tensor t)) {
            throw new IllegalArgumentException("input '" + what + "' must be a tensor");
        }
        Heads.requireFloat(t, what);
        return t;
    }
}
