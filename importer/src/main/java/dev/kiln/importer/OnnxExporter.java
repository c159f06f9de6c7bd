package dev.kiln.importer;

import com.google.protobuf.ByteString;
import dev.kiln.runtime.KilnException;
import dev.kiln.runtime.graph.Attribute;
import dev.kiln.runtime.graph.Dim;
import dev.kiln.runtime.graph.Graph;
import dev.kiln.runtime.graph.Model;
import dev.kiln.runtime.graph.Node;
import dev.kiln.runtime.graph.ValueInfo;
import dev.kiln.runtime.graph.ValueType;
import dev.kiln.runtime.tensor.Tensor;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import onnx.OnnxMl.AttributeProto;
import onnx.OnnxMl.GraphProto;
import onnx.OnnxMl.ModelProto;
import onnx.OnnxMl.NodeProto;
import onnx.OnnxMl.OperatorSetIdProto;
import onnx.OnnxMl.StringStringEntryProto;
import onnx.OnnxMl.TensorProto;
import onnx.OnnxMl.TensorShapeProto;
import onnx.OnnxMl.TypeProto;
import onnx.OnnxMl.ValueInfoProto;

/** Writes Kiln graphs as ONNX {@code ModelProto}. */
public final class OnnxExporter {
    private OnnxExporter() {}

    /** The model as a {@code ModelProto}, initializers inline. */
    public static ModelProto toProto(Model model, ExportOptions options) {
        Graph g = model.graph();
        ModelProto.Builder m = ModelProto.newBuilder()
                .setIrVersion(Math.max(model.irVersion(), 8))
                .setProducerName(nonEmpty(model.producerName(), options.producerName()))
                .setProducerVersion(nonEmpty(model.producerVersion(), options.producerVersion()))
                .setDocString(nonEmpty(options.docString(), model.docString()));
        Map<String, Integer> opsets = g.opsets();
        if (!opsets.containsKey("")) m.addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(options.opset()));
        for (Map.Entry<String, Integer> e : opsets.entrySet()) {
            m.addOpsetImport(OperatorSetIdProto.newBuilder().setDomain(e.getKey()).setVersion(e.getValue()));
        }
        m.setGraph(graph(g));
        return m.build();
    }

    /** The model as a {@code ModelProto} for a {@link Graph} alone. */
    public static ModelProto toProto(Graph graph, ExportOptions options) {
        return toProto(Model.of(graph), options);
    }

    /**
     * Writes {@code model} to {@code file}. When its initializers reach the options' threshold,
     * their data goes to {@code <file name>.data} beside it, referenced by relative location.
     */
    public static void write(Model model, Path file, ExportOptions options) {
        ModelProto proto = toProto(model, options);
        long bytes = 0;
        for (Tensor t : model.graph().initializers().values()) bytes += (long) t.size() * Math.max(1, t.dtype().bits() / 8);
        try {
            if (bytes >= options.externalDataThreshold()) proto = externalize(proto, file);
            try (OutputStream out = Files.newOutputStream(file)) {
                proto.writeTo(out);
            }
        } catch (IOException e) {
            throw new KilnException("Cannot write model to " + file + ": " + e.getMessage(), e);
        }
    }

    private static ModelProto externalize(ModelProto proto, Path file) throws IOException {
        String dataName = file.getFileName() + ".data";
        Path dataFile = file.resolveSibling(dataName);
        GraphProto.Builder g = proto.getGraph().toBuilder();
        long offset = 0;
        try (OutputStream out = Files.newOutputStream(dataFile)) {
            for (int i = 0; i < g.getInitializerCount(); i++) {
                TensorProto t = g.getInitializer(i);
                if (t.getRawData().isEmpty()) continue;
                ByteString raw = t.getRawData();
                raw.writeTo(out);
                g.setInitializer(i, t.toBuilder().clearRawData()
                        .setDataLocation(TensorProto.DataLocation.EXTERNAL)
                        .addExternalData(entry("location", dataName))
                        .addExternalData(entry("offset", Long.toString(offset)))
                        .addExternalData(entry("length", Long.toString(raw.size()))).build());
                offset += raw.size();
            }
        }
        return proto.toBuilder().setGraph(g).build();
    }

    private static StringStringEntryProto entry(String k, String v) {
        return StringStringEntryProto.newBuilder().setKey(k).setValue(v).build();
    }

    private static String nonEmpty(String a, String b) { return a == null || a.isEmpty() ? (b == null ? "" : b) : a; }

    static GraphProto graph(Graph g) {
        GraphProto.Builder b = GraphProto.newBuilder().setName(g.name());
        for (ValueInfo v : g.inputs()) b.addInput(valueInfo(v));
        for (ValueInfo v : g.outputs()) b.addOutput(valueInfo(v));
        for (ValueInfo v : g.valueInfos()) b.addValueInfo(valueInfo(v));
        for (Map.Entry<String, Tensor> e : g.initializers().entrySet()) b.addInitializer(TensorCodec.encode(e.getValue(), e.getKey()));
        for (Node n : g.nodes()) b.addNode(node(n));
        return b.build();
    }

    private static NodeProto node(Node n) {
        NodeProto.Builder b = NodeProto.newBuilder().setName(n.name()).setOpType(n.opType()).setDomain(n.domain())
                .addAllInput(n.inputs()).addAllOutput(n.outputs());
        for (Attribute a : n.attributes().all()) b.addAttribute(attribute(a));
        return b.build();
    }

    private static AttributeProto attribute(Attribute a) {
        AttributeProto.Builder b = AttributeProto.newBuilder().setName(a.name());
        Object v = a.value();
        switch (a.kind()) {
            case FLOAT -> b.setType(AttributeProto.AttributeType.FLOAT).setF(((Number) v).floatValue());
            case INT -> b.setType(AttributeProto.AttributeType.INT).setI(((Number) v).longValue());
            case STRING -> b.setType(AttributeProto.AttributeType.STRING).setS(ByteString.copyFromUtf8((String) v));
            case TENSOR -> b.setType(AttributeProto.AttributeType.TENSOR).setT(TensorCodec.encode((Tensor) v, null));
            case GRAPH -> b.setType(AttributeProto.AttributeType.GRAPH).setG(graph((Graph) v));
            case TYPE -> b.setType(AttributeProto.AttributeType.TYPE_PROTO).setTp(type((ValueType) v));
            case FLOATS -> {
                b.setType(AttributeProto.AttributeType.FLOATS);
                for (Object o : (List<?>) v) b.addFloats(((Number) o).floatValue());
            }
            case INTS -> {
                b.setType(AttributeProto.AttributeType.INTS);
                for (Object o : (List<?>) v) b.addInts(((Number) o).longValue());
            }
            case STRINGS -> {
                b.setType(AttributeProto.AttributeType.STRINGS);
                for (Object o : (List<?>) v) b.addStrings(ByteString.copyFromUtf8((String) o));
            }
            case TENSORS -> {
                b.setType(AttributeProto.AttributeType.TENSORS);
                for (Object o : (List<?>) v) b.addTensors(TensorCodec.encode((Tensor) o, null));
            }
            case GRAPHS -> {
                b.setType(AttributeProto.AttributeType.GRAPHS);
                for (Object o : (List<?>) v) b.addGraphs(graph((Graph) o));
            }
            case TYPES -> {
                b.setType(AttributeProto.AttributeType.TYPE_PROTOS);
                for (Object o : (List<?>) v) b.addTypeProtos(type((ValueType) o));
            }
        }
        return b.build();
    }

    static ValueInfoProto valueInfo(ValueInfo v) {
        ValueInfoProto.Builder b = ValueInfoProto.newBuilder().setName(v.name());
        if (!v.doc().isEmpty()) b.setDocString(v.doc());
        if (v.type().kind() != ValueType.Kind.UNKNOWN) b.setType(type(v.type()));
        return b.build();
    }

    static TypeProto type(ValueType t) {
        return switch (t.kind()) {
            case TENSOR -> {
                TypeProto.Tensor.Builder tt = TypeProto.Tensor.newBuilder();
                if (t.elemType() != null) tt.setElemType(t.elemType().onnxCode());
                if (t.dims() != null) {
                    TensorShapeProto.Builder s = TensorShapeProto.newBuilder();
                    for (Dim d : t.dims()) {
                        TensorShapeProto.Dimension.Builder db = TensorShapeProto.Dimension.newBuilder();
                        if (d.isFixed()) db.setDimValue(d.value());
                        else if (d.symbol() != null) db.setDimParam(d.symbol());
                        s.addDim(db);
                    }
                    tt.setShape(s);
                }
                yield TypeProto.newBuilder().setTensorType(tt).build();
            }
            case SEQUENCE -> TypeProto.newBuilder().setSequenceType(TypeProto.Sequence.newBuilder().setElemType(type(t.inner()))).build();
            case OPTIONAL -> TypeProto.newBuilder().setOptionalType(TypeProto.Optional.newBuilder().setElemType(type(t.inner()))).build();
            default -> TypeProto.getDefaultInstance();
        };
    }
}
