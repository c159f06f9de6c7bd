package dev.kiln.importer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kiln.ops.StandardOps;
import dev.kiln.runtime.exec.Session;
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
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OnnxExporterTest {
    private static Model sample() {
        ValueType t = ValueType.tensor(DType.FLOAT32, List.of(Dim.symbolic("batch"), Dim.of(3)));
        Node n = new Node("id", "", "Identity", List.of("w"), List.of("y"), new Attributes(List.of(
                Attribute.of("note", "kept"), Attribute.ofInts("ks", 1, 2), Attribute.ofFloats("fs", 0.5f))));
        Graph g = new Graph("g", List.of(ValueInfo.of("w", t)), List.of(ValueInfo.of("y", t)),
                Map.of("w", Tensor.of(new float[] {1.5f, -2f, 3.25f}, 1, 3)), List.of(n), List.of(), Map.of("", 17));
        return new Model(g, 8, "", "", "a doc");
    }

    @Test
    void roundTripKeepsStructureTypesAndValues() {
        Model m = sample();
        byte[] bytes = OnnxExporter.toProto(m, ExportOptions.defaults()).toByteArray();
        Model back = OnnxImporter.read(bytes, null);
        assertEquals("kiln", OnnxExporter.toProto(m, ExportOptions.defaults()).getProducerName());
        assertEquals(m.graph().inputs(), back.graph().inputs());
        assertEquals(m.graph().outputs(), back.graph().outputs());
        assertEquals(m.graph().nodes().get(0).attributes().getInts("ks", null)[1],
                back.graph().nodes().get(0).attributes().getInts("ks", null)[1]);
        assertEquals(17, back.graph().opset(""));
        Tensor a = new Session(m, StandardOps.registry(), null).run(Map.of()).tensor("y");
        Tensor b = new Session(back, StandardOps.registry(), null).run(Map.of()).tensor("y");
        assertArrayEquals(a.floats(), b.floats());
    }

    @Test
    void largeInitializersGoToExternalData(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("m.onnx");
        OnnxExporter.write(sample(), file, ExportOptions.defaults().withExternalDataThreshold(4));
        assertTrue(Files.exists(dir.resolve("m.onnx.data")));
        assertEquals(12, Files.size(dir.resolve("m.onnx.data")));
        Model back = OnnxImporter.read(file);
        assertArrayEquals(new float[] {1.5f, -2f, 3.25f}, back.graph().initializers().get("w").floats());
    }
}
