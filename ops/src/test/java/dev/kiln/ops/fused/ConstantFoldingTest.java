package dev.kiln.ops.fused;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kiln.ops.StandardOps;
import dev.kiln.runtime.OpExecutionException;
import dev.kiln.runtime.exec.Session;
import dev.kiln.runtime.exec.SessionOptions;
import dev.kiln.runtime.graph.Attribute;
import dev.kiln.runtime.graph.Graph;
import dev.kiln.runtime.graph.Model;
import dev.kiln.runtime.graph.Node;
import dev.kiln.runtime.graph.ValueInfo;
import dev.kiln.runtime.graph.ValueType;
import dev.kiln.runtime.opt.OptimizationOptions;
import dev.kiln.runtime.tensor.DType;
import dev.kiln.runtime.tensor.Tensor;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConstantFoldingTest {
    @Test
    void foldsConstantChainsAndKeepsWhatDependsOnInputs() {
        // c = Constant(2); s = Add(c, w) = [3, 4]; y = Mul(x, s); n = Shape(x) depends on x
        TestGraph g = new TestGraph(13).input("x").constant("w", Tensor.of(new float[] {1, 2}, 2))
                .node("Constant", List.of(), "c", Attribute.of("value", Tensor.scalar(2f)))
                .node("Add", List.of("c", "w"), "s")
                .node("Mul", List.of("x", "s"), "y")
                .output("y");
        Session s = g.assertSameOutputs(Map.of("x", Tensor.of(new float[] {1, 1, 2, 2}, 2, 2)));
        assertEquals(2, s.optimizations().get("fold"));
        assertEquals(List.of("Mul"), s.executionOrder().stream().map(Node::opType).toList());
        assertEquals(List.of(3f, 4f, 6f, 8f), boxed(s.run(Map.of("x", Tensor.of(new float[] {1, 1, 2, 2}, 2, 2)))
                .tensor("y").floats()));
    }

    @Test
    void doesNotFoldAnInitializerTheCallerMayOverride() {
        // w is both a graph input and an initializer: a default, not a constant
        Graph g = new Graph("g", List.of(ValueInfo.of("w", ValueType.tensor(DType.FLOAT32, null))),
                List.of(ValueInfo.of("y", ValueType.tensor(DType.FLOAT32, null))),
                Map.of("w", Tensor.of(new float[] {1, 2}, 2)),
                List.of(new Node("neg", "", "Neg", List.of("w"), List.of("y"), null)), List.of(), Map.of("", 13));
        Session s = new Session(Model.of(g), StandardOps.registry(), SessionOptions.defaults(), OptimizationOptions.ALL);
        assertNull(s.optimizations().get("fold"));
        assertEquals(List.of(-1f, -2f), boxed(s.run(Map.of()).tensor("y").floats()));
        assertEquals(List.of(-5f), boxed(s.run(Map.of("w", Tensor.of(new float[] {5}, 1))).tensor("y").floats()));
    }

    @Test
    void doesNotFoldRandomOps() {
        TestGraph g = new TestGraph(13)
                .node("RandomUniform", List.of(), "r", Attribute.ofInts("shape", 4))
                .output("r");
        Session s = g.session(OptimizationOptions.ALL);
        assertNull(s.optimizations().get("fold"));
        assertTrue(s.executionOrder().stream().anyMatch(n -> n.opType().equals("RandomUniform")));
    }

    @Test
    void leavesAFailingNodeToFailAtRunTime() {
        // Reshape of 3 values to [2, 2] fails; folding must not swallow the error
        TestGraph g = new TestGraph(13).constant("v", Tensor.of(new float[] {1, 2, 3}, 3))
                .constant("shape", Tensor.vector(2, 2))
                .node("Reshape", List.of("v", "shape"), "y")
                .output("y");
        Session s = g.session(OptimizationOptions.ALL);
        assertThrows(OpExecutionException.class, () -> s.run(Map.of()));
    }

    @Test
    void parsesTheProperty() {
        assertEquals(OptimizationOptions.ALL, OptimizationOptions.parse(null));
        assertEquals(OptimizationOptions.NONE, OptimizationOptions.parse("false"));
        OptimizationOptions some = OptimizationOptions.parse("fold, gelu");
        assertTrue(some.foldConstants() && some.gelu() && !some.layerNorm() && !some.matMulAdd());
        assertThrows(IllegalArgumentException.class, () -> OptimizationOptions.parse("fold,typo"));
    }

    private static List<Float> boxed(float[] v) {
        Float[] b = new Float[v.length];
        for (int i = 0; i < v.length; i++) b[i] = v[i];
        return List.of(b);
    }
}
