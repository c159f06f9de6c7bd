package dev.kiln.models.classic;

import dev.kiln.models.data.Checks;
import dev.kiln.models.data.Csv;
import dev.kiln.models.data.Dataset;
import dev.kiln.models.data.Metrics;
import dev.kiln.models.data.Split;
import dev.kiln.models.data.Splits;
import dev.kiln.runtime.graph.Graph;
import dev.kiln.runtime.graph.ValueInfo;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Trains a classic model on a CSV file, reports held-out metrics and 5-fold cross-validation,
 * and writes the fitted model as ONNX (the engine behind {@code kiln fit}).
 *
 * <p>The CSV's first line names the columns; every column but the label must be numeric.
 * Kinds: {@code linear} (least squares), {@code logistic} (standard scaler + logistic
 * regression), {@code tree} (classification tree), {@code tree-regressor}, {@code kmeans}
 * (k = number of distinct labels, scored by adjusted Rand index against them). Rows are split
 * 80/20 with the seed (stratified for classifiers); the exported model is the one fitted on the
 * 80% part, whose scores are printed.
 */
public final class FitTool {
    /** The supported model kinds. */
    public static final List<String> KINDS = List.of("linear", "logistic", "tree", "tree-regressor", "kmeans");

    private FitTool() {}

    /** Command-line use: {@code FitTool <csv> <label column> <kind> <seed> <out.onnx>}. */
    public static void main(String[] args) {
        if (args.length != 5) {
            System.err.println("usage: FitTool <data.csv> <label column> <" + String.join("|", KINDS) + "> <seed> <out.onnx>");
            System.exit(2);
        }
        run(Path.of(args[0]), args[1], args[2], Long.parseLong(args[3]), Path.of(args[4]), System.out);
    }

    /**
     * Fits, prints a report to {@code out}, and writes {@code model}.
     *
     * @throws IllegalArgumentException for an unknown kind, a missing label column, non-numeric
     *     features, or labels that a classifier cannot use
     */
    public static FitResult run(Path csv, String labelColumn, String kind, long seed, Path model, PrintStream out) {
        if (!KINDS.contains(kind)) throw new IllegalArgumentException("Unknown model kind '" + kind + "'; expected one of " + KINDS);
        Dataset data = Csv.read(csv, labelColumn);
        boolean classify = !kind.equals("linear") && !kind.equals("tree-regressor");
        out.printf(Locale.ROOT, "%s: %d rows, %d features, label '%s'%s%n", csv.getFileName(), data.rows(), data.features(),
                labelColumn, data.isClassification() ? " with classes " + indexed(data.classNames()) : "");
        int[] labels = classify ? Checks.integerLabels(data.y(), "label column '" + labelColumn + "'") : null;
        Split split = classify ? Splits.stratifiedTrainTest(labels, 0.2, seed) : Splits.trainTest(data.rows(), 0.2, seed);
        Dataset train = split.trainOf(data);
        Dataset test = split.testOf(data);
        out.printf(Locale.ROOT, "split (seed %d): %d training rows, %d test rows%n", seed, train.rows(), test.rows());
        FitResult r = kind.equals("kmeans")
                ? kmeans(data, train, test, seed, model, out)
                : supervised(kind, data, train, test, seed, model, out);
        out.println("wrote " + model);
        return r;
    }

    private static FitResult supervised(String kind, Dataset all, Dataset train, Dataset test, long seed, Path model, PrintStream out) {
        Estimator e = switch (kind) {
            case "linear" -> new LinearRegression();
            case "logistic" -> Pipeline.of(new StandardScaler(), new LogisticRegression());
            case "tree" -> new DecisionTreeClassifier();
            default -> new DecisionTreeRegressor();
        };
        out.println("model: " + e);
        e.fit(train.x(), train.y());
        double trainScore = e.score(train.x(), train.y());
        double testScore = e.score(test.x(), test.y());
        String metric = e.isClassifier() ? "accuracy" : "r2";
        out.printf(Locale.ROOT, "train %s %.4f, test %s %.4f%n", metric, trainScore, metric, testScore);
        if (e.isClassifier()) {
            int[] truth = test.labels();
            int[] pred = Checks.integerLabels(e.predict(test.x()), "predictions");
            int[] classes = Metrics.labelsOf(truth, pred);
            out.println("confusion matrix on the test rows (rows: true " + Arrays.toString(classes) + ", columns: predicted):");
            for (int[] row : Metrics.confusionMatrix(truth, pred, classes)) out.println("  " + Arrays.toString(row));
        } else {
            out.printf(Locale.ROOT, "test MSE %.6g%n", Metrics.mse(test.y(), e.predict(test.x())));
        }
        CvScores cv = CrossValidation.crossValidate(e.unfitted(), all.x(), all.y(), Math.min(5, all.rows()), seed);
        out.println("cross-validation: " + cv);
        Graph g = e.toOnnx();
        OnnxBuilder.write(g, model);
        describe(g, out);
        return new FitResult(kind, metric, trainScore, testScore, cv, model);
    }

    private static FitResult kmeans(Dataset all, Dataset train, Dataset test, long seed, Path model, PrintStream out) {
        int k = (int) Arrays.stream(all.labels()).distinct().count();
        KMeans m = new KMeans(KMeansConfig.of(k).withSeed(seed));
        out.println("model: k-means with k = " + k + " (the number of distinct labels)");
        m.fit(train.x());
        double trainScore = Metrics.adjustedRandIndex(train.labels(), m.labels());
        double testScore = Metrics.adjustedRandIndex(test.labels(), m.predict(test.x()));
        out.printf(Locale.ROOT, "inertia %.6g after %d iterations; adjusted Rand index vs labels: train %.4f, test %.4f%n",
                m.inertia(), m.iterations(), trainScore, testScore);
        Graph g = m.toOnnx();
        OnnxBuilder.write(g, model);
        describe(g, out);
        return new FitResult("kmeans", "adjusted_rand_index", trainScore, testScore, null, model);
    }

    private static void describe(Graph g, PrintStream out) {
        out.println("ONNX graph: " + g.nodes().stream().map(n -> (n.domain().isEmpty() ? "" : n.domain() + ":") + n.opType())
                .collect(Collectors.joining(" -> ")) + "; input " + g.inputs().get(0).name() + " " + g.inputs().get(0).type()
                + ", outputs " + g.outputs().stream().map(ValueInfo::name).toList());
    }

    private static String indexed(List<String> names) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < names.size(); i++) sb.append(i == 0 ? "" : ", ").append(i).append('=').append(names.get(i));
        return sb.toString();
    }
}
