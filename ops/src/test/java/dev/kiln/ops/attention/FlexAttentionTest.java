package dev.kiln.ops.attention;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import dev.kiln.runtime.exec.Session;
import dev.kiln.runtime.exec.SessionOptions;
import dev.kiln.runtime.graph.Attribute;
import dev.kiln.runtime.graph.Attributes;
import dev.kiln.runtime.graph.Graph;
import dev.kiln.runtime.graph.Model;
import dev.kiln.runtime.graph.Node;
import dev.kiln.runtime.graph.ValueInfo;
import dev.kiln.runtime.graph.ValueType;
import dev.kiln.runtime.op.OpRegistry;
import dev.kiln.runtime.op.TensorOp;
import dev.kiln.runtime.tensor.DType;
import dev.kiln.runtime.tensor.Tensor;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FlexAttentionTest {
    /** y = -x (float32), standing in for a real score modifier. */
    static final class Negate extends TensorOp {
        @Override
        protected Tensor[] compute(Tensor[] in) {
            float[] x = in[0].floats(), y = new float[x.length];
            for (int i = 0; i < x.length; i++) y[i] = -x[i];
            return new Tensor[] {Tensor.wrap(DType.FLOAT32, in[0].shape(), y)};
        }
    }

    private static ValueInfo floats(String name) {
        return ValueInfo.of(name, ValueType.tensor(DType.FLOAT32, null));
    }

    private static Tensor run(List<Attribute> attrs) {
        OpRegistry reg = new OpRegistry().add("Negate", 1, 1, 1, n -> new Negate());
        AttentionOps.register(reg);
        Node flex = new Node("flex", "ai.onnx.preview", "FlexAttention", List.of("q", "k", "v"), List.of("y"),
                new Attributes(attrs));
        Graph g = new Graph("g", List.of(floats("q"), floats("k"), floats("v")), List.of(floats("y")), Map.of(),
                List.of(flex), List.of(), Map.of("", 26, "ai.onnx.preview", 1));
        Session s = new Session(Model.of(g), reg, SessionOptions.defaults());
        // one query against keys [0, 1] with values [10, 20]; scale 1
        return s.run(Map.of("q", Tensor.of(new float[] {1}, 1, 1, 1, 1),
                "k", Tensor.of(new float[] {0, 1}, 1, 1, 2, 1),
                "v", Tensor.of(new float[] {10, 20}, 1, 1, 2, 1))).tensor("y");
    }

    private static Graph negate(String in, String out) {
        return new Graph("mod", List.of(floats(in)), List.of(floats(out)), Map.of(),
                List.of(new Node("neg", "", "Negate", List.of(in), List.of(out), Attributes.EMPTY)),
                List.of(), Map.of("", 26));
    }

    @Test
    void plainSoftmaxAttention() {
        double e = Math.E;
        Tensor y = run(List.of(Attribute.of("scale", 1f)));
        assertArrayEquals(new float[] {(float) (10 + 10 * e / (1 + e))}, y.floats(), 1e-5f);
    }

    @Test
    void scoreModRunsOnTheScoresBeforeSoftmax() {
        // scores [0, 1] -> [0, -1]: weights [e, 1] / (1 + e)
        double e = Math.E;
        Tensor y = run(List.of(Attribute.of("scale", 1f), Attribute.of("score_mod", negate("scores", "out"))));
        assertArrayEquals(new float[] {(float) ((10 * e + 20) / (1 + e))}, y.floats(), 1e-5f);
    }

    @Test
    void probModRunsOnTheProbabilities() {
        // probabilities p are negated, so Y = -(10 p0 + 20 p1)
        double e = Math.E;
        Tensor y = run(List.of(Attribute.of("scale", 1f), Attribute.of("prob_mod", negate("probs", "out"))));
        assertArrayEquals(new float[] {(float) -(10 + 10 * e / (1 + e))}, y.floats(), 1e-5f);
    }
}
