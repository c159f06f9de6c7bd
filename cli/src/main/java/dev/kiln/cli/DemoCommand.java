package dev.kiln.cli;

import dev.kiln.models.digits.DigitsModels;
import dev.kiln.models.digits.DigitsTraining;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code kiln demo}: trains the digits CNN from scratch, evaluates, exports and checks it. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Trains a CNN on the scikit-learn digits (80/20 split), prints test accuracy and a confusion "
                + "matrix, writes the loss/accuracy curves (PNG) and digits-cnn.onnx, and checks the export against "
                + "ONNX Runtime.")
final class DemoCommand implements Callable<Integer> {
    @Option(names = "--out", description = "Output folder (default ${DEFAULT-VALUE}).", defaultValue = "kiln-demo")
    Path out;

    @Option(names = "--quiet", description = "No progress bar.")
    boolean quiet;

    @Override
    public Integer call() throws Exception {
        DigitsTraining.Settings s = DigitsTraining.Settings.defaults(DigitsModels.Kind.CNN);
        s = s.with(s.epochs(), s.learningRate(), s.seed(), quiet);
        System.out.println("Training a CNN on the digits dataset (" + s.epochs() + " epochs, seed " + s.seed() + ")");
        DigitsTraining.Result r = DigitsTraining.run(s, System.out);
        return DigitsReport.finish(r, "digits-cnn", out, System.out) ? 0 : 1;
    }
}
