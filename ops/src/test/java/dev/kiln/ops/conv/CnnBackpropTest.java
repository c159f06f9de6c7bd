package dev.kiln.ops.conv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kiln.ops.StandardOps;
import dev.kiln.runtime.exec.Backprop;
import dev.kiln.runtime.graph.Attribute;
import dev.kiln.runtime.graph.Attributes;
import dev.kiln.runtime.graph.Graph;
import dev.kiln.runtime.graph.Model;
import dev.kiln.runtime.graph.Node;
import dev.kiln.runtime.graph.ValueInfo;
import dev.kiln.runtime.graph.ValueType;
import dev.kiln.runtime.tensor.DType;
import dev.kiln.runtime.tensor.Shape;
import dev.kiln.runtime.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The reverse-mode engine over a small CNN, against finite differences of the whole graph:
 * x (2, 2, 7, 6) → Conv 3x3 pad 1 → BatchNormalization (training) → Relu → MaxPool 2x2 →
 * Conv 1x1 group 2 → GlobalAveragePool → Flatten → Gemm (transB) → LogSoftmax → out (2, 3).
 */
class CnnBackpropTest {
    private static final List<String> WRT = List.of("x", "w1", "b1", "scale", "bias", "w2", "w3", "c3");

    @Test
    void gradientsOfEveryParameterMatchFiniteDifferences() {
        SplittableRandom rnd = new SplittableRandom(41);
        Map<String, Tensor> init = new LinkedHashMap<>();
        init.put("w1", rand(rnd, 4, 2, 3, 3));
        init.put("b1", rand(rnd, 4));
        init.put("scale", rand(rnd, 4));
        init.put("bias", rand(rnd, 4));
        init.put("mean", rand(rnd, 4));
        init.put("var", Tensor.of(new double[] {1, 1, 1, 1}, 4));
        init.put("w2", rand(rnd, 6, 2, 1, 1));
        init.put("w3", rand(rnd, 3, 6));
        init.put("c3", rand(rnd, 3));
        List<Node> nodes = List.of(
                node("Conv", List.of("x", "w1", "b1"), List.of("h1"), Attribute.ofInts("pads", 1, 1, 1, 1)),
                node("BatchNormalization", List.of("h1", "scale", "bias", "mean", "var"), List.of("h2", "rm", "rv"),
                        Attribute.of("training_mode", 1L)),
                node("Relu", List.of("h2"), List.of("h3")),
                node("MaxPool", List.of("h3"), List.of("h4"), Attribute.ofInts("kernel_shape", 2, 2),
                        Attribute.ofInts("strides", 2, 2)),
                node("Conv", List.of("h4", "w2"), List.of("h5"), Attribute.of("group", 2L)),
                node("GlobalAveragePool", List.of("h5"), List.of("h6")),
                node("Flatten", List.of("h6"), List.of("h7")),
                node("Gemm", List.of("h7", "w3", "c3"), List.of("h8"), Attribute.of("transB", 1L)),
                node("LogSoftmax", List.of("h8"), List.of("out"), Attribute.of("axis", 1L)));
        Graph g = new Graph("cnn", List.of(ValueInfo.of("x", ValueType.tensor(DType.FLOAT64, null))),
                List.of(ValueInfo.of("out", ValueType.unknown())), init, nodes, List.of(), Map.of("", 15));
        Backprop bp = new Backprop(Model.of(g), StandardOps.registry());

        Map<String, Tensor> feeds = new LinkedHashMap<>(init);
        feeds.put("x", rand(rnd, 2, 2, 7, 6));
        Tensor seed = rand(rnd, 2, 3);
        Backprop.Tape tape = bp.forward(feeds);
        assertEquals(Shape.of(2, 3), tape.tensor("out").shape());
        Map<String, Tensor> grads = tape.backward(Map.of("out", seed), WRT);

        double eps = 1e-6;
        for (String name : WRT) {
            Tensor p = feeds.get(name);
            Tensor analytic = grads.get(name);
            assertEquals(p.shape(), analytic.shape(), name);
            double maxDiff = 0, scale = 1e-12;
            for (int i = 0; i < p.size(); i++) {
                double numeric = (loss(bp, feeds, name, p, i, eps, seed) - loss(bp, feeds, name, p, i, -eps, seed)) / (2 * eps);
                double a = analytic.getDouble(i);
                maxDiff = Math.max(maxDiff, Math.abs(a - numeric));
                scale = Math.max(scale, Math.max(Math.abs(a), Math.abs(numeric)));
            }
            if (name.equals("b1")) {
                // a per-channel shift before training-mode batch norm is removed with the batch mean
                assertTrue(scale < 1e-8, "b1 should have no effect, gradient scale " + scale);
                continue;
            }
            assertTrue(scale > 1e-3, name + " has a vanishing gradient: " + scale);
            assertTrue(maxDiff / scale <= 1e-6, name + ": relative error " + maxDiff / scale);
        }
    }

    /** sum(seed * out) with element {@code i} of parameter {@code name} moved by {@code h}. */
    private static double loss(Backprop bp, Map<String, Tensor> feeds, String name, Tensor p, int i, double h, Tensor seed) {
        Tensor moved = p.copy();
        moved.setDouble(i, p.getDouble(i) + h);
        Map<String, Tensor> f = new LinkedHashMap<>(feeds);
        f.put(name, moved);
        Tensor out = bp.forward(f).tensor("out");
        double s = 0;
        for (int k = 0; k < out.size(); k++) s += out.getDouble(k) * seed.getDouble(k);
        return s;
    }

    private static Node node(String op, List<String> in, List<String> out, Attribute... attrs) {
        return new Node(op + "_" + out.get(0), "", op, in, out, new Attributes(List.of(attrs)));
    }

    private static Tensor rand(SplittableRandom rnd, long... dims) {
        double[] v = new double[(int) Shape.of(dims).size()];
        for (int i = 0; i < v.length; i++) v[i] = rnd.nextDouble() * 2 - 1;
        return Tensor.of(v, dims);
    }
}
