package dev.kiln.ops.control;

import dev.kiln.runtime.exec.CompiledGraph;
import dev.kiln.runtime.exec.ExecutionContext;
import dev.kiln.runtime.graph.Node;
import dev.kiln.runtime.op.LoadContext;
import dev.kiln.runtime.op.Op;
import dev.kiln.runtime.tensor.Tensor;
import dev.kiln.runtime.tensor.Value;
import java.util.List;

/**
 * If: runs {@code then_branch} when the one-element bool {@code cond} is true, else
 * {@code else_branch}, and returns that branch's outputs (tensors, sequences or optionals).
 */
public final class If implements Op {
    private final CompiledGraph thenBranch;
    private final CompiledGraph elseBranch;
    private final int outputs;

    public If(Node node, LoadContext ctx) {
        this.thenBranch = ctx.compile(node.attributes().requireGraph("then_branch"));
        this.elseBranch = ctx.compile(node.attributes().requireGraph("else_branch"));
        this.outputs = node.outputs().size();
        int thenOut = thenBranch.graph().outputs().size();
        int elseOut = elseBranch.graph().outputs().size();
        if (thenOut != elseOut) {
            throw new IllegalArgumentException("then_branch has " + thenOut + " outputs but else_branch has "
                    + elseOut + "; they must match");
        }
        if (outputs > thenOut) {
            throw new IllegalArgumentException("node has " + outputs + " outputs but the branches produce "
                    + thenOut);
        }
    }

    @Override
    public Value[] forward(Value[] inputs, ExecutionContext ctx) {
        if (!(inputs[0] instanceof Tensor cond) || cond.size() != 1) {
            throw new IllegalArgumentException("input 'cond' must be a tensor with one element, got "
                    + (inputs[0] == null ? "nothing" : inputs[0].describe()));
        }
        CompiledGraph branch = cond.getBoolean(0) ? thenBranch : elseBranch;
        List<Value> result = branch.run(ctx, List.of());
        return result.subList(0, outputs).toArray(new Value[0]);
    }
}
