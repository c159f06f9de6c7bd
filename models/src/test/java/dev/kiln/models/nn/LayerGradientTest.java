package dev.kiln.models.nn;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kiln.ops.StandardOps;
import dev.kiln.runtime.exec.Backprop;
import dev.kiln.runtime.graph.Graph;
import dev.kiln.runtime.graph.Model;
import dev.kiln.runtime.graph.ValueInfo;
import dev.kiln.runtime.graph.ValueType;
import dev.kiln.runtime.tensor.DType;
import dev.kiln.runtime.tensor.Tensor;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Gradients through whole layers (composed of many ops, attention included) against central
 * finite differences of {@code L = sum(w * y)}. The layers' graphs are converted to float64
 * (every float32 initializer and input), so the bar is the float64 one: relative error 1e-6.
 * Smooth activations are used where a finite-difference step could cross a ReLU kink; ReLU's own
 * backward is checked op by op in the ops module.
 */
class LayerGradientTest {
    private static double check(Function<GraphBuilder, Var> body, long seed) {
        GraphBuilder b = new GraphBuilder("g");
        Var y = body.apply(b);
        b.output(y, DType.FLOAT32);
        Model m = Model.of(toFloat64(b.build()));
        Backprop bp = new Backprop(m, StandardOps.registry());
        SplittableRandom rnd = new SplittableRandom(seed);
        Map<String, Tensor> feeds = new HashMap<>(dev.kiln.runtime.io.RandomInputs.generate(
                m.graph().feedInputs(), Map.of(), seed));
        for (String p : b.trainableNames()) feeds.put(p, m.graph().initializers().get(p).copy());
        Tensor out = bp.forward(feeds).tensor(y.name());
        double[] w = new double[out.size()];
        for (int i = 0; i < w.length; i++) w[i] = rnd.nextDouble() * 2 - 1;
        Tensor seedGrad = Tensor.of(w, out.shape().dims());
        Map<String, Tensor> grads = bp.forward(feeds).backward(Map.of(y.name(), seedGrad), b.trainableNames());
        double maxDiff = 0;
        double scale = 1e-6;
        for (String p : b.trainableNames()) {
            Tensor param = feeds.get(p);
            for (int k = 0; k < 3; k++) {
                int i = rnd.nextInt(param.size());
                double orig = param.doubles()[i];
                double h = 1e-6;
                param.doubles()[i] = orig + h;
                double plus = weighted(bp.forward(feeds).tensor(y.name()), w);
                param.doubles()[i] = orig - h;
                double minus = weighted(bp.forward(feeds).tensor(y.name()), w);
                param.doubles()[i] = orig;
                double numeric = (plus - minus) / (2 * h);
                double analytic = grads.get(p).doubles()[i];
                maxDiff = Math.max(maxDiff, Math.abs(numeric - analytic));
                scale = Math.max(scale, Math.max(Math.abs(numeric), Math.abs(analytic)));
            }
        }
        return maxDiff / scale;
    }

    private static double weighted(Tensor y, double[] w) {
        double s = 0;
        for (int i = 0; i < w.length; i++) s += y.doubles()[i] * w[i];
        return s;
    }

    /** The same graph with every float32 initializer, input and output turned into float64. */
    private static Graph toFloat64(Graph g) {
        Map<String, Tensor> inits = new java.util.LinkedHashMap<>();
        for (var e : g.initializers().entrySet()) {
            Tensor t = e.getValue();
            inits.put(e.getKey(), t.dtype() == DType.FLOAT32 ? Tensor.of(t.toDoubleArray(), t.shape().dims()) : t);
        }
        java.util.function.UnaryOperator<ValueInfo> widen = v -> v.type().elemType() == DType.FLOAT32
                ? ValueInfo.of(v.name(), ValueType.tensor(DType.FLOAT64, v.type().dims())) : v;
        return new Graph(g.name(), g.inputs().stream().map(widen).toList(), g.outputs().stream().map(widen).toList(),
                inits, g.nodes(), g.valueInfos(), g.opsets());
    }

    @Test
    void transformerBlocksWithAttentionAndMasks() {
        for (boolean preNorm : new boolean[] {true, false}) {
            SplittableRandom rnd = new SplittableRandom(3);
            double err = check(b -> new TransformerBlock(8, 2, preNorm, true, 8, rnd).apply(b,
                    b.input("x", DType.FLOAT32, 2, 5, 8)), 11);
            assertTrue(err <= 1e-6, (preNorm ? "pre" : "post") + "-norm block relative error " + err);
        }
    }

    @Test
    void convolutionalStackAndEmbeddings() {
        SplittableRandom rnd = new SplittableRandom(4);
        double cnn = check(b -> Sequential.of(new Conv2D(Conv2D.Config.of(2, 3, 3).padding(1), rnd), Activation.tanh(),
                Pool2D.average(2), new BatchNorm(3), new Flatten(), new Dense(3 * 3 * 3, 4, rnd), Activation.sigmoid())
                .apply(b, b.input("x", DType.FLOAT32, 2, 2, 6, 6)), 12);
        assertTrue(cnn <= 1e-6, "CNN relative error " + cnn);
        double emb = check(b -> Sequential.of(new Embedding(10, 6, rnd), PositionalEncoding.learned(8, 6, rnd),
                new LayerNorm(6), Activation.gelu(), new Dense(6, 3, rnd), Activation.softmax())
                .apply(b, b.input("ids", DType.INT64, 2, 4)), 13);
        assertTrue(emb <= 1e-6, "embedding stack relative error " + emb);
    }
}
