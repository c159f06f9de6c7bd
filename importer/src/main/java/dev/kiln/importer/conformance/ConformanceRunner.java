package dev.kiln.importer.conformance;

import dev.kiln.importer.OnnxImporter;
import dev.kiln.importer.ValueCodec;
import dev.kiln.ops.StandardOps;
import dev.kiln.runtime.OpExecutionException;
import dev.kiln.runtime.UnsupportedOperatorException;
import dev.kiln.runtime.exec.Outputs;
import dev.kiln.runtime.exec.Session;
import dev.kiln.runtime.exec.SessionOptions;
import dev.kiln.runtime.graph.Graph;
import dev.kiln.runtime.graph.Model;
import dev.kiln.runtime.graph.ValueInfo;
import dev.kiln.runtime.tensor.Value;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Runs ONNX backend node test cases: loads {@code model.onnx}, feeds each
 * {@code test_data_set_N/input_K.pb} and compares with {@code output_K.pb}.
 */
public final class ConformanceRunner {
    private ConformanceRunner() {}

    /** Every case folder (one holding {@code model.onnx}) under {@code root}, sorted by name. */
    public static List<Path> findCases(Path root) throws IOException {
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(p -> p.getFileName().toString().equals("model.onnx"))
                    .map(Path::getParent)
                    .sorted((a, b) -> a.getFileName().toString().compareTo(b.getFileName().toString()))
                    .toList();
        }
    }

    /** Runs one case; never throws for a failing model. */
    public static CaseResult run(Path caseDir) {
        String name = caseDir.getFileName().toString();
        Session session;
        try {
            Model model = OnnxImporter.read(caseDir.resolve("model.onnx"));
            session = new Session(model, StandardOps.registry(), SessionOptions.defaults());
        } catch (UnsupportedOperatorException e) {
            return CaseResult.fail(name, "unsupported", "unsupported op " + String.join(", ", e.operators()));
        } catch (RuntimeException | StackOverflowError e) {
            return CaseResult.fail(name, "load", "load failed: " + e.getMessage());
        }
        try {
            List<Path> sets;
            try (Stream<Path> s = Files.list(caseDir)) {
                sets = s.filter(p -> p.getFileName().toString().startsWith("test_data_set_")).sorted().toList();
            }
            if (sets.isEmpty()) return CaseResult.fail(name, "error", "no test_data_set_N folder");
            for (Path set : sets) {
                String r = runSet(session, set);
                if (r != null) {
                    return CaseResult.fail(name, "mismatch", set.getFileName() + ": " + r);
                }
            }
            return CaseResult.pass(name);
        } catch (OpExecutionException e) {
            return CaseResult.fail(name, "error", "exception " + e.getMessage());
        } catch (RuntimeException | IOException | StackOverflowError | OutOfMemoryError e) {
            return CaseResult.fail(name, "error", "exception " + e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    private static String runSet(Session session, Path set) {
        Graph g = session.model().graph();
        List<ValueInfo> feeds = g.feedInputs();
        Map<String, Value> inputs = new LinkedHashMap<>();
        for (int k = 0; ; k++) {
            Path f = set.resolve("input_" + k + ".pb");
            if (!Files.exists(f)) break;
            if (k >= feeds.size()) return "input_" + k + ".pb has no matching graph input";
            ValueInfo vi = feeds.get(k);
            inputs.put(vi.name(), ValueCodec.read(f, vi.type()));
        }
        Outputs out = session.run(inputs);
        List<ValueInfo> outs = g.outputs();
        List<String> problems = new ArrayList<>();
        for (int k = 0; k < outs.size(); k++) {
            Path f = set.resolve("output_" + k + ".pb");
            if (!Files.exists(f)) continue;
            ValueInfo vi = outs.get(k);
            Value expected = ValueCodec.read(f, vi.type());
            String r = Comparison.compare(expected, out.value(vi.name()), Comparison.RTOL, Comparison.ATOL);
            if (r != null) problems.add("output " + k + " ('" + vi.name() + "'): " + r);
        }
        return problems.isEmpty() ? null : String.join("; ", problems);
    }
}
