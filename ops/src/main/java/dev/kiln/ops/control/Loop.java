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
import dev.kiln.runtime.tensor.OptionalValue;
import dev.kiln.runtime.tensor.Shape;
import dev.kiln.runtime.tensor.Tensor;
import dev.kiln.runtime.tensor.Value;
import java.util.ArrayList;
import java.util.List;

/**
 * Loop: runs {@code body} while {@code i < M} (when M is given) and the condition holds. The body
 * takes {@code (i, cond, v_1..v_N)} and returns {@code (cond, v_1..v_N, s_1..s_K)}; the loop
 * returns the final loop-carried values (tensors, sequences or optionals) and each scan output
 * {@code s_k} stacked along a new first axis. As in the ONNX reference implementation and ORT,
 * the condition the body returns is honoured on every iteration, whether or not the
 * {@code cond} input was given; an absent {@code cond} input starts as true. A loop-carried
 * value the body declares as an optional is wrapped in one when the previous iteration
 * produced a plain tensor or sequence.
 */
public final class Loop implements Op {
    private final CompiledGraph body;
    private final int carried;
    private final int scanOutputs;
    private final List<ValueType> scanTypes;
    private final boolean[] carriedAsOptional;

    public Loop(Node node, LoadContext ctx) {
        Graph g = node.attributes().requireGraph("body");
        this.carried = node.inputs().size() - 2;
        if (g.inputs().size() != 2 + carried) {
            throw new IllegalArgumentException("body takes " + g.inputs().size() + " inputs, expected "
                    + (2 + carried) + " (iteration number, condition and " + carried + " loop-carried values)");
        }
        this.scanOutputs = g.outputs().size() - 1 - carried;
        if (scanOutputs < 0) {
            throw new IllegalArgumentException("body returns " + g.outputs().size() + " outputs, expected at least "
                    + (1 + carried) + " (condition and " + carried + " loop-carried values)");
        }
        if (node.outputs().size() > carried + scanOutputs) {
            throw new IllegalArgumentException("node has " + node.outputs().size() + " outputs but the body yields "
                    + carried + " loop-carried values and " + scanOutputs + " scan outputs");
        }
        List<ValueType> types = new ArrayList<>();
        for (int k = 0; k < scanOutputs; k++) types.add(g.outputs().get(1 + carried + k).type());
        this.scanTypes = types;
        this.carriedAsOptional = new boolean[carried];
        for (int v = 0; v < carried; v++) {
            ValueType t = g.inputs().get(2 + v).type();
            carriedAsOptional[v] = t != null && t.kind() == ValueType.Kind.OPTIONAL;
        }
        this.body = ctx.compile(g);
    }

    @Override
    public Value[] forward(Value[] inputs, ExecutionContext ctx) {
        long maxTrips = Long.MAX_VALUE;
        if (inputs[0] != null) maxTrips = scalar(inputs[0], "M").getLong(0);
        boolean cond = inputs[1] == null || scalar(inputs[1], "cond").getBoolean(0);
        List<Value> state = new ArrayList<>(carried);
        for (int i = 0; i < carried; i++) {
            if (inputs[2 + i] == null) {
                throw new IllegalArgumentException("loop-carried input " + i + " is missing");
            }
            state.add(inputs[2 + i]);
        }
        List<List<Tensor>> scans = new ArrayList<>(scanOutputs);
        for (int k = 0; k < scanOutputs; k++) scans.add(new ArrayList<>());
        long[] scanned = new long[scanOutputs]; // elements collected per scan output, for the memory budget
        for (long i = 0; i < maxTrips && cond; i++) {
            ctx.checkCancelled();
            List<Value> in = new ArrayList<>(2 + carried);
            in.add(Tensor.scalar(i));
            in.add(Tensor.of(new boolean[] {cond}));
            for (int v = 0; v < carried; v++) {
                Value value = state.get(v);
                in.add(carriedAsOptional[v] && !(value instanceof OptionalValue) ? new OptionalValue(value) : value);
            }
            List<Value> out = body.run(ctx, in);
            cond = scalar(out.get(0), "condition returned by the body").getBoolean(0);
            for (int v = 0; v < carried; v++) state.set(v, out.get(1 + v));
            for (int k = 0; k < scanOutputs; k++) {
                Value s = out.get(1 + carried + k);
                if (!(s instanceof Tensor t)) {
                    throw new IllegalArgumentException("scan output " + k + " must be a tensor, got " + s.describe());
                }
                scans.get(k).add(t);
                scanned[k] += t.size();
                MemoryBudget.check(t.dtype(), scanned[k]);
            }
        }
        Value[] result = new Value[carried + scanOutputs];
        for (int v = 0; v < carried; v++) result[v] = state.get(v);
        for (int k = 0; k < scanOutputs; k++) {
            List<Tensor> parts = scans.get(k);
            result[carried + k] = parts.isEmpty() ? emptyScan(scanTypes.get(k)) : TensorSlices.stack(parts, 0);
        }
        return result;
    }

    private static Tensor scalar(Value v, String what) {
        if (!(v instanceof Tensor t) || t.size() != 1) {
            throw new IllegalArgumentException(what + " must be a tensor with one element, got " + v.describe());
        }
        return t;
    }

    /** A scan output of zero iterations: shape (0, dims...) from the body's declared type. */
    static Tensor emptyScan(ValueType declared) {
        DType dtype = declared != null && declared.kind() == ValueType.Kind.TENSOR && declared.elemType() != null
                ? declared.elemType() : DType.FLOAT32;
        List<Dim> dims = declared == null ? null : declared.dims();
        long[] shape = new long[dims == null ? 1 : dims.size() + 1];
        for (int i = 1; i < shape.length; i++) shape[i] = dims.get(i - 1).isFixed() ? dims.get(i - 1).value() : 0;
        return Tensor.zeros(dtype, Shape.of(shape));
    }
}
