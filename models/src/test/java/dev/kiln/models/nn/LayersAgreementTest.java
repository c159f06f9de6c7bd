package dev.kiln.models.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kiln.check.AgreementChecker;
import dev.kiln.check.CheckReport;
import dev.kiln.check.Tolerance;
import dev.kiln.importer.ExportOptions;
import dev.kiln.importer.OnnxExporter;
import dev.kiln.runtime.graph.Graph;
import dev.kiln.runtime.graph.Model;
import dev.kiln.runtime.tensor.DType;
import dev.kiln.runtime.tensor.Tensor;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Every layer alone and the composed models, exported to ONNX and run in ONNX Runtime on the
 * same random inputs as Kiln: max abs difference at most 1e-5 (float32).
 */
class LayersAgreementTest {
    private static final Tolerance TOL = new Tolerance(0, 1e-5);

    /** Builds a graph with input x of the given dims (symbolic "batch" first), applies the module. */
    private static double check(String what, Function<GraphBuilder, Var> body, Map<String, Long> dims, long seed) {
        GraphBuilder b = new GraphBuilder(what);
        Var y = body.apply(b);
        b.output(y, DType.FLOAT32);
        Graph g = b.build();
        byte[] bytes = OnnxExporter.toProto(Model.of(g), ExportOptions.defaults()).toByteArray();
        CheckReport r = AgreementChecker.check(bytes, Map.of(), dims, seed, TOL);
        assertTrue(r.passed(), what + "\n" + r.format());
        System.out.printf("agreement %-60s max abs %.2e%n", what.replace('\n', ' '), r.maxAbsError());
        return r.maxAbsError();
    }

    private static double checkLayer(Module m, long seed, Object... dims) {
        return check(m.toString(), b -> m.apply(b, b.input("x", DType.FLOAT32, dims)), Map.of("batch", 3L), seed);
    }

    @Test
    void eachLayerAloneAgreesAtSeveralShapes() {
        SplittableRandom rnd = new SplittableRandom(1);
        for (int batch : new int[] {1, 3}) {
            Map<String, Long> dims = Map.of("batch", (long) batch);
            check("dense2d", b -> new Dense(7, 5, rnd).apply(b, b.input("x", DType.FLOAT32, "batch", 7)), dims, batch);
            check("dense3d", b -> new Dense(6, 4, rnd).apply(b, b.input("x", DType.FLOAT32, "batch", 5, 6)), dims, batch);
            check("conv1d", b -> new Conv1D(6, 9, rnd).apply(b, b.input("x", DType.FLOAT32, "batch", 5, 6)), dims, batch);
        }
        checkLayer(new Conv2D(Conv2D.Config.of(3, 4, 3).padding(1).stride(2), rnd), 2, "batch", 3, 9, 11);
        checkLayer(new Conv2D(Conv2D.Config.of(4, 6, 3).dilation(2).groups(2), rnd), 3, "batch", 4, 10, 9);
        checkLayer(Pool2D.max(2), 4, "batch", 2, 7, 9);
        checkLayer(Pool2D.average(3), 5, "batch", 2, 9, 10);
        checkLayer(new BatchNorm(3), 6, "batch", 3, 5, 5);
        checkLayer(new LayerNorm(7), 7, "batch", 4, 7);
        checkLayer(new Dropout(0.3f), 8, "batch", 5);
        checkLayer(new Flatten(), 9, "batch", 2, 3, 4);
        for (Activation a : List.of(Activation.relu(), Activation.gelu(), Activation.tanh(), Activation.sigmoid(), Activation.softmax())) {
            checkLayer(a, 10, "batch", 3, 11);
        }
        checkLayer(PositionalEncoding.sinusoidal(16, 6), 11, "batch", 5, 6);
        checkLayer(PositionalEncoding.learned(16, 6, rnd), 12, "batch", 5, 6);
        checkLayer(new MultiHeadAttention(8, 2, false, 16, rnd), 13, "batch", 5, 8);
        checkLayer(new MultiHeadAttention(8, 4, true, 16, rnd), 14, "batch", 7, 8);
        check("embedding", b -> new Embedding(20, 6, rnd).apply(b, b.input("ids", DType.INT64, "batch", 5)),
                Map.of("batch", 2L), 15);
    }

    @Test
    void multiLayerPerceptron() {
        SplittableRandom rnd = new SplittableRandom(2);
        Sequential mlp = Sequential.of(new Dense(13, 32, rnd), Activation.relu(), new Dense(32, 16, rnd),
                Activation.tanh(), new Dense(16, 3, rnd), Activation.softmax());
        double err = check("MLP 13-32-16-3", b -> mlp.apply(b, b.input("x", DType.FLOAT32, "batch", 13)), Map.of("batch", 3L), 21);
        assertTrue(err <= 1e-5);
    }

    @Test
    void leNetStyleCnn() {
        SplittableRandom rnd = new SplittableRandom(3);
        Sequential cnn = Sequential.of(
                new Conv2D(Conv2D.Config.of(1, 6, 5).padding(2), rnd), Activation.relu(), Pool2D.max(2),
                new Conv2D(Conv2D.Config.of(6, 16, 5), rnd), Activation.relu(), Pool2D.average(2),
                new Flatten(), new Dense(16 * 5 * 5, 120, rnd), Activation.relu(), new Dense(120, 84, rnd),
                Activation.relu(), new Dense(84, 10, rnd));
        check("LeNet-style CNN 28x28", b -> cnn.apply(b, b.input("x", DType.FLOAT32, "batch", 1, 28, 28)), Map.of("batch", 3L), 31);
    }

    @Test
    void transformerEncoderWithMasksAndPositionalEncoding() {
        SplittableRandom rnd = new SplittableRandom(4);
        for (boolean preNorm : new boolean[] {true, false}) {
            GraphBuilder b = new GraphBuilder("encoder");
            Var x = b.input("x", DType.FLOAT32, "batch", "seq", 16);
            Var mask = b.input("mask", DType.FLOAT32, "batch", "seq");
            Var h = PositionalEncoding.sinusoidal(32, 16).apply(b, x);
            h = new TransformerBlock(16, 4, preNorm, false, 32, rnd).apply(b, h, mask);
            h = new TransformerBlock(16, 4, preNorm, false, 32, rnd).apply(b, h, mask);
            b.output(h, DType.FLOAT32);
            byte[] bytes = OnnxExporter.toProto(Model.of(b.build()), ExportOptions.defaults()).toByteArray();
            // batch 2, seq 7; second row padded after 4 tokens
            float[] m = {1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0};
            Map<String, Tensor> given = new HashMap<>();
            given.put("mask", Tensor.of(m, 2, 7));
            CheckReport r = AgreementChecker.check(bytes, given, Map.of("batch", 2L, "seq", 7L), 41, TOL);
            assertTrue(r.passed(), r.format());
            System.out.printf("agreement %-60s max abs %.2e%n", "2-block encoder " + (preNorm ? "pre" : "post") + "-norm", r.maxAbsError());
        }
    }

    @Test
    void gptStyleDecoderWithCausalMask() {
        SplittableRandom rnd = new SplittableRandom(5);
        GraphBuilder b = new GraphBuilder("decoder");
        Var ids = b.input("ids", DType.INT64, "batch", "seq");
        Var h = new Embedding(50, 16, rnd).apply(b, ids);
        h = PositionalEncoding.learned(32, 16, rnd).apply(b, h);
        h = new TransformerBlock(16, 2, true, true, 32, rnd).apply(b, h);
        h = new TransformerBlock(16, 2, true, true, 32, rnd).apply(b, h);
        h = new LayerNorm(16).apply(b, h);
        h = new Dense(16, 50, rnd).apply(b, h);
        b.output(h, DType.FLOAT32);
        byte[] bytes = OnnxExporter.toProto(Model.of(b.build()), ExportOptions.defaults()).toByteArray();
        for (long seq : new long[] {1, 5, 9}) {
            CheckReport r = AgreementChecker.check(bytes, Map.of(), Map.of("batch", 2L, "seq", seq), 50 + seq, TOL);
            assertTrue(r.passed(), r.format());
            System.out.printf("agreement %-60s max abs %.2e%n", "2-block GPT decoder seq " + seq, r.maxAbsError());
        }
    }

    @Test
    void causalMaskHidesTheFuture() {
        // changing the last token must not change the outputs at earlier positions
        SplittableRandom rnd = new SplittableRandom(6);
        GraphBuilder b = new GraphBuilder("causal");
        Var x = b.input("x", DType.FLOAT32, 1, 4, 8);
        Var y = new MultiHeadAttention(8, 2, true, 8, rnd).apply(b, x);
        b.output(y, DType.FLOAT32);
        var s = new dev.kiln.runtime.exec.Session(Model.of(b.build()), dev.kiln.ops.StandardOps.registry(), null);
        float[] a = new float[32];
        for (int i = 0; i < 32; i++) a[i] = (float) Math.sin(i);
        float[] c = a.clone();
        for (int i = 24; i < 32; i++) c[i] += 3;
        float[] ya = s.run(Map.of("x", Tensor.of(a, 1, 4, 8))).tensor(y.name()).floats();
        float[] yc = s.run(Map.of("x", Tensor.of(c, 1, 4, 8))).tensor(y.name()).floats();
        for (int i = 0; i < 24; i++) assertEquals(ya[i], yc[i], 0f, "position " + i / 8);
        boolean changed = false;
        for (int i = 24; i < 32; i++) changed |= ya[i] != yc[i];
        assertTrue(changed);
    }

    @Test
    void corruptedExportIsLocalisedToTheNodeReadingTheAlteredWeight() {
        SplittableRandom rnd = new SplittableRandom(7);
        GraphBuilder b = new GraphBuilder("mlp");
        Var x = b.input("x", DType.FLOAT32, "batch", 6);
        Var y = Sequential.of(new Dense(6, 8, rnd), Activation.relu(), new Dense(8, 8, rnd), Activation.relu(),
                new Dense(8, 3, rnd)).apply(b, x);
        b.output(y, DType.FLOAT32);
        Model model = Model.of(b.build());
        var proto = OnnxExporter.toProto(model, ExportOptions.defaults());
        var g = proto.getGraph().toBuilder();
        String altered = "dense_1/W";
        for (int i = 0; i < g.getInitializerCount(); i++) {
            if (g.getInitializer(i).getName().equals(altered)) {
                Tensor w = dev.kiln.importer.TensorCodec.decode(g.getInitializer(i)).copy();
                w.floats()[5] += 0.25f;
                g.setInitializer(i, dev.kiln.importer.TensorCodec.encode(w, altered));
            }
        }
        byte[] corrupted = proto.toBuilder().setGraph(g).build().toByteArray();
        CheckReport r = AgreementChecker.check(model, corrupted, Map.of(), Map.of("batch", 4L), 3, TOL);
        assertTrue(!r.passed(), r.format());
        String consumer = model.graph().nodes().stream().filter(n -> n.inputs().contains(altered)).findFirst().orElseThrow().name();
        assertEquals(consumer, r.divergence().nodeName(), r.format());
        assertEquals("Gemm", r.divergence().opType());
    }

    @Test
    void exportReimportRunIsBitIdentical() {
        SplittableRandom rnd = new SplittableRandom(8);
        GraphBuilder b = new GraphBuilder("roundtrip");
        Var x = b.input("x", DType.FLOAT32, "batch", "seq", 8);
        Var h = new TransformerBlock(8, 2, true, true, 16, rnd).apply(b, x);
        h = new Dense(8, 4, rnd).apply(b, h);
        b.output(h, DType.FLOAT32);
        Model original = Model.of(b.build());
        Model back = dev.kiln.importer.OnnxImporter.read(
                OnnxExporter.toProto(original, ExportOptions.defaults()).toByteArray(), null);
        var inputs = dev.kiln.runtime.io.RandomInputs.generate(
                new dev.kiln.runtime.exec.Session(original, dev.kiln.ops.StandardOps.registry(), null).inputs(),
                Map.of("batch", 2L, "seq", 5L), 9);
        float[] a = new dev.kiln.runtime.exec.Session(original, dev.kiln.ops.StandardOps.registry(), null)
                .run(inputs).tensor(h.name()).floats();
        float[] c = new dev.kiln.runtime.exec.Session(back, dev.kiln.ops.StandardOps.registry(), null)
                .run(inputs).tensor(h.name()).floats();
        org.junit.jupiter.api.Assertions.assertArrayEquals(a, c, 0f);
    }
}
