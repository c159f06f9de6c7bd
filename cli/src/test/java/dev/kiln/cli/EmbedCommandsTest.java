package dev.kiln.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kiln.runtime.io.Npy;
import dev.kiln.runtime.tensor.Shape;
import dev.kiln.runtime.tensor.Tensor;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code kiln embed} and {@code kiln similar} on the bundled model. */
class EmbedCommandsTest {
    /** Runs the CLI and returns its exit code and standard output. */
    private static Object[] run(String... args) throws Exception {
        PrintStream saved = System.out;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        try (PrintStream capture = new PrintStream(buf, true, StandardCharsets.UTF_8)) {
            System.setOut(capture);
            Callable<Integer> call = () -> new CommandLine(new KilnCli()).execute(args);
            int code = call.call();
            return new Object[] {code, buf.toString(StandardCharsets.UTF_8)};
        } finally {
            System.setOut(saved);
        }
    }

    @Test
    void embedWritesOneUnitRowPerTextToNpy(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("e.npy");
        Object[] r = run("embed", "--out", out.toString(), "first text", "second text");
        assertEquals(0, r[0]);
        assertTrue(((String) r[1]).contains("wrote 2 x 384"), (String) r[1]);
        Tensor t = Npy.read(out);
        assertEquals(Shape.of(2, 384), t.shape());
        double norm = 0;
        for (int i = 0; i < 384; i++) norm += t.floats()[384 + i] * t.floats()[384 + i];
        assertEquals(1.0, norm, 1e-5);
    }

    @Test
    void embedPrintsDimsNormAndValues() throws Exception {
        Object[] r = run("embed", "--show", "3", "hello");
        assertEquals(0, r[0]);
        String out = (String) r[1];
        assertTrue(out.contains("dims 384, norm 1.000000, ["), out);
    }

    @Test
    void similarPrintsASymmetricMatrixWithOnesOnTheDiagonal() throws Exception {
        Object[] r = run("similar", "A man is eating food.", "A man eats a meal.", "The stock market fell.");
        assertEquals(0, r[0]);
        String[] lines = ((String) r[1]).split("\n");
        // three legend lines, a header, then three rows
        assertEquals(7, lines.length, (String) r[1]);
        double[][] m = new double[3][];
        for (int i = 0; i < 3; i++) {
            String[] cells = lines[4 + i].trim().split("\\s+");
            m[i] = new double[] {Double.parseDouble(cells[1]), Double.parseDouble(cells[2]), Double.parseDouble(cells[3])};
            assertEquals(1.0, m[i][i], 1e-4);
        }
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) assertEquals(m[i][j], m[j][i], 1e-4);
        }
        assertTrue(m[0][1] > m[0][2], "the paraphrase is closer than the unrelated sentence");
    }

    @Test
    void modelAndTokenizerGoTogether() throws Exception {
        Object[] r = run("embed", "--model", "x.onnx", "text");
        assertEquals(1, r[0]);
    }
}
