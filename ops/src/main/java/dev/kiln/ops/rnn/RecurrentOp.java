package dev.kiln.ops.rnn;

import dev.kiln.runtime.exec.ExecutionContext;
import dev.kiln.runtime.graph.Attributes;
import dev.kiln.runtime.graph.Node;
import dev.kiln.runtime.op.TensorOp;
import dev.kiln.runtime.tensor.DType;
import dev.kiln.runtime.tensor.Shape;
import dev.kiln.runtime.tensor.Tensor;
import java.util.Arrays;

/**
 * What RNN, GRU and LSTM share: the common attributes, reading X/W/R/B/sequence_lens and the
 * initial states in either layout, running each direction over each batch entry, and writing
 * Y and the final states. Subclasses supply one time step of their cell.
 *
 * <p>Letters: T sequence length, N batch, I input size, H hidden size, D directions, G gates.
 * Layout 0: X (T, N, I), Y (T, D, N, H), states (D, N, H). Layout 1: X (N, T, I),
 * Y (N, T, D, H), states (N, D, H). W (D, G*H, I), R (D, G*H, H), B (D, 2*G*H). Steps past a
 * batch entry's sequence length leave Y at zero; its final state is the state at its last step.
 * Arithmetic is done in double and rounded to X's dtype at the end.
 */
abstract class RecurrentOp extends TensorOp {
    /** One direction's cell with its weights bound. */
    interface Cell {
        /**
         * Advances the state by one step.
         *
         * @param x the input row at {@code xOff} (length I)
         * @param state the states of one batch entry (h, and c for LSTM), updated in place
         */
        void step(double[] x, int xOff, double[][] state);
    }

    /** Weights of one direction, sliced from W, R and B. */
    record Weights(double[] w, double[] r, double[] wb, double[] rb, int inputSize, int hidden) {}

    private final int gates;
    private final int stateCount;
    private final long hiddenAttr;
    protected final int directions;
    private final boolean reverse;
    private final int layout;
    protected final double clip;
    protected final Activation[][] activations;

    /**
     * @param gates G (1 for RNN, 3 for GRU, 4 for LSTM)
     * @param stateCount states carried per batch entry (2 for LSTM: h and c)
     * @param defaultActivations the default activation names of one direction
     */
    RecurrentOp(Node node, int gates, int stateCount, String[] defaultActivations) {
        Attributes a = node.attributes();
        this.gates = gates;
        this.stateCount = stateCount;
        this.hiddenAttr = a.getInt("hidden_size", -1);
        String direction = a.getString("direction", "forward");
        switch (direction) {
            case "forward" -> { directions = 1; reverse = false; }
            case "reverse" -> { directions = 1; reverse = true; }
            case "bidirectional" -> { directions = 2; reverse = false; }
            default -> throw new IllegalArgumentException("attribute 'direction' must be forward, reverse or "
                    + "bidirectional, got '" + direction + "'");
        }
        this.layout = (int) a.getInt("layout", 0);
        if (layout != 0 && layout != 1) {
            throw new IllegalArgumentException("attribute 'layout' must be 0 or 1, got " + layout);
        }
        float c = a.getFloat("clip", Float.NaN);
        if (!Float.isNaN(c) && c <= 0) throw new IllegalArgumentException("attribute 'clip' must be positive, got " + c);
        this.clip = Float.isNaN(c) ? Double.POSITIVE_INFINITY : c;
        this.activations = Activation.parse(a.getStrings("activations", null), a.getFloats("activation_alpha", null),
                a.getFloats("activation_beta", null), defaultActivations, directions);
    }

    /** Binds the cell of direction {@code d}; {@code inputs} are the node's inputs. */
    protected abstract Cell cell(int d, Weights weights, Tensor[] inputs);

    /** Input index of initial state {@code s} (5 for initial_h, 6 for initial_c). */
    private static int initialStateInput(int s) { return 5 + s; }

    /** Clips a gate pre-activation to {@code [-clip, clip]}. */
    protected final double clip(double v) {
        return v > clip ? clip : v < -clip ? -clip : v;
    }

    @Override
    protected Tensor[] compute(Tensor[] in) {
        Tensor x = floatInput(in[0], "X");
        Tensor wT = floatInput(in[1], "W");
        Tensor rT = floatInput(in[2], "R");
        if (x.rank() != 3) throw new IllegalArgumentException("input 'X' must be 3-D, got " + x.describe());
        int seq = x.shape().dimInt(layout == 0 ? 0 : 1);
        int batch = x.shape().dimInt(layout == 0 ? 1 : 0);
        int inputSize = x.shape().dimInt(2);
        int hidden = hiddenAttr > 0 ? (int) hiddenAttr : (rT.rank() == 3 ? rT.shape().dimInt(2) : -1);
        int gh = gates * hidden;
        expectShape(wT, "W", directions, gh, inputSize);
        expectShape(rT, "R", directions, gh, hidden);
        Tensor bT = in.length > 3 ? in[3] : null;
        if (bT != null) expectShape(floatInput(bT, "B"), "B", directions, 2 * gh);
        int[] lens = sequenceLengths(in.length > 4 ? in[4] : null, batch, seq);
        double[][] init = new double[stateCount][];
        for (int s = 0; s < stateCount; s++) {
            int idx = initialStateInput(s);
            Tensor t = in.length > idx ? in[idx] : null;
            if (t != null) {
                String name = s == 0 ? "initial_h" : "initial_c";
                if (layout == 0) expectShape(floatInput(t, name), name, directions, batch, hidden);
                else expectShape(floatInput(t, name), name, batch, directions, hidden);
                init[s] = t.toDoubleArray();
            }
        }

        double[] xs = x.toDoubleArray();
        double[] w = wT.toDoubleArray();
        double[] r = rT.toDoubleArray();
        double[] b = bT == null ? null : bT.toDoubleArray();
        double[] y = new double[seq * directions * batch * hidden];
        double[][] finals = new double[stateCount][directions * batch * hidden];
        for (int d = 0; d < directions; d++) {
            double[] wb = new double[gh];
            double[] rb = new double[gh];
            if (b != null) {
                System.arraycopy(b, d * 2 * gh, wb, 0, gh);
                System.arraycopy(b, d * 2 * gh + gh, rb, 0, gh);
            }
            Weights weights = new Weights(slice(w, d, gh * inputSize), slice(r, d, gh * hidden), wb, rb, inputSize, hidden);
            Cell cell = cell(d, weights, in);
            boolean backward = reverse || d == 1;
            for (int n = 0; n < batch; n++) {
                double[][] state = new double[stateCount][hidden];
                for (int s = 0; s < stateCount; s++) {
                    if (init[s] != null) System.arraycopy(init[s], stateIndex(d, n, batch, hidden), state[s], 0, hidden);
                }
                for (int step = 0; step < lens[n]; step++) {
                    ExecutionContext.checkActiveCancelled();
                    int t = backward ? lens[n] - 1 - step : step;
                    int xOff = (layout == 0 ? t * batch + n : n * seq + t) * inputSize;
                    cell.step(xs, xOff, state);
                    int yOff = (layout == 0 ? (t * directions + d) * batch + n : (n * seq + t) * directions + d) * hidden;
                    System.arraycopy(state[0], 0, y, yOff, hidden);
                }
                for (int s = 0; s < stateCount; s++) {
                    System.arraycopy(state[s], 0, finals[s], stateIndex(d, n, batch, hidden), hidden);
                }
            }
        }
        DType dt = x.dtype();
        Shape yShape = layout == 0 ? Shape.of(seq, directions, batch, hidden) : Shape.of(batch, seq, directions, hidden);
        Shape sShape = layout == 0 ? Shape.of(directions, batch, hidden) : Shape.of(batch, directions, hidden);
        Tensor[] out = new Tensor[1 + stateCount];
        out[0] = Tensor.fromDoubles(dt, yShape, y);
        for (int s = 0; s < stateCount; s++) out[1 + s] = Tensor.fromDoubles(dt, sShape, finals[s]);
        return out;
    }

    private int stateIndex(int d, int n, int batch, int hidden) {
        return (layout == 0 ? d * batch + n : n * directions + d) * hidden;
    }

    private static double[] slice(double[] a, int d, int len) {
        double[] out = new double[len];
        System.arraycopy(a, d * len, out, 0, len);
        return out;
    }

    private static int[] sequenceLengths(Tensor t, int batch, int seq) {
        int[] lens = new int[batch];
        if (t == null) {
            Arrays.fill(lens, seq);
            return lens;
        }
        if (t.dtype().isFloatingPoint() || t.size() != batch) {
            throw new IllegalArgumentException("input 'sequence_lens' must hold " + batch + " integers, got " + t.describe());
        }
        for (int n = 0; n < batch; n++) {
            long v = t.getLong(n);
            if (v < 0 || v > seq) {
                throw new IllegalArgumentException("sequence_lens[" + n + "] = " + v + " is outside [0, " + seq + "]");
            }
            lens[n] = (int) v;
        }
        return lens;
    }

    /** Checks that {@code t} is a floating-point tensor. */
    protected static Tensor floatInput(Tensor t, String name) {
        if (t == null) throw new IllegalArgumentException("input '" + name + "' is required");
        if (!t.dtype().isFloatingPoint()) {
            throw new IllegalArgumentException("input '" + name + "' must be a float tensor, got " + t.describe());
        }
        return t;
    }

    /** Checks the exact shape of an input. */
    protected static void expectShape(Tensor t, String name, long... dims) {
        if (!t.shape().equals(Shape.of(dims))) {
            throw new IllegalArgumentException("input '" + name + "' has shape " + t.shape() + ", expected "
                    + Shape.of(dims));
        }
    }

    /** {@code out[row] = sum_i m[row*k + i] * v[vOff + i]} for rows {@code [0, rows)}; m: (rows, k). */
    protected static void matVec(double[] m, int rows, int k, double[] v, int vOff, double[] out) {
        for (int row = 0; row < rows; row++) {
            double acc = 0;
            int base = row * k;
            for (int i = 0; i < k; i++) acc += m[base + i] * v[vOff + i];
            out[row] = acc;
        }
    }
}
