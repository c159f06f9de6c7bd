package dev.kiln.ops.control;

import dev.kiln.runtime.exec.CompiledGraph;
import dev.kiln.runtime.exec.ExecutionContext;
import dev.kiln.runtime.graph.Dim;
import dev.kiln.runtime.graph.Graph;
import dev.kiln.runtime.graph.Node;
import dev.kiln.runtime.graph.ValueType;
import dev.kiln.runtime.op.LoadContext;
import dev.kiln.runtime.op.Op;
import dev.kiln.runtime.tensor.DType;
import dev.kiln.runtime.tensor.MemoryBudget;
import dev.kiln.runtime.tensor.Shape;
import dev.kiln.runtime.tensor.Tensor;
import dev.kiln.runtime.tensor.Value;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Scan: iterates {@code body} over slices of M scan inputs, threading N state variables, and
 * stacks the K per-iteration scan outputs. Opset 9+: inputs {@code (init_1..init_N,
 * scan_1..scan_M)}, with per-input/per-output axes and directions. Opset 8: inputs
 * {@code (sequence_lens?, init..., scan...)} where every input carries a batch axis 0 and scan
 * inputs have the sequence on axis 1; scan outputs are padded with zeros past each batch
 * entry's sequence length.
 */
public final class Scan implements Op {
    private final CompiledGraph body;
    private final boolean batched;
    private final int numScanInputs;
    private final long[] inputAxes;
    private final long[] inputDirections;
    private final long[] outputAxes;
    private final long[] outputDirections;
    private final List<ValueType> bodyOutputTypes;

    public Scan(Node node, LoadContext ctx) {
        var a = node.attributes();
        Graph g = a.requireGraph("body");
        this.batched = ctx.sinceVersion() < 9;
        this.numScanInputs = (int) a.requireInt("num_scan_inputs");
        int states = node.inputs().size() - (batched ? 1 : 0) - numScanInputs;
        if (numScanInputs < 1 || states < 0) {
            throw new IllegalArgumentException("num_scan_inputs " + numScanInputs + " does not fit the "
                    + node.inputs().size() + " inputs");
        }
        if (g.inputs().size() != states + numScanInputs) {
            throw new IllegalArgumentException("body takes " + g.inputs().size() + " inputs, expected "
                    + (states + numScanInputs) + " (" + states + " states and " + numScanInputs + " scan inputs)");
        }
        int scanOutputs = g.outputs().size() - states;
        if (scanOutputs < 0) {
            throw new IllegalArgumentException("body returns " + g.outputs().size() + " outputs, expected at least "
                    + states + " states");
        }
        if (batched) {
            this.inputDirections = a.getInts("directions", new long[numScanInputs]);
            this.inputAxes = new long[numScanInputs];
            this.outputAxes = new long[scanOutputs];
            this.outputDirections = new long[scanOutputs];
        } else {
            this.inputAxes = a.getInts("scan_input_axes", new long[numScanInputs]);
            this.inputDirections = a.getInts("scan_input_directions", new long[numScanInputs]);
            this.outputAxes = a.getInts("scan_output_axes", new long[scanOutputs]);
            this.outputDirections = a.getInts("scan_output_directions", new long[scanOutputs]);
        }
        check(inputDirections.length == numScanInputs, batched ? "directions" : "scan_input_directions", numScanInputs);
        check(inputAxes.length == numScanInputs, "scan_input_axes", numScanInputs);
        check(outputAxes.length == scanOutputs, "scan_output_axes", scanOutputs);
        check(outputDirections.length == scanOutputs, "scan_output_directions", scanOutputs);
        if (node.outputs().size() > g.outputs().size()) {
            throw new IllegalArgumentException("node has " + node.outputs().size() + " outputs but the body returns "
                    + g.outputs().size());
        }
        List<ValueType> types = new ArrayList<>();
        for (var o : g.outputs()) types.add(o.type());
        this.bodyOutputTypes = types;
        this.body = ctx.compile(g);
    }

    private static void check(boolean ok, String attr, int expected) {
        if (!ok) throw new IllegalArgumentException("attribute '" + attr + "' must have " + expected + " entries");
    }

    @Override
    public Value[] forward(Value[] inputs, ExecutionContext ctx) {
        int first = batched ? 1 : 0;
        int states = inputs.length - first - numScanInputs;
        Tensor[] init = new Tensor[states];
        for (int i = 0; i < states; i++) init[i] = tensor(inputs[first + i], "initial state " + i);
        Tensor[] scans = new Tensor[numScanInputs];
        for (int j = 0; j < numScanInputs; j++) scans[j] = tensor(inputs[first + states + j], "scan input " + j);
        return batched
                ? runBatched(ctx, inputs[0] == null ? null : tensor(inputs[0], "sequence_lens"), init, scans)
                : runOnce(ctx, init, scans);
    }

    // ---- opset 9+ ----

    private Value[] runOnce(ExecutionContext ctx, Tensor[] init, Tensor[] scans) {
        int[] axes = new int[numScanInputs];
        long length = -1;
        for (int j = 0; j < numScanInputs; j++) {
            axes[j] = normalize(inputAxes[j], scans[j].rank(), "scan_input_axes");
            long n = scans[j].shape().dim(axes[j]);
            if (length >= 0 && n != length) {
                throw new IllegalArgumentException("scan input " + j + " has length " + n + " on axis " + axes[j]
                        + " but scan input 0 has " + length);
            }
            length = n;
        }
        int len = (int) length;
        List<List<Tensor>> collected = iterate(ctx, init, len, (t, j) ->
                TensorSlices.take(scans[j], axes[j], inputDirections[j] == 0 ? t : len - 1 - t));
        int states = init.length;
        int k = outputAxes.length;
        Value[] out = new Value[states + k];
        List<Tensor> finalStates = collected.get(k);
        for (int i = 0; i < states; i++) out[i] = finalStates.get(i);
        for (int o = 0; o < k; o++) {
            List<Tensor> parts = new ArrayList<>(collected.get(o));
            if (outputDirections[o] != 0) Collections.reverse(parts);
            if (parts.isEmpty()) {
                Shape elem = declaredShape(bodyOutputTypes.get(states + o));
                int axis = normalize(outputAxes[o], elem.rank() + 1, "scan_output_axes");
                out[states + o] = Tensor.zeros(declaredType(bodyOutputTypes.get(states + o)), insert(elem, axis, 0));
            } else {
                int axis = normalize(outputAxes[o], parts.get(0).rank() + 1, "scan_output_axes");
                out[states + o] = TensorSlices.stack(parts, axis);
            }
        }
        return out;
    }

    // ---- opset 8 ----

    private Value[] runBatched(ExecutionContext ctx, Tensor sequenceLens, Tensor[] init, Tensor[] scans) {
        for (Tensor s : scans) {
            if (s.rank() < 2) {
                throw new IllegalArgumentException("scan inputs need shape (batch, sequence, ...), got " + s.describe());
            }
            if (s.shape().dim(0) != scans[0].shape().dim(0) || s.shape().dim(1) != scans[0].shape().dim(1)) {
                throw new IllegalArgumentException("scan inputs " + scans[0].describe() + " and " + s.describe()
                        + " differ in batch size or sequence length");
            }
        }
        for (Tensor s : init) {
            if (s.rank() < 1 || s.shape().dim(0) != scans[0].shape().dim(0)) {
                throw new IllegalArgumentException("initial states need a batch axis of size "
                        + scans[0].shape().dim(0) + ", got " + s.describe());
            }
        }
        int batch = scans[0].shape().dimInt(0);
        int maxLen = scans[0].shape().dimInt(1);
        long[] lens = null;
        if (sequenceLens != null) {
            lens = sequenceLens.toLongArray();
            if (lens.length != batch) {
                throw new IllegalArgumentException("sequence_lens has " + lens.length + " entries, expected " + batch);
            }
        }
        int states = init.length;
        int k = outputAxes.length;
        List<List<Tensor>> finalStates = new ArrayList<>();
        for (int i = 0; i < states; i++) finalStates.add(new ArrayList<>());
        List<List<List<Tensor>>> scanOuts = new ArrayList<>();
        for (int o = 0; o < k; o++) scanOuts.add(new ArrayList<>());
        for (int b = 0; b < batch; b++) {
            int n = lens == null ? maxLen : (int) lens[b];
            if (n < 0 || n > maxLen) {
                throw new IllegalArgumentException("sequence_lens[" + b + "] = " + n + " is outside [0, " + maxLen + "]");
            }
            Tensor[] st = new Tensor[states];
            for (int i = 0; i < states; i++) st[i] = TensorSlices.take(init[i], 0, b);
            // scan input j of this batch entry: (sequence, ...)
            Tensor[] rows = new Tensor[numScanInputs];
            for (int j = 0; j < numScanInputs; j++) rows[j] = TensorSlices.take(scans[j], 0, b);
            List<List<Tensor>> collected = iterate(ctx, st, n, (t, j) ->
                    TensorSlices.take(rows[j], 0, inputDirections[j] == 0 ? t : n - 1 - t));
            for (int i = 0; i < states; i++) finalStates.get(i).add(collected.get(k).get(i));
            for (int o = 0; o < k; o++) scanOuts.get(o).add(collected.get(o));
        }
        Value[] out = new Value[states + k];
        for (int i = 0; i < states; i++) out[i] = batch == 0 ? init[i] : TensorSlices.stack(finalStates.get(i), 0);
        for (int o = 0; o < k; o++) {
            List<List<Tensor>> perBatch = scanOuts.get(o);
            Tensor like = null;
            for (List<Tensor> l : perBatch) if (!l.isEmpty()) like = l.get(0);
            Tensor pad = like != null ? Tensor.zeros(like.dtype(), like.shape())
                    : Tensor.zeros(declaredType(bodyOutputTypes.get(states + o)), declaredShape(bodyOutputTypes.get(states + o)));
            // each batch entry: (maxLen, ...) padded with zeros; then stacked to (batch, maxLen, ...)
            List<Tensor> entries = new ArrayList<>();
            for (List<Tensor> l : perBatch) {
                List<Tensor> padded = new ArrayList<>(l);
                while (padded.size() < maxLen) padded.add(pad);
                entries.add(maxLen == 0 ? Tensor.zeros(pad.dtype(), insert(pad.shape(), 0, 0)) : TensorSlices.stack(padded, 0));
            }
            out[states + o] = batch == 0
                    ? Tensor.zeros(pad.dtype(), insert(insert(pad.shape(), 0, maxLen), 0, 0))
                    : TensorSlices.stack(entries, 0);
        }
        return out;
    }

    // ---- shared ----

    /** Supplies scan input {@code j} at iteration {@code t}. */
    private interface Slicer {
        Tensor slice(int t, int j);
    }

    /**
     * Runs the body {@code length} times. Returns K lists of scan output elements followed by one
     * list holding the final states.
     */
    private List<List<Tensor>> iterate(ExecutionContext ctx, Tensor[] init, int length, Slicer slicer) {
        int states = init.length;
        int k = outputAxes.length;
        List<Tensor> st = new ArrayList<>(List.of(init));
        List<List<Tensor>> outs = new ArrayList<>();
        for (int o = 0; o < k; o++) outs.add(new ArrayList<>());
        long[] scanned = new long[k]; // elements collected per scan output, for the memory budget
        for (int t = 0; t < length; t++) {
            ctx.checkCancelled();
            List<Value> in = new ArrayList<>(st);
            for (int j = 0; j < numScanInputs; j++) in.add(slicer.slice(t, j));
            List<Value> res = body.run(ctx, in);
            for (int i = 0; i < states; i++) st.set(i, tensor(res.get(i), "state output " + i + " of the body"));
            for (int o = 0; o < k; o++) {
                Tensor part = tensor(res.get(states + o), "scan output " + o + " of the body");
                outs.get(o).add(part);
                scanned[o] += part.size();
                MemoryBudget.check(part.dtype(), scanned[o]);
            }
        }
        outs.add(st);
        return outs;
    }

    private static Tensor tensor(Value v, String what) {
        if (v instanceof Tensor t) return t;
        throw new IllegalArgumentException(what + " must be a tensor, got " + (v == null ? "nothing" : v.describe()));
    }

    private static int normalize(long axis, int rank, String attr) {
        long a = axis < 0 ? axis + rank : axis;
        if (a < 0 || a >= rank) {
            throw new IllegalArgumentException("attribute '" + attr + "' value " + axis + " is out of range for rank " + rank);
        }
        return (int) a;
    }

    private static Shape insert(Shape s, int axis, long dim) {
        long[] d = s.dims();
        long[] out = new long[d.length + 1];
        for (int i = 0, j = 0; i < out.length; i++) out[i] = i == axis ? dim : d[j++];
        return Shape.of(out);
    }

    private static DType declaredType(ValueType t) {
        return t != null && t.kind() == ValueType.Kind.TENSOR && t.elemType() != null ? t.elemType() : DType.FLOAT32;
    }

    private static Shape declaredShape(ValueType t) {
        List<Dim> dims = t == null ? null : t.dims();
        if (dims == null) return Shape.SCALAR;
        long[] d = new long[dims.size()];
        for (int i = 0; i < d.length; i++) d[i] = dims.get(i).isFixed() ? dims.get(i).value() : 0;
        return Shape.of(d);
    }
}
