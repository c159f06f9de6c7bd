package dev.kiln.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kiln.importer.ExportOptions;
import dev.kiln.importer.OnnxExporter;
import dev.kiln.runtime.graph.Attribute;
import dev.kiln.runtime.graph.Attributes;
import dev.kiln.runtime.graph.Dim;
import dev.kiln.runtime.graph.Graph;
import dev.kiln.runtime.graph.Model;
import dev.kiln.runtime.graph.Node;
import dev.kiln.runtime.graph.ValueInfo;
import dev.kiln.runtime.graph.ValueType;
import dev.kiln.runtime.tensor.DType;
import dev.kiln.runtime.tensor.Tensor;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code kiln graph} on a model whose If branches read a value and an initializer of the main graph. */
class GraphCommandTest {
    /** x (batch, 4) -> MatMul W (4, 3) -> h; If ReduceSum(h) > 0 then Relu(h) * 2 else Neg(h) + b. */
    static Model ifModel() {
        ValueInfo x = ValueInfo.of("x", ValueType.tensor(DType.FLOAT32, List.of(Dim.symbolic("batch"), Dim.of(4))));
        ValueInfo y = ValueInfo.of("y", ValueType.tensor(DType.FLOAT32, List.of(Dim.symbolic("batch"), Dim.of(3))));
        ValueType any = ValueType.tensor(DType.FLOAT32, null);
        Graph then = new Graph("then", List.of(), List.of(ValueInfo.of("t_out", any)), Map.of(), List.of(
                node("relu", "Relu", List.of("h"), List.of("t_relu")),
                node("double", "Mul", List.of("t_relu", "two"), List.of("t_out"))), List.of(), Map.of("", 17));
        Graph otherwise = new Graph("else", List.of(), List.of(ValueInfo.of("e_out", any)), Map.of(), List.of(
                node("neg", "Neg", List.of("h"), List.of("e_neg")),
                node("bias", "Add", List.of("e_neg", "b"), List.of("e_out"))), List.of(), Map.of("", 17));
        Node branch = new Node("branch", "", "If", List.of("positive"), List.of("y"), new Attributes(List.of(
                Attribute.of("then_branch", then), Attribute.of("else_branch", otherwise))));
        Map<String, Tensor> init = Map.of(
                "W", Tensor.of(new float[12], 4, 3), "b", Tensor.of(new float[] {1, 2, 3}, 3), "two", Tensor.scalar(2f));
        Graph main = new Graph("if_model", List.of(x), List.of(y), init, List.of(
                node("project", "MatMul", List.of("x", "W"), List.of("h")),
                node("total", "ReduceSum", List.of("h"), List.of("s")),
                node("zero", "Sub", List.of("s", "s"), List.of("z")),
                node("test", "Greater", List.of("s", "z"), List.of("positive")),
                branch), List.of(), Map.of("", 17));
        return Model.of(main);
    }

    private static Node node(String name, String op, List<String> in, List<String> out) {
        return new Node(name, "", op, in, out, Attributes.EMPTY);
    }

    private static int run(String... args) {
        PrintStream old = System.out;
        System.setOut(new PrintStream(new ByteArrayOutputStream(), true));
        try {
            return new CommandLine(new KilnCli()).execute(args);
        } finally {
            System.setOut(old);
        }
    }

    @Test
    void drawsOpsShapesInitializerSizesAndIfBranchesAsClusters(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("if.onnx");
        Files.write(file, OnnxExporter.toProto(ifModel(), ExportOptions.defaults()).toByteArray());
        Path out = dir.resolve("if.dot");
        assertEquals(0, run("graph", file.toString(), "--out", out.toString(), "--dims", "batch=2"));
        String dot = Files.readString(out);
        assertTrue(dot.startsWith("digraph"), dot);
        assertTrue(dot.contains("label=\"MatMul\\nproject\\lW: float32[4, 3] 48 B\\l\""), dot);
        assertTrue(dot.contains("[label=\"float32[2, 3]\"]"), "edge shapes from the run:\n" + dot);
        assertTrue(dot.contains("label=\"x\\nfloat32[2, 4]\""), dot);
        assertEquals(2, dot.lines().filter(l -> l.contains("subgraph cluster_")).count(), dot);
        assertTrue(dot.contains("label=\"If branch · then_branch\""), dot);
        assertTrue(dot.contains("style=dotted"), "h flows from the main graph into both branches:\n" + dot);
        assertTrue(dot.contains("b: float32[3] 12 B"), dot);
        if (Graphviz.findDot() != null) {
            Path svg = dir.resolve("if.svg");
            assertEquals(0, run("graph", file.toString(), "--out", svg.toString()));
            assertTrue(Files.readString(svg).contains("<svg"));
        }
    }
}
