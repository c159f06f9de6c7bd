package dev.kiln.cli;

import dev.kiln.models.digits.DigitsModels;
import dev.kiln.models.digits.DigitsTraining;
import dev.kiln.models.train.Augment;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code kiln train}: trains the digits MLP or CNN with chosen settings. */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Trains the digits MLP or CNN from scratch, evaluates it, writes <model>.onnx and its curves, "
                + "and checks the export against ONNX Runtime.")
final class TrainCommand implements Callable<Integer> {
    @Option(names = "--model", description = "mlp or cnn (default ${DEFAULT-VALUE}).", defaultValue = "cnn")
    String model;

    @Option(names = "--epochs", description = "Epochs (default: 30 for the CNN, 40 for the MLP).")
    Integer epochs;

    @Option(names = "--lr", description = "Adam learning rate (default: 3e-3 CNN, 2e-3 MLP).")
    Double lr;

    @Option(names = "--seed", description = "Seed of split, initialisation and shuffling (default ${DEFAULT-VALUE}).",
            defaultValue = "0")
    long seed;

    @Option(names = "--out", description = "Output folder (default ${DEFAULT-VALUE}).", defaultValue = "kiln-train")
    Path out;

    @Option(names = "--augment", description = "Random affine augmentation of the training images (CNN): rotation up to "
            + "10 degrees, scale 0.9-1.1, shift up to half a pixel.")
    boolean augment;

    @Option(names = "--quiet", description = "No progress bar.")
    boolean quiet;

    @Override
    public Integer call() throws Exception {
        DigitsModels.Kind kind = switch (model.toLowerCase()) {
            case "mlp" -> DigitsModels.Kind.MLP;
            case "cnn" -> DigitsModels.Kind.CNN;
            default -> throw new IllegalArgumentException("--model must be mlp or cnn, got '" + model + "'");
        };
        DigitsTraining.Settings d = DigitsTraining.Settings.defaults(kind);
        DigitsTraining.Settings s = d.with(epochs != null ? epochs : d.epochs(), lr != null ? lr : d.learningRate(), seed, quiet);
        if (augment) s = s.withAugment(new Augment(10, 0.1, 0.5));
        if (s.epochs() <= 0 || !(s.learningRate() > 0)) throw new IllegalArgumentException("--epochs and --lr must be positive");
        DigitsTraining.Result r = DigitsTraining.run(s, System.out);
        return DigitsReport.finish(r, "digits-" + model.toLowerCase(), out, System.out) ? 0 : 1;
    }
}
