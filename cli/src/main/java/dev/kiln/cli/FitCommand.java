package dev.kiln.cli;

import dev.kiln.models.classic.FitTool;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code kiln fit}: trains a classic model on a CSV file and writes it as ONNX. */
@Command(name = "fit", mixinStandardHelpOptions = true,
        description = "Trains a classic model (linear, logistic, tree, tree-regressor, kmeans) on a CSV with a label "
                + "column (80/20 seeded split), prints test metrics and 5-fold cross-validation, and writes the fitted "
                + "model as .onnx.")
final class FitCommand implements Callable<Integer> {
    @Parameters(index = "0", description = "CSV file (optionally .gz) with a header row.")
    Path csv;

    @Option(names = "--label", required = true, description = "Name of the label/target column.")
    String label;

    @Option(names = "--model", description = "One of ${COMPLETION-CANDIDATES} (default ${DEFAULT-VALUE}).",
            defaultValue = "logistic", completionCandidates = Kinds.class)
    String kind;

    @Option(names = "--seed", description = "Seed of the split and of the model (default ${DEFAULT-VALUE}).",
            defaultValue = "0")
    long seed;

    @Option(names = "--out", description = "The .onnx file to write (default ${DEFAULT-VALUE}).", defaultValue = "model.onnx")
    Path out;

    /** The model kinds, for the help text. */
    static final class Kinds extends java.util.ArrayList<String> {
        Kinds() { super(FitTool.KINDS); }
    }

    @Override
    public Integer call() {
        FitTool.run(csv, label, kind, seed, out, System.out);
        return 0;
    }
}
