package dev.kiln.cli;

import dev.kiln.check.AgreementChecker;
import dev.kiln.check.CheckReport;
import dev.kiln.check.Divergence;
import dev.kiln.check.Tolerance;
import dev.kiln.importer.OnnxImporter;
import dev.kiln.runtime.graph.Model;
import dev.kiln.runtime.io.RandomInputs;
import dev.kiln.runtime.tensor.Tensor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code kiln check MODEL.onnx}: compares Kiln with ONNX Runtime on identical inputs. */
@Command(name = "check", mixinStandardHelpOptions = true,
        description = "Runs a model in Kiln and in ONNX Runtime on identical inputs, prints the error per output and, "
                + "when they disagree, the first diverging node. Exits 0 on agreement, 1 otherwise.")
final class CheckCommand implements Callable<Integer> {
    @Parameters(index = "0", description = "The .onnx model Kiln runs.")
    Path model;

    @Option(names = "--against", description = "Another .onnx file for ONNX Runtime to run (e.g. an export of MODEL); "
            + "default: MODEL itself.")
    Path against;

    @Option(names = "--input", description = "An input as name=file.npy (repeatable). Inputs not given are generated.")
    List<String> inputs = List.of();

    @Option(names = "--dims", description = "Bindings of symbolic dims for generated inputs, e.g. batch=1,seq=128.")
    String dims;

    @Option(names = "--rtol", description = "Relative tolerance (default ${DEFAULT-VALUE}).", defaultValue = "1e-4")
    double rtol;

    @Option(names = "--atol", description = "Absolute tolerance (default ${DEFAULT-VALUE}).", defaultValue = "1e-5")
    double atol;

    @Option(names = "--seed", description = "Seed for generated inputs (default ${DEFAULT-VALUE}).", defaultValue = "0")
    long seed;

    @Option(names = "--graph", description = "Also draw MODEL's graph to FILE.svg, .png, .pdf or .dot, the first "
            + "diverging node in red, the nodes feeding it in orange (see 'kiln graph').")
    Path graph;

    @Override
    public Integer call() throws Exception {
        Map<String, Tensor> given = NpyInputs.parse(inputs);
        byte[] ortBytes = Files.readAllBytes(against != null ? against : model);
        Model kilnModel = OnnxImporter.read(model);
        Map<String, Long> bindings = RandomInputs.parseDims(dims);
        CheckReport report = AgreementChecker.check(kilnModel, ortBytes, given, bindings, seed, new Tolerance(rtol, atol));
        System.out.print(report.format());
        if (graph != null) draw(kilnModel, report, given, bindings);
        return report.passed() ? 0 : 1;
    }

    private void draw(Model m, CheckReport report, Map<String, Tensor> given, Map<String, Long> bindings) throws Exception {
        Divergence d = report.divergence();
        String caption = model.getFileName() + (d == null ? (report.passed() ? ": agrees with ONNX Runtime"
                : ": disagrees, no single node found") : ": first diverging node '" + d.nodeName() + "' (" + d.opType() + ")");
        System.out.println(Graphviz.write(GraphDot.draw(m.graph(), caption, ValueShapes.byRun(m, given, bindings, seed),
                d == null ? null : d.nodeName()), graph));
    }
}
