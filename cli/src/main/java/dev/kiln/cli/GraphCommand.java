package dev.kiln.cli;

import dev.kiln.importer.OnnxImporter;
import dev.kiln.runtime.graph.Model;
import dev.kiln.runtime.io.RandomInputs;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code kiln graph MODEL.onnx --out model.svg}: the graph as a picture. */
@Command(name = "graph", mixinStandardHelpOptions = true,
        description = "Draws a model's graph: ops, tensor shapes where known, initializer sizes, If/Loop/Scan bodies as "
                + "clusters. Writes Graphviz DOT always, and SVG/PNG/PDF (from --out's extension) when Graphviz 'dot' is "
                + "on the PATH.")
final class GraphCommand implements Callable<Integer> {
    @Parameters(index = "0", description = "The .onnx model.")
    Path model;

    @Option(names = "--out", required = true, description = "The picture: FILE.svg, FILE.png, FILE.pdf or FILE.dot.")
    Path out;

    @Option(names = "--shapes", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Run the model once on generated inputs to label every edge with its shape "
                    + "(default: on; --no-shapes uses declared shapes only).")
    boolean run;

    @Option(names = "--dims", description = "Bindings of symbolic dims for that run, e.g. batch=1,sequence=8 (unbound: 1).")
    String dims;

    @Override
    public Integer call() throws Exception {
        Model m = OnnxImporter.read(model);
        Map<String, String> shapes = Map.of();
        String how = "declared shapes";
        if (run) {
            try {
                shapes = ValueShapes.byRun(m, Map.of(), RandomInputs.parseDims(dims), 0);
                how = "shapes from one run" + (dims == null ? "" : " with " + dims);
            } catch (RuntimeException e) {
                System.err.println("kiln graph: could not run the model for shapes (" + e.getMessage() + "); drawing declared shapes");
            }
        }
        String title = model.getFileName() + " (" + m.graph().nodes().size() + " nodes; " + how + ")";
        System.out.println(Graphviz.write(GraphDot.draw(m.graph(), title, shapes, null), out));
        return 0;
    }
}
