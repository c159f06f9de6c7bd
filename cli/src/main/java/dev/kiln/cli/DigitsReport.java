package dev.kiln.cli;

import dev.kiln.check.ErrorStats;
import dev.kiln.check.OrtRunner;
import dev.kiln.check.Tolerance;
import dev.kiln.importer.ExportOptions;
import dev.kiln.importer.OnnxExporter;
import dev.kiln.models.digits.DigitsTraining;
import dev.kiln.models.train.CurvePlot;
import dev.kiln.runtime.tensor.Tensor;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Prints, writes and checks the result of a digits training run (shared by demo and train). */
final class DigitsReport {
    private DigitsReport() {}

    /** Prints accuracy and confusion matrix, writes the curves and the ONNX file, checks it against ORT. */
    static boolean finish(DigitsTraining.Result r, String name, Path outDir, PrintStream out) throws IOException {
        Files.createDirectories(outDir);
        out.printf("trained in %.1f s%ntest accuracy: %.4f (%d images)%n", r.seconds(), r.testAccuracy(),
                r.data().yTest().size());
        out.println("confusion matrix (rows: true digit, columns: predicted):");
        out.print("     ");
        for (int j = 0; j < 10; j++) out.printf("%4d", j);
        out.println();
        for (int i = 0; i < 10; i++) {
            out.printf("%4d ", i);
            for (int j = 0; j < 10; j++) out.printf("%4d", r.confusion()[i][j]);
            out.println();
        }
        Path png = outDir.resolve(name + "-curves.png");
        CurvePlot.save(r.history(), name, png);
        out.println("loss and accuracy curves: " + png);
        Path onnx = outDir.resolve(name + ".onnx");
        OnnxExporter.write(r.model(), onnx, ExportOptions.defaults().withDocString("Digits classifier trained by Kiln"));
        out.println("model: " + onnx);

        String input = r.model().graph().inputs().get(0).name();
        String output = r.model().graph().outputs().get(0).name();
        Tensor x = r.model().graph().inputs().get(0).type().dims().size() == 2
                ? dev.kiln.models.digits.DigitsData.flat(r.data().xTest()) : r.data().xTest();
        Tensor theirs;
        try (OrtRunner ort = new OrtRunner(Files.readAllBytes(onnx), 1)) {
            theirs = ort.run(Map.of(input, x), List.of(output)).get(output);
        }
        ErrorStats stats = ErrorStats.of(theirs, r.testLogits(), new Tolerance(0, 1e-4));
        int[] ours = DigitsTraining.argmax(r.testLogits());
        int[] ortClasses = DigitsTraining.argmax(theirs);
        int differ = 0;
        for (int i = 0; i < ours.length; i++) if (ours[i] != ortClasses[i]) differ++;
        boolean ok = differ == 0 && stats.maxAbs() <= 1e-4;
        out.printf("ONNX Runtime check on the %d test images: %d predicted classes differ, max abs logit difference %.2e -> %s%n",
                ours.length, differ, stats.maxAbs(), ok ? "AGREE" : "DISAGREE");
        return ok;
    }
}
