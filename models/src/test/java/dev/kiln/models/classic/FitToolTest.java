package dev.kiln.models.classic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kiln.check.OrtRunner;
import dev.kiln.models.data.Dataset;
import dev.kiln.models.data.Datasets;
import dev.kiln.runtime.tensor.Tensor;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FitToolTest {
    @TempDir
    Path dir;

    /** Writes a dataset as a headed CSV with string class names. */
    private Path csv(Dataset d) throws IOException {
        StringBuilder sb = new StringBuilder(String.join(",", d.featureNames())).append(",species\n");
        for (int i = 0; i < d.rows(); i++) {
            for (double v : d.x()[i]) sb.append(v).append(',');
            sb.append(d.isClassification() ? d.classNames().get((int) d.y()[i]) : Double.toString(d.y()[i])).append('\n');
        }
        Path p = dir.resolve(d.name() + ".csv");
        Files.writeString(p, sb);
        return p;
    }

    @Test
    void fitsLogisticOnIrisCsvAndWritesARunnableModel() throws IOException {
        Path data = csv(Datasets.iris());
        Path model = dir.resolve("iris.onnx");
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        FitResult r = FitTool.run(data, "species", "logistic", 3, model, new PrintStream(buf, true, StandardCharsets.UTF_8));
        String report = buf.toString(StandardCharsets.UTF_8);
        System.out.print(report);
        assertTrue(report.contains("classes 0=setosa, 1=versicolor, 2=virginica"), report);
        assertTrue(report.contains("5-fold accuracy"), report);
        assertEquals(5, r.crossValidation().scores().length);
        assertTrue(r.testScore() >= 0.9);
        try (OrtRunner ort = new OrtRunner(Files.readAllBytes(model), 1)) {
            Map<String, Tensor> out = ort.run(Map.of("X", Tensor.of(new float[] {5.1f, 3.5f, 1.4f, 0.2f}, 1, 4)), null);
            assertEquals(0L, out.get("label").longs()[0], "a typical setosa");
        }
    }

    @Test
    void everyKindRuns() throws IOException {
        Path iris = csv(Datasets.iris());
        for (String kind : new String[] {"tree", "kmeans"}) {
            FitResult r = FitTool.run(iris, "species", kind, 1, dir.resolve(kind + ".onnx"), new PrintStream(new ByteArrayOutputStream()));
            assertTrue(Files.size(r.model()) > 0);
        }
        Path diabetes = csv(Datasets.diabetes());
        for (String kind : new String[] {"linear", "tree-regressor"}) {
            FitResult r = FitTool.run(diabetes, "species", kind, 1, dir.resolve(kind + ".onnx"), new PrintStream(new ByteArrayOutputStream()));
            assertEquals("r2", r.metric());
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> FitTool.run(iris, "species", "svm", 1, dir.resolve("x.onnx"), System.out));
        assertTrue(e.getMessage().contains("Unknown model kind"));
        Path fractional = dir.resolve("f.csv");
        Files.writeString(fractional, "a,y\n1,0.5\n2,1.5\n3,0.5\n4,1.5\n5,0.5\n6,1.5\n");
        e = assertThrows(IllegalArgumentException.class, () -> FitTool.run(fractional, "y", "logistic", 1, dir.resolve("x.onnx"),
                new PrintStream(new ByteArrayOutputStream())));
        assertTrue(e.getMessage().contains("whole numbers"), e.getMessage());
    }
}
