package dev.kiln.importer;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.UnsafeByteOperations;
import dev.kiln.runtime.ModelLoadException;
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
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import onnx.OnnxMl.AttributeProto;
import onnx.OnnxMl.GraphProto;
import onnx.OnnxMl.ModelProto;
import onnx.OnnxMl.NodeProto;
import onnx.OnnxMl.OperatorSetIdProto;
import onnx.OnnxMl.TensorProto;
import onnx.OnnxMl.TensorShapeProto;
import onnx.OnnxMl.TypeProto;
import onnx.OnnxMl.ValueInfoProto;

/** Reads an ONNX {@code ModelProto} into Kiln's {@link Model}. */
public final class OnnxImporter {
    private final DataFolders folders;
    private final LoadOptions options;
    private final Map<String, Integer> opsets = new LinkedHashMap<>();

    private OnnxImporter(DataFolders folders, LoadOptions options) {
        this.folders = folders;
        this.options = options;
    }

    /** Reads a model file; external data is resolved relative to its folder. */
    public static Model read(Path file) { return read(file, LoadOptions.defaults()); }

    /**
     * Reads a model file; external data must lie inside its folder (by real path) or a folder
     * that {@code options} allows.
     */
    public static Model read(Path file, LoadOptions options) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new ModelLoadException("Cannot read model file '" + file + "': " + e.getMessage(), e);
        }
        Path dir = file.toAbsolutePath().getParent();
        return read(bytes, dir, options);
    }

    /** Reads a model from a stream (external data is not allowed). */
    public static Model read(InputStream in) {
        try {
            return read(in.readAllBytes(), null);
        } catch (IOException e) {
            throw new ModelLoadException("Cannot read model stream: " + e.getMessage(), e);
        }
    }

    /**
     * Reads a model from bytes.
     *
     * @param baseDir folder for external data, or null to refuse external data
     */
    public static Model read(byte[] bytes, Path baseDir) { return read(bytes, baseDir, LoadOptions.defaults()); }

    /**
     * Reads a model from bytes.
     *
     * @param baseDir folder for external data, or null to refuse external data
     * @param options further folders allowed to hold external data, and size limits
     */
    public static Model read(byte[] bytes, Path baseDir, LoadOptions options) {
        ModelProto proto;
        try {
            // the raw_data of the initializers aliases the model bytes instead of being copied:
            // the tensors are decoded (copied once) before read returns and the proto is dropped
            CodedInputStream in = UnsafeByteOperations.unsafeWrap(bytes).newCodedInput();
            in.enableAliasing(true);
            in.setSizeLimit(Integer.MAX_VALUE);
            proto = ModelProto.parseFrom(in);
            in.checkLastTagWas(0);
        } catch (IOException e) { // InvalidProtocolBufferException: reading an array does no other I/O
            throw new ModelLoadException("Not a valid ONNX model (corrupt or truncated protobuf): "
                    + e.getMessage(), e);
        }
        if (!proto.hasGraph()) {
            throw new ModelLoadException("Not a valid ONNX model: it has no graph"
                    + (bytes.length == 0 ? " (the input is empty)" : ""));
        }
        return new OnnxImporter(DataFolders.of(baseDir, options), options).convert(proto);
    }

    private Model convert(ModelProto proto) {
        for (OperatorSetIdProto o : proto.getOpsetImportList()) {
            opsets.put(Node.normalizeDomain(o.getDomain()), (int) o.getVersion());
        }
        if (proto.getIrVersion() < 3 && !opsets.containsKey("")) opsets.put("", 1);
        FunctionInliner inliner = new FunctionInliner(proto.getFunctionsList());
        for (var f : proto.getFunctionsList()) {
            for (OperatorSetIdProto o : f.getOpsetImportList()) {
                opsets.putIfAbsent(Node.normalizeDomain(o.getDomain()), (int) o.getVersion());
            }
        }
        GraphProto g = inliner.inline(proto.getGraph());
        Graph graph = graph(g, inliner);
        return new Model(graph, proto.getIrVersion(), proto.getProducerName(), proto.getProducerVersion(),
                proto.getDocString());
    }

    private Graph graph(GraphProto g, FunctionInliner inliner) {
        Map<String, Tensor> inits = new LinkedHashMap<>();
        for (TensorProto t : g.getInitializerList()) inits.put(t.getName(), TensorCodec.decode(t, folders));
        for (var s : g.getSparseInitializerList()) {
            Tensor dense = SparseTensors.toDense(s, folders, options.maxTensorBytes());
            inits.put(s.getValues().getName(), dense);
        }
        List<ValueInfo> inputs = new ArrayList<>();
        for (ValueInfoProto v : g.getInputList()) inputs.add(valueInfo(v));
        List<ValueInfo> outputs = new ArrayList<>();
        for (ValueInfoProto v : g.getOutputList()) outputs.add(valueInfo(v));
        List<ValueInfo> infos = new ArrayList<>();
        for (ValueInfoProto v : g.getValueInfoList()) infos.add(valueInfo(v));
        List<Node> nodes = new ArrayList<>();
        for (NodeProto n : g.getNodeList()) nodes.add(node(n, inliner));
        return new Graph(g.getName(), inputs, outputs, inits, nodes, infos, opsets);
    }

    private Node node(NodeProto n, FunctionInliner inliner) {
        List<Attribute> attrs = new ArrayList<>();
        for (AttributeProto a : n.getAttributeList()) {
            try {
                attrs.add(attribute(a, inliner));
            } catch (ModelLoadException e) {
                throw new ModelLoadException("Node '" + n.getName() + "' (" + n.getOpType() + "), attribute '"
                        + a.getName() + "': " + e.getMessage(), e);
            }
        }
        return new Node(n.getName(), n.getDomain(), n.getOpType(), n.getInputList(), n.getOutputList(),
                new Attributes(attrs));
    }

    private Attribute attribute(AttributeProto a, FunctionInliner inliner) {
        String name = a.getName();
        AttributeProto.AttributeType type = a.getType();
        if (type == AttributeProto.AttributeType.UNDEFINED) type = guessType(a);
        return switch (type) {
            case FLOAT -> new Attribute(name, Attribute.Kind.FLOAT, a.getF());
            case INT -> new Attribute(name, Attribute.Kind.INT, a.getI());
            case STRING -> new Attribute(name, Attribute.Kind.STRING, a.getS().toString(StandardCharsets.UTF_8));
            case TENSOR -> new Attribute(name, Attribute.Kind.TENSOR, TensorCodec.decode(a.getT(), folders));
            case SPARSE_TENSOR -> new Attribute(name, Attribute.Kind.TENSOR, SparseTensors.toDense(a.getSparseTensor(), folders, options.maxTensorBytes()));
            case GRAPH -> new Attribute(name, Attribute.Kind.GRAPH, graph(inliner.inline(a.getG()), inliner));
            case TYPE_PROTO -> new Attribute(name, Attribute.Kind.TYPE, type(a.getTp()));
            case FLOATS -> new Attribute(name, Attribute.Kind.FLOATS, List.copyOf(a.getFloatsList()));
            case INTS -> new Attribute(name, Attribute.Kind.INTS, List.copyOf(a.getIntsList()));
            case STRINGS -> new Attribute(name, Attribute.Kind.STRINGS,
                    a.getStringsList().stream().map(s -> s.toString(StandardCharsets.UTF_8)).toList());
            case TENSORS -> new Attribute(name, Attribute.Kind.TENSORS,
                    a.getTensorsList().stream().map(t -> TensorCodec.decode(t, folders)).toList());
            case GRAPHS -> new Attribute(name, Attribute.Kind.GRAPHS,
                    a.getGraphsList().stream().map(g -> graph(inliner.inline(g), inliner)).toList());
            case TYPE_PROTOS -> new Attribute(name, Attribute.Kind.TYPES,
                    a.getTypeProtosList().stream().map(OnnxImporter::type).toList());
            default -> throw new ModelLoadException("unsupported attribute type " + type);
        };
    }

    private static AttributeProto.AttributeType guessType(AttributeProto a) {
        if (a.hasT()) return AttributeProto.AttributeType.TENSOR;
        if (a.hasG()) return AttributeProto.AttributeType.GRAPH;
        if (a.getIntsCount() > 0) return AttributeProto.AttributeType.INTS;
        if (a.getFloatsCount() > 0) return AttributeProto.AttributeType.FLOATS;
        if (a.getStringsCount() > 0) return AttributeProto.AttributeType.STRINGS;
        if (!a.getS().isEmpty()) return AttributeProto.AttributeType.STRING;
        if (a.getF() != 0) return AttributeProto.AttributeType.FLOAT;
        return AttributeProto.AttributeType.INT;
    }

    static ValueInfo valueInfo(ValueInfoProto v) {
        return new ValueInfo(v.getName(), v.hasType() ? type(v.getType()) : ValueType.unknown(), v.getDocString());
    }

    static ValueType type(TypeProto t) {
        switch (t.getValueCase()) {
            case TENSOR_TYPE: {
                TypeProto.Tensor tt = t.getTensorType();
                DType elem = tt.getElemType() == 0 ? null : dtypeOrNull(tt.getElemType());
                return ValueType.tensor(elem, tt.hasShape() ? dims(tt.getShape()) : null);
            }
            case SPARSE_TENSOR_TYPE: {
                TypeProto.SparseTensor st = t.getSparseTensorType();
                return ValueType.tensor(dtypeOrNull(st.getElemType()), st.hasShape() ? dims(st.getShape()) : null);
            }
            case SEQUENCE_TYPE:
                return ValueType.sequence(type(t.getSequenceType().getElemType()));
            case OPTIONAL_TYPE:
                return ValueType.optional(type(t.getOptionalType().getElemType()));
            case MAP_TYPE:
                return new ValueType(ValueType.Kind.MAP, null, null, null);
            default:
                return ValueType.unknown();
        }
    }

    private static DType dtypeOrNull(int code) {
        try {
            return DType.fromOnnx(code);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static List<Dim> dims(TensorShapeProto s) {
        List<Dim> out = new ArrayList<>();
        for (TensorShapeProto.Dimension d : s.getDimList()) {
            if (d.hasDimValue()) {
                if (d.getDimValue() < 0) throw new ModelLoadException("Negative dimension " + d.getDimValue() + " in a declared shape");
                out.add(Dim.of(d.getDimValue()));
            } else if (d.hasDimParam() && !d.getDimParam().isEmpty()) {
                out.add(Dim.symbolic(d.getDimParam()));
            } else {
                out.add(Dim.unknown());
            }
        }
        return out;
    }
}
