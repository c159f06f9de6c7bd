package dev.kiln.ops.attention;

import dev.kiln.runtime.graph.Node;
import dev.kiln.runtime.op.TensorOp;
import dev.kiln.runtime.tensor.Shape;
import dev.kiln.runtime.tensor.Tensor;

/**
 * CausalConvWithState (opset 27): depthwise causal 1-D convolution over {@code [past_state, input]}
 * with an optional fused SiLU, returning the last {@code k - 1} positions as the new state.
 *
 * <p>Letters: B batch, C channels, L length, K kernel size.
 * {@code input: (B, C, L)}, {@code weight: (C, 1, K)}, {@code bias: (C)},
 * {@code past_state: (B, C, K-1)}; {@code y[b,c,t] = bias[c] + sum_i w[c,i] * xp[b,c,t+i]} where
 * {@code xp = concat(past_state or zeros, input)} along the length axis.
 */
public final class CausalConvWithState extends TensorOp {
    private final boolean silu;

    public CausalConvWithState(Node node) {
        String act = node.attributes().getString("activation", "none");
        this.silu = switch (act) {
            case "silu", "swish" -> true;
            case "none" -> false;
            default -> throw new IllegalArgumentException("attribute 'activation' must be silu, swish or none, got '"
                    + act + "'");
        };
    }

    @Override
    protected Tensor[] compute(Tensor[] in) {
        Tensor x = in[0], w = in[1];
        Tensor bias = in.length > 2 ? in[2] : null, past = in.length > 3 ? in[3] : null;
        Heads.requireFloat(x, "input");
        if (x.rank() != 3) throw new IllegalArgumentException("input must be 3-D (B, C, L), got " + x.describe());
        int b = x.shape().dimInt(0), c = x.shape().dimInt(1), l = x.shape().dimInt(2);
        if (w.rank() != 3 || w.shape().dim(0) != c || w.shape().dim(1) != 1 || w.shape().dim(2) < 1) {
            throw new IllegalArgumentException("input 'weight' must have shape (" + c + ", 1, k), got " + w.describe());
        }
        int k = w.shape().dimInt(2), m = k - 1;
        if (bias != null && (bias.rank() != 1 || bias.shape().dim(0) != c)) {
            throw new IllegalArgumentException("input 'bias' must have shape (" + c + "), got " + bias.describe());
        }
        if (past != null && !past.shape().equals(Shape.of(b, c, m))) {
            throw new IllegalArgumentException("input 'past_state' must have shape (" + b + ", " + c + ", " + m
                    + "), got " + past.describe());
        }
        double[] xd = x.toDoubleArray(), wd = w.toDoubleArray();
        double[] bd = bias == null ? null : bias.toDoubleArray();
        double[] pd = past == null ? null : past.toDoubleArray();
        double[] y = new double[b * c * l];
        double[] state = new double[b * c * m];
        double[] xp = new double[m + l];
        for (int bi = 0; bi < b; bi++) {
            for (int ci = 0; ci < c; ci++) {
                int bc = bi * c + ci;
                // xp: (K-1 + L) padded sequence of this channel
                for (int i = 0; i < m; i++) xp[i] = pd == null ? 0 : pd[bc * m + i];
                System.arraycopy(xd, bc * l, xp, m, l);
                for (int t = 0; t < l; t++) {
                    double acc = bd == null ? 0 : bd[ci];
                    for (int i = 0; i < k; i++) acc += wd[ci * k + i] * xp[t + i];
                    y[bc * l + t] = silu ? acc / (1 + Math.exp(-acc)) : acc;
                }
                System.arraycopy(xp, l, state, bc * m, m);
            }
        }
        return new Tensor[] {
            Tensor.fromDoubles(x.dtype(), x.shape(), y),
            Tensor.fromDoubles(x.dtype(), Shape.of(b, c, m), state)
        };
    }
}
