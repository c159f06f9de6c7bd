package dev.kiln.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kiln.importer.ExportOptions;
import dev.kiln.importer.OnnxExporter;
import dev.kiln.models.nn.Activation;
import dev.kiln.models.nn.Dense;
import dev.kiln.models.nn.GraphBuilder;
import dev.kiln.models.nn.Sequential;
import dev.kiln.models.nn.Var;
import dev.kiln.runtime.graph.Model;
import dev.kiln.runtime.tensor.DType;
import dev.kiln.runtime.tensor.Tensor;
import dev.kiln.runtime.tensor.Value;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code kiln soak} on a small MLP, its bitwise comparison and {@code --max-memory} sizes. */
class SoakCommandTest {
    @Test
    void aSmallModelSoaksIdenticallyOnManyThreads(@TempDir Path dir) throws Exception {
        GraphBuilder b = new GraphBuilder("mlp");
        Var x = b.input("x", DType.FLOAT32, "batch", 5);
        SplittableRandom rnd = new SplittableRandom(1);
        Var y = Sequential.of(new Dense(5, 7, rnd), Activation.tanh(), new Dense(7, 2, rnd)).apply(b, x);
        b.output(y, DType.FLOAT32);
        Path model = dir.resolve("mlp.onnx");
        Files.write(model, OnnxExporter.toProto(Model.of(b.build()), ExportOptions.defaults()).toByteArray());

        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream old = System.out;
        System.setOut(new PrintStream(captured, true));
        int code;
        try {
            code = new CommandLine(new KilnCli()).execute("soak", model.toString(), "--threads", "4",
                    "--runs", "400", "--warmup", "40", "--dims", "batch=3");
        } finally {
            System.setOut(old);
        }
        String out = captured.toString();
        assertTrue(out.contains("440 runs on 4 threads: all identical"), out);
        // a flat heap of a few MB can move by more than 10% with GC noise: only the comparison is asserted
        assertTrue(code == 0 || out.contains("heap after warm-up"), out);
    }

    @Test
    void outputsAreComparedBitForBit() {
        Map<String, Value> a = Map.of("y", Tensor.of(new float[] {0f, Float.NaN}, 2));
        assertTrue(SoakCommand.identical(a, Map.of("y", Tensor.of(new float[] {0f, Float.NaN}, 2))));
        assertFalse(SoakCommand.identical(a, Map.of("y", Tensor.of(new float[] {-0f, Float.NaN}, 2))));
        assertFalse(SoakCommand.identical(a, Map.of("y", Tensor.of(new float[] {0f, Float.NaN}, 1, 2))));
    }

    @Test
    void sizesParse() {
        assertEquals(512L << 20, ByteSize.parse("512m"));
        assertEquals(2L << 30, ByteSize.parse("2G"));
        assertEquals(64L << 10, ByteSize.parse("64kb"));
        assertEquals(1000, ByteSize.parse("1000"));
        assertThrows(IllegalArgumentException.class, () -> ByteSize.parse("-5m"));
        assertThrows(IllegalArgumentException.class, () -> ByteSize.parse("lots"));
    }
}
