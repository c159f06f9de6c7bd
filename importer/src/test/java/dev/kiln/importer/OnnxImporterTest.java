package dev.kiln.importer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import dev.kiln.runtime.ModelLoadException;
import dev.kiln.runtime.graph.Model;
import dev.kiln.runtime.tensor.Tensor;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import onnx.OnnxMl.AttributeProto;
import onnx.OnnxMl.FunctionProto;
import onnx.OnnxMl.GraphProto;
import onnx.OnnxMl.ModelProto;
import onnx.OnnxMl.NodeProto;
import onnx.OnnxMl.OperatorSetIdProto;
import onnx.OnnxMl.StringStringEntryProto;
import onnx.OnnxMl.TensorProto;
import onnx.OnnxMl.TensorShapeProto;
import onnx.OnnxMl.TypeProto;
import onnx.OnnxMl.ValueInfoProto;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OnnxImporterTest {
    static ValueInfoProto floatValue(String name, long... dims) {
        TensorShapeProto.Builder s = TensorShapeProto.newBuilder();
        for (long d : dims) s.addDim(TensorShapeProto.Dimension.newBuilder().setDimValue(d));
        return ValueInfoProto.newBuilder().setName(name).setType(TypeProto.newBuilder()
                .setTensorType(TypeProto.Tensor.newBuilder().setElemType(1).setShape(s))).build();
    }

    static ModelProto identityModel(TensorProto init) {
        GraphProto.Builder g = GraphProto.newBuilder().setName("g")
                .addInput(floatValue("x", 3))
                .addOutput(floatValue("y", 3))
                .addNode(NodeProto.newBuilder().setOpType("Identity").addInput("x").addOutput("y"));
        if (init != null) g.addInitializer(init);
        return ModelProto.newBuilder().setIrVersion(8).setGraph(g)
                .addOpsetImport(OperatorSetIdProto.newBuilder().setVersion(17)).build();
    }

    static TensorProto floats(String name, float... v) {
        ByteBuffer b = ByteBuffer.allocate(4 * v.length).order(ByteOrder.LITTLE_ENDIAN);
        for (float f : v) b.putFloat(f);
        return TensorProto.newBuilder().setName(name).setDataType(1).addDims(v.length)
                .setRawData(ByteString.copyFrom(b.array())).build();
    }

    @Test
    void runsAModelFromBytes() {
        var s = Kiln.load(identityModel(null).toByteArray());
        Tensor y = s.run(java.util.Map.of("x", Tensor.of(new float[] {1, 2, 3}, 3))).tensor("y");
        assertArrayEquals(new float[] {1, 2, 3}, y.floats());
    }

    @Test
    void corruptAndTruncatedBytesGiveModelLoadException() {
        byte[] good = identityModel(floats("w", 1, 2, 3)).toByteArray();
        for (int cut : new int[] {1, good.length / 2, good.length - 3}) {
            byte[] truncated = Arrays.copyOf(good, cut);
            assertThrows(ModelLoadException.class, () -> OnnxImporter.read(truncated, null), "cut at " + cut);
        }
        byte[] garbage = new byte[64];
        Arrays.fill(garbage, (byte) 0xff);
        assertThrows(ModelLoadException.class, () -> OnnxImporter.read(garbage, null));
        assertThrows(ModelLoadException.class, () -> OnnxImporter.read(new byte[0], null));
    }

    @Test
    void tensorWhoseDataDisagreesWithItsShapeIsRejected() {
        TensorProto bad = floats("w", 1, 2, 3).toBuilder().setDims(0, 4).build();
        var e = assertThrows(ModelLoadException.class, () -> OnnxImporter.read(identityModel(bad).toByteArray(), null));
        assertTrue(e.getMessage().contains("'w'") && e.getMessage().contains("16 bytes"), e.getMessage());
        TensorProto typed = TensorProto.newBuilder().setName("t").setDataType(1).addDims(2).addFloatData(1).build();
        assertThrows(ModelLoadException.class, () -> OnnxImporter.read(identityModel(typed).toByteArray(), null));
    }

    @Test
    void negativeAndOverflowingDimsAreRejected() {
        TensorProto neg = floats("w", 1).toBuilder().setDims(0, -1).build();
        assertThrows(ModelLoadException.class, () -> OnnxImporter.read(identityModel(neg).toByteArray(), null));
        TensorProto huge = floats("w", 1).toBuilder().setDims(0, 1L << 40).addDims(1L << 40).build();
        assertThrows(ModelLoadException.class, () -> OnnxImporter.read(identityModel(huge).toByteArray(), null));
    }

    @Test
    void externalDataIsResolvedInsideTheModelFolderOnly(@TempDir Path dir) throws Exception {
        ByteBuffer b = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
        b.putFloat(0).putFloat(7).putFloat(8).putFloat(9);
        Files.write(dir.resolve("weights.bin"), b.array());
        TensorProto ext = TensorProto.newBuilder().setName("w").setDataType(1).addDims(3)
                .setDataLocation(TensorProto.DataLocation.EXTERNAL)
                .addExternalData(StringStringEntryProto.newBuilder().setKey("location").setValue("weights.bin"))
                .addExternalData(StringStringEntryProto.newBuilder().setKey("offset").setValue("4"))
                .addExternalData(StringStringEntryProto.newBuilder().setKey("length").setValue("12")).build();
        Path model = dir.resolve("m.onnx");
        Files.write(model, identityModel(ext).toByteArray());
        Model m = OnnxImporter.read(model);
        assertArrayEquals(new float[] {7, 8, 9}, m.graph().initializers().get("w").floats());

        for (String where : new String[] {"../weights.bin", dir.resolve("weights.bin").toAbsolutePath().toString()}) {
            TensorProto bad = ext.toBuilder().setExternalData(0,
                    StringStringEntryProto.newBuilder().setKey("location").setValue(where)).build();
            Files.write(model, identityModel(bad).toByteArray());
            assertThrows(ModelLoadException.class, () -> OnnxImporter.read(model), where);
        }
        assertThrows(ModelLoadException.class, () -> OnnxImporter.read(identityModel(ext).toByteArray(), null));
    }

    @Test
    void modelLocalFunctionsAreInlinedWithAttributesBound() {
        FunctionProto f = FunctionProto.newBuilder().setName("Twice").setDomain("local")
                .addInput("a").addOutput("b").addAttribute("unused")
                .addNode(NodeProto.newBuilder().setOpType("Identity").addInput("a").addOutput("t"))
                .addNode(NodeProto.newBuilder().setOpType("Identity").addInput("t").addOutput("b")
                        .addAttribute(AttributeProto.newBuilder().setName("k").setRefAttrName("unused")
                                .setType(AttributeProto.AttributeType.INT)))
                .addOpsetImport(OperatorSetIdProto.newBuilder().setVersion(17)).build();
        GraphProto g = GraphProto.newBuilder().setName("g").addInput(floatValue("x", 2)).addOutput(floatValue("y", 2))
                .addNode(NodeProto.newBuilder().setOpType("Twice").setDomain("local").addInput("x").addOutput("y")
                        .addAttribute(AttributeProto.newBuilder().setName("unused").setI(5)
                                .setType(AttributeProto.AttributeType.INT))).build();
        ModelProto m = ModelProto.newBuilder().setIrVersion(10).setGraph(g).addFunctions(f)
                .addOpsetImport(OperatorSetIdProto.newBuilder().setVersion(17))
                .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("local").setVersion(1)).build();
        Model model = OnnxImporter.read(m.toByteArray(), null);
        assertEquals(2, model.graph().nodes().size());
        assertEquals(5, model.graph().nodes().get(1).attributes().getInt("k", 0));
        var s = Kiln.load(m.toByteArray());
        assertArrayEquals(new float[] {4, 5}, s.run(java.util.Map.of("x", Tensor.of(new float[] {4, 5}, 2))).tensor("y").floats());
    }

    @Test
    void sparseInitializersAreDensified() {
        TensorProto values = floats("w", 5, 6);
        TensorProto indices = TensorProto.newBuilder().setName("w_idx").setDataType(7).addDims(2)
                .addInt64Data(1).addInt64Data(3).build();
        onnx.OnnxMl.SparseTensorProto sparse = onnx.OnnxMl.SparseTensorProto.newBuilder().setValues(values)
                .setIndices(indices).addDims(4).build();
        ModelProto m = identityModel(null);
        m = m.toBuilder().setGraph(m.getGraph().toBuilder().addSparseInitializer(sparse)).build();
        Model model = OnnxImporter.read(m.toByteArray(), null);
        assertArrayEquals(new float[] {0, 5, 0, 6}, model.graph().initializers().get("w").floats());
        onnx.OnnxMl.SparseTensorProto bad = sparse.toBuilder().setIndices(indices.toBuilder().setInt64Data(1, 9)).build();
        ModelProto mb = identityModel(null);
        ModelProto withBad = mb.toBuilder().setGraph(mb.getGraph().toBuilder().addSparseInitializer(bad)).build();
        assertThrows(ModelLoadException.class, () -> OnnxImporter.read(withBad.toByteArray(), null));
    }

    @Test
    void tensorCodecRoundTripsEveryStoredType() {
        for (var t : dev.kiln.runtime.tensor.DType.values()) {
            if (!t.isSupported()) continue;
            Tensor x = Tensor.zeros(t, dev.kiln.runtime.tensor.Shape.of(5));
            if (t != dev.kiln.runtime.tensor.DType.STRING) for (int i = 0; i < 5; i++) x.setDouble(i, i % 2);
            Tensor y = TensorCodec.decode(TensorCodec.encode(x, "x"));
            assertEquals(t, y.dtype());
            if (t == dev.kiln.runtime.tensor.DType.STRING) assertArrayEquals(x.strings(), y.strings());
            else assertArrayEquals(x.toDoubleArray(), y.toDoubleArray(), 0.0, t.toString());
        }
    }
}
