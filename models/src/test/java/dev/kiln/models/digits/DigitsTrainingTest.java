package dev.kiln.models.digits;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kiln.check.ErrorStats;
import dev.kiln.check.OrtRunner;
import dev.kiln.check.Tolerance;
import dev.kiln.importer.ExportOptions;
import dev.kiln.importer.OnnxExporter;
import dev.kiln.models.train.Augment;
import dev.kiln.runtime.tensor.Tensor;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The proof on real data: on the seeded 80/20 split of the digits, an MLP and a CNN
 * trained from scratch reach at least 97% test accuracy, the CNN in under two minutes; both
 * exports agree with ONNX Runtime (same classes on the whole test set, logits within 1e-4);
 * training is reproducible.
 */
class DigitsTrainingTest {
    private static final PrintStream QUIET = new PrintStream(java.io.OutputStream.nullOutputStream());

    private static DigitsTraining.Result train(DigitsModels.Kind kind, int epochs, Augment augment) {
        DigitsTraining.Settings d = DigitsTraining.Settings.defaults(kind);
        return DigitsTraining.run(d.with(epochs, d.learningRate(), 0, true).withAugment(augment), QUIET);
    }

    private static void assertAgreesWithOnnxRuntime(DigitsTraining.Result r, Tensor x) {
        byte[] bytes = OnnxExporter.toProto(r.model(), ExportOptions.defaults()).toByteArray();
        String in = r.model().graph().inputs().get(0).name();
        String out = r.model().graph().outputs().get(0).name();
        Tensor theirs;
        try (OrtRunner ort = new OrtRunner(bytes, 1)) {
            theirs = ort.run(Map.of(in, x), List.of(out)).get(out);
        }
        assertEquals(List.of(), mismatches(DigitsTraining.argmax(r.testLogits()), DigitsTraining.argmax(theirs)));
        ErrorStats s = ErrorStats.of(theirs, r.testLogits(), new Tolerance(0, 1e-4));
        assertTrue(s.maxAbs() <= 1e-4, "max abs logit difference " + s.maxAbs());
    }

    private static List<Integer> mismatches(int[] a, int[] b) {
        return java.util.stream.IntStream.range(0, a.length).filter(i -> a[i] != b[i]).boxed().toList();
    }

    @Test
    void mlpReaches97PercentAndIsReproducible() {
        DigitsTraining.Result a = train(DigitsModels.Kind.MLP, 40, null);
        System.out.printf("digits MLP: test accuracy %.4f in %.1f s%n", a.testAccuracy(), a.seconds());
        assertTrue(a.testAccuracy() >= 0.97, "MLP test accuracy " + a.testAccuracy());
        assertAgreesWithOnnxRuntime(a, DigitsData.flat(a.data().xTest()));
        DigitsTraining.Result b = train(DigitsModels.Kind.MLP, 40, null);
        double[] la = a.history().trainLoss();
        double[] lb = b.history().trainLoss();
        assertEquals(la[la.length - 1], lb[lb.length - 1], 0.0, "same seed, same final loss");
    }

    @Test
    void cnnReaches97PercentInUnderTwoMinutes() {
        DigitsTraining.Result r = train(DigitsModels.Kind.CNN, 30, null);
        System.out.printf("digits CNN: test accuracy %.4f in %.1f s%n", r.testAccuracy(), r.seconds());
        assertTrue(r.testAccuracy() >= 0.97, "CNN test accuracy " + r.testAccuracy());
        assertTrue(r.seconds() < 120, "CNN trained in " + r.seconds() + " s");
        assertAgreesWithOnnxRuntime(r, r.data().xTest());
    }

    @Test
    void augmentationDoesNotHurt() {
        DigitsTraining.Result plain = train(DigitsModels.Kind.CNN, 12, null);
        DigitsTraining.Result augmented = train(DigitsModels.Kind.CNN, 12, new Augment(10, 0.1, 0.5));
        System.out.printf("digits CNN, 12 epochs: plain %.4f, augmented %.4f%n", plain.testAccuracy(), augmented.testAccuracy());
        assertTrue(augmented.testAccuracy() >= plain.testAccuracy() - 0.01,
                "augmented " + augmented.testAccuracy() + " vs plain " + plain.testAccuracy());
    }
}
