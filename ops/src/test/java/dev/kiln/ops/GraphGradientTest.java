package dev.kiln.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kiln.runtime.exec.Backprop;
import dev.kiln.runtime.graph.Attribute;
import dev.kiln.runtime.graph.Attributes;
import dev.kiln.runtime.graph.Graph;
import dev.kiln.runtime.graph.Model;
import dev.kiln.runtime.graph.Node;
import dev.kiln.runtime.graph.ValueInfo;
import dev.kiln.runtime.graph.ValueType;
import dev.kiln.runtime.tensor.DType;
import dev.kiln.runtime.tensor.Tensor;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Gradients of a whole graph through {@link Backprop}, against finite differences of the loss. */
class GraphGradientTest {
    private static Node node(String name, String op, List<String> in, String out, Attribute... attrs) {
        return new Node(name, "", op, in, List.of(out), new Attributes(List.of(attrs)));
    }

    @Test
    void fanOutSumsTheGradientsOfEveryConsumer() {
        SplittableRandom rnd = new SplittableRandom(41);
        // x: (2, 3), w: (3), b: (2, 1)
        // h = x * w; a = tanh(h); s = sigmoid(h)   (h feeds two nodes)
        // t = a + s; u = t * b; loss = sum(u * u)   (u feeds one node twice)
        // plus a second path from x: g = Gather(x, [1, 1, 0]) along axis 1, loss2 = ReduceMean(g), total = loss + loss2
        Graph g = new Graph("fanout",
                List.of(ValueInfo.of("x", ValueType.tensor(DType.FLOAT64, null))),
                List.of(ValueInfo.of("total", ValueType.unknown())),
                Map.of("w", GradTesting.uniform(rnd, -1, 1, 3), "b", GradTesting.uniform(rnd, -1, 1, 2, 1),
                        "idx", Tensor.vector(1, 1, 0)),
                List.of(node("mul", "Mul", List.of("x", "w"), "h"),
                        node("tanh", "Tanh", List.of("h"), "a"),
                        node("sig", "Sigmoid", List.of("h"), "s"),
                        node("add", "Add", List.of("a", "s"), "t"),
                        node("scale", "Mul", List.of("t", "b"), "u"),
                        node("square", "Mul", List.of("u", "u"), "sq"),
                        node("sum", "ReduceSum", List.of("sq"), "loss", Attribute.of("keepdims", 0L)),
                        node("gather", "Gather", List.of("x", "idx"), "gx", Attribute.of("axis", 1L)),
                        node("mean", "ReduceMean", List.of("gx"), "loss2", Attribute.of("keepdims", 0L)),
                        node("total", "Add", List.of("loss", "loss2"), "total")),
                List.of(), Map.of("", 17));
        Backprop bp = new Backprop(Model.of(g), StandardOps.registry());
        Map<String, Tensor> feeds = new HashMap<>();
        feeds.put("x", GradTesting.uniform(rnd, -2, 2, 2, 3));
        feeds.put("w", g.initializers().get("w"));
        feeds.put("b", g.initializers().get("b"));
        Map<String, Tensor> grads = bp.gradients(feeds, "total", List.of("x", "w", "b"));
        double eps = 1e-6;
        for (String name : List.of("x", "w", "b")) {
            Tensor base = feeds.get(name);
            Tensor grad = grads.get(name);
            assertEquals(base.shape(), grad.shape(), name);
            double maxDiff = 0;
            double scale = 1e-12;
            for (int i = 0; i < base.size(); i++) {
                double numeric = (loss(bp, feeds, name, i, eps) - loss(bp, feeds, name, i, -eps)) / (2 * eps);
                maxDiff = Math.max(maxDiff, Math.abs(numeric - grad.getDouble(i)));
                scale = Math.max(scale, Math.abs(numeric));
            }
            assertTrue(maxDiff / scale <= 1e-6, name + ": relative error " + maxDiff / scale);
        }
    }

    /** The total loss with element i of feed {@code name} moved by {@code h}. */
    private static double loss(Backprop bp, Map<String, Tensor> feeds, String name, int i, double h) {
        Map<String, Tensor> moved = new HashMap<>(feeds);
        Tensor t = feeds.get(name).copy();
        t.setDouble(i, t.getDouble(i) + h);
        moved.put(name, t);
        return bp.forward(moved).tensor("total").getDouble(0);
    }
}
