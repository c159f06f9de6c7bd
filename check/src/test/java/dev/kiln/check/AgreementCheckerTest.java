package dev.kiln.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kiln.importer.ExportOptions;
import dev.kiln.importer.OnnxExporter;
import dev.kiln.importer.TensorCodec;
import dev.kiln.runtime.graph.Attributes;
import dev.kiln.runtime.graph.Dim;
import dev.kiln.runtime.graph.Graph;
import dev.kiln.runtime.graph.Model;
import dev.kiln.runtime.graph.Node;
import dev.kiln.runtime.graph.ValueInfo;
import dev.kiln.runtime.graph.ValueType;
import dev.kiln.runtime.tensor.DType;
import dev.kiln.runtime.tensor.Tensor;
import java.util.List;
import java.util.Map;
import onnx.OnnxMl.ModelProto;
import onnx.OnnxMl.TensorProto;
import org.junit.jupiter.api.Test;

class AgreementCheckerTest {
    /** Two chained nodes reading two weights: a = Identity(w1); b = Identity(w2); outputs a, b, x. */
    private static Model model() {
        ValueType t = ValueType.tensor(DType.FLOAT32, List.of(Dim.symbolic("batch"), Dim.of(3)));
        Graph g = new Graph("g", List.of(ValueInfo.of("x", t)),
                List.of(ValueInfo.of("a", ValueType.tensor(DType.FLOAT32, null)),
                        ValueInfo.of("b", ValueType.tensor(DType.FLOAT32, null)),
                        ValueInfo.of("y", t)),
                Map.of("w1", Tensor.of(new float[] {1, 2, 3}, 3), "w2", Tensor.of(new float[] {4, 5, 6}, 3)),
                List.of(new Node("first", "", "Identity", List.of("w1"), List.of("a"), Attributes.EMPTY),
                        new Node("second", "", "Identity", List.of("w2"), List.of("b"), Attributes.EMPTY),
                        new Node("pass", "", "Identity", List.of("x"), List.of("y"), Attributes.EMPTY)),
                List.of(), Map.of("", 17));
        return Model.of(g);
    }

    @Test
    void agreesWithOnnxRuntimeOnItsOwnExport() {
        Model m = model();
        byte[] bytes = OnnxExporter.toProto(m, ExportOptions.defaults()).toByteArray();
        CheckReport r = AgreementChecker.check(bytes, Map.of(), Map.of("batch", 2L), 7, Tolerance.defaults());
        assertTrue(r.passed(), r.format());
        assertEquals(0.0, r.maxAbsError());
        assertNull(r.divergence());
    }

    @Test
    void namesTheNodeReadingACorruptedWeight() {
        Model m = model();
        ModelProto proto = OnnxExporter.toProto(m, ExportOptions.defaults());
        var g = proto.getGraph().toBuilder();
        for (int i = 0; i < g.getInitializerCount(); i++) {
            if (g.getInitializer(i).getName().equals("w2")) {
                TensorProto altered = TensorCodec.encode(Tensor.of(new float[] {4, 5.5f, 6}, 3), "w2");
                g.setInitializer(i, altered);
            }
        }
        byte[] corrupted = proto.toBuilder().setGraph(g).build().toByteArray();
        CheckReport r = AgreementChecker.check(m, corrupted, Map.of(), Map.of(), 0, Tolerance.defaults());
        assertFalse(r.passed());
        assertNotNull(r.divergence(), r.format());
        assertEquals("second", r.divergence().nodeName());
        assertEquals(0.5, r.divergence().stats().maxAbs(), 1e-6);
        assertTrue(r.format().contains("first diverging node: 'second' (Identity)"), r.format());
    }
}
