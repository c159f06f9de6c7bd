package dev.kiln.ops.sequence;

import dev.kiln.runtime.exec.CompiledGraph;
import dev.kiln.runtime.exec.ExecutionContext;
import dev.kiln.runtime.graph.Graph;
import dev.kiln.runtime.graph.Node;
import dev.kiln.runtime.op.LoadContext;
import dev.kiln.runtime.op.Op;
import dev.kiln.runtime.tensor.DType;
import dev.kiln.runtime.tensor.SequenceValue;
import dev.kiln.runtime.tensor.Tensor;
import dev.kiln.runtime.tensor.Value;
import java.util.ArrayList;
import java.util.List;

/**
 * SequenceMap: runs {@code body} once per element of the first input sequence. Sequence inputs
 * contribute their i-th element, other inputs are passed whole; output j collects the body's
 * j-th output of every run into a sequence.
 */
public final class SequenceMap implements Op {
    private final CompiledGraph body;
    private final DType[] declaredElementTypes;

    public SequenceMap(Node node, LoadContext ctx) {
        Graph g = node.attributes().requireGraph("body");
        if (g.inputs().size() != node.inputs().size()) {
            throw new IllegalArgumentException("body takes " + g.inputs().size() + " inputs but the node has "
                    + node.inputs().size());
        }
        if (g.outputs().size() != node.outputs().size()) {
            throw new IllegalArgumentException("body returns " + g.outputs().size() + " outputs but the node has "
                    + node.outputs().size());
        }
        this.declaredElementTypes = new DType[g.outputs().size()];
        for (int j = 0; j < declaredElementTypes.length; j++) {
            declaredElementTypes[j] = g.outputs().get(j).type().innermostElemType();
        }
        this.body = ctx.compile(g);
    }

    @Override
    public Value[] forward(Value[] inputs, ExecutionContext ctx) {
        int n = SequenceArgs.sequence(inputs[0], "input_sequence").size();
        for (int i = 1; i < inputs.length; i++) {
            if (inputs[i] instanceof SequenceValue s && s.size() != n) {
                throw new IllegalArgumentException("additional input " + i + " is a sequence of " + s.size()
                        + " elements but input_sequence has " + n);
            }
        }
        int outs = declaredElementTypes.length;
        List<List<Value>> collected = new ArrayList<>(outs);
        for (int j = 0; j < outs; j++) collected.add(new ArrayList<>(n));
        for (int i = 0; i < n; i++) {
            List<Value> in = new ArrayList<>(inputs.length);
            for (Value v : inputs) in.add(v instanceof SequenceValue s ? s.elements().get(i) : v);
            List<Value> res = body.run(ctx, in);
            for (int j = 0; j < outs; j++) collected.get(j).add(res.get(j));
        }
        Value[] result = new Value[outs];
        for (int j = 0; j < outs; j++) {
            List<Value> elems = collected.get(j);
            DType type = !elems.isEmpty() && elems.get(0) instanceof Tensor t ? t.dtype() : declaredElementTypes[j];
            result[j] = new SequenceValue(elems, type);
        }
        return result;
    }
}
