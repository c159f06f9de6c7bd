package dev.kiln.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kiln.importer.ExportOptions;
import dev.kiln.importer.OnnxExporter;
import dev.kiln.importer.TensorCodec;
import dev.kiln.models.nn.Activation;
import dev.kiln.models.nn.Dense;
import dev.kiln.models.nn.GraphBuilder;
import dev.kiln.models.nn.Sequential;
import dev.kiln.models.nn.Var;
import dev.kiln.runtime.graph.Model;
import dev.kiln.runtime.tensor.DType;
import dev.kiln.runtime.tensor.Tensor;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code kiln check} on a deliberately corrupted export names the node that reads the altered weight. */
class CheckCommandTest {
    private static int run(ByteArrayOutputStream captured, String... args) {
        PrintStream old = System.out;
        System.setOut(new PrintStream(captured, true));
        try {
            return new CommandLine(new KilnCli()).execute(args);
        } finally {
            System.setOut(old);
        }
    }

    @Test
    void agreementExitsZeroAndACorruptedWeightIsLocalised(@TempDir Path dir) throws Exception {
        GraphBuilder b = new GraphBuilder("mlp");
        Var x = b.input("x", DType.FLOAT32, "batch", 5);
        SplittableRandom rnd = new SplittableRandom(1);
        Var y = Sequential.of(new Dense(5, 7, rnd), Activation.tanh(), new Dense(7, 7, rnd), Activation.relu(),
                new Dense(7, 2, rnd)).apply(b, x);
        b.output(y, DType.FLOAT32);
        Model model = Model.of(b.build());
        var proto = OnnxExporter.toProto(model, ExportOptions.defaults());
        Path original = dir.resolve("mlp.onnx");
        Files.write(original, proto.toByteArray());

        ByteArrayOutputStream ok = new ByteArrayOutputStream();
        assertEquals(0, run(ok, "check", original.toString(), "--dims", "batch=3"), ok.toString());
        assertTrue(ok.toString().contains("AGREE"), ok.toString());

        var g = proto.getGraph().toBuilder();
        for (int i = 0; i < g.getInitializerCount(); i++) {
            if (g.getInitializer(i).getName().equals("dense_1/W")) {
                Tensor w = TensorCodec.decode(g.getInitializer(i)).copy();
                w.floats()[3] -= 0.5f;
                g.setInitializer(i, TensorCodec.encode(w, "dense_1/W"));
            }
        }
        Path corrupted = dir.resolve("corrupted.onnx");
        Files.write(corrupted, proto.toBuilder().setGraph(g).build().toByteArray());
        ByteArrayOutputStream bad = new ByteArrayOutputStream();
        assertEquals(1, run(bad, "check", original.toString(), "--against", corrupted.toString(), "--dims", "batch=3"));
        assertTrue(bad.toString().contains("first diverging node: 'dense_1/Gemm' (Gemm)"), bad.toString());

        // --graph: the diverging node red (thick border), the node feeding it orange
        Path picture = dir.resolve("check.dot");
        assertEquals(1, run(new ByteArrayOutputStream(), "check", original.toString(), "--against", corrupted.toString(),
                "--dims", "batch=3", "--graph", picture.toString()));
        String dot = Files.readString(picture);
        assertTrue(dot.contains("first diverging node 'dense_1/Gemm' (Gemm)"), dot);
        String marked = dot.lines().filter(l -> l.contains("label=\"Gemm\\ndense_1/Gemm")).findFirst().orElseThrow();
        assertTrue(marked.contains("#c00000") && marked.contains("penwidth=3"), marked);
        assertEquals(1, dot.lines().filter(l -> l.contains("#fbd38d")).count(), "one node feeds dense_1/Gemm:\n" + dot);
    }
}
