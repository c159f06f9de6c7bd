package dev.kiln.check;

import dev.kiln.importer.OnnxImporter;
import dev.kiln.ops.StandardOps;
import dev.kiln.runtime.exec.Outputs;
import dev.kiln.runtime.exec.Session;
import dev.kiln.runtime.exec.SessionOptions;
import dev.kiln.runtime.graph.Graph;
import dev.kiln.runtime.graph.Model;
import dev.kiln.runtime.graph.Node;
import dev.kiln.runtime.graph.ValueInfo;
import dev.kiln.runtime.graph.ValueType;
import dev.kiln.runtime.io.RandomInputs;
import dev.kiln.runtime.opt.OptimizationOptions;
import dev.kiln.runtime.tensor.Tensor;
import dev.kiln.runtime.tensor.Value;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import onnx.OnnxMl.ModelProto;
import onnx.OnnxMl.TypeProto;
import onnx.OnnxMl.ValueInfoProto;

/**
 * Checks a model in Kiln against ONNX Runtime on identical inputs, and when they disagree finds
 * the first node, in execution order, whose output differs.
 *
 * <pre>{@code
 * CheckReport r = AgreementChecker.check(bytes, Map.of(), Map.of("batch", 2L), 0, Tolerance.defaults());
 * System.out.print(r.format());
 * }</pre>
 */
public final class AgreementChecker {
    private AgreementChecker() {}

    /**
     * Checks a model.
     *
     * @param modelBytes the serialized model
     * @param given inputs supplied by the caller; the others are generated from the signature
     * @param dims bindings of symbolic dims for generated inputs (unbound dims are 1)
     * @param seed seed for generated inputs
     * @param tol the tolerance
     */
    public static CheckReport check(byte[] modelBytes, Map<String, Tensor> given, Map<String, Long> dims, long seed,
                                    Tolerance tol) {
        return check(OnnxImporter.read(modelBytes, null), modelBytes, given, dims, seed, tol);
    }

    /**
     * Checks an exported model: Kiln runs {@code model} (e.g. the graph a Kiln program built)
     * and ONNX Runtime runs {@code exportedBytes} (its ONNX export). Node outputs are matched by
     * value name, so the localisation finds where the export stops reproducing the source.
     */
    public static CheckReport check(Model model, byte[] exportedBytes, Map<String, Tensor> given, Map<String, Long> dims,
                                    long seed, Tolerance tol) {
        byte[] modelBytes = exportedBytes;
        Session kiln = new Session(model, StandardOps.registry(), SessionOptions.defaults());
        Map<String, Tensor> inputs = new LinkedHashMap<>(given);
        List<ValueInfo> missing = kiln.inputs().stream().filter(v -> !given.containsKey(v.name())).toList();
        inputs.putAll(RandomInputs.generate(missing, dims, seed));

        Outputs ours = kiln.run(inputs);
        Map<String, Tensor> theirs;
        try (OrtRunner ort = new OrtRunner(modelBytes, 1)) {
            theirs = ort.run(inputs, null);
        }
        List<OutputReport> reports = new ArrayList<>();
        for (ValueInfo o : model.graph().outputs()) {
            Value v = ours.value(o.name());
            if (!(v instanceof Tensor t)) continue;
            reports.add(new OutputReport(o.name(), t.describe(), ErrorStats.of(theirs.get(o.name()), t, tol)));
        }
        boolean agree = reports.stream().allMatch(OutputReport::passed);
        Divergence where = agree ? null : localise(modelBytes, model, inputs, tol);
        return new CheckReport(reports, where, tol);
    }

    /**
     * Finds the first node whose output disagrees: every intermediate value becomes an extra
     * graph output in both runtimes, and the values are compared in Kiln's execution order.
     */
    public static Divergence localise(byte[] modelBytes, Model model, Map<String, Tensor> inputs, Tolerance tol) {
        Graph g = model.graph();
        // node by node on the graph as loaded: folding and fusions would hide the nodes compared
        Session plain = new Session(model, StandardOps.registry(), SessionOptions.defaults(), OptimizationOptions.NONE);
        List<Node> order = plain.executionOrder();
        Set<String> existing = new HashSet<>();
        for (ValueInfo o : g.outputs()) existing.add(o.name());
        List<ValueInfo> extra = new ArrayList<>(g.outputs());
        for (Node n : order) {
            for (String out : n.outputs()) {
                if (!out.isEmpty() && existing.add(out)) extra.add(ValueInfo.of(out, ValueType.unknown()));
            }
        }
        Graph wide = new Graph(g.name(), g.inputs(), extra, g.initializers(), g.nodes(), g.valueInfos(), g.opsets());
        Map<String, Value> ours = new Session(new Model(wide, model.irVersion(), model.producerName(),
                model.producerVersion(), model.docString()), StandardOps.registry(), SessionOptions.defaults(),
                OptimizationOptions.NONE)
                .run(inputs).asMap();

        ModelProto proto;
        try {
            proto = ModelProto.parseFrom(modelBytes);
        } catch (com.google.protobuf.InvalidProtocolBufferException e) {
            throw new IllegalArgumentException("Model bytes are not a valid ModelProto", e);
        }
        var gb = proto.getGraph().toBuilder();
        Set<String> declared = new HashSet<>();
        for (ValueInfoProto v : gb.getOutputList()) declared.add(v.getName());
        List<String> compared = new ArrayList<>();
        for (ValueInfo v : extra) {
            if (!(ours.get(v.name()) instanceof Tensor t)) continue;
            compared.add(v.name());
            if (declared.contains(v.name())) continue;
            gb.addOutput(ValueInfoProto.newBuilder().setName(v.name()).setType(TypeProto.newBuilder()
                    .setTensorType(TypeProto.Tensor.newBuilder().setElemType(t.dtype().onnxCode()))));
        }
        Map<String, Tensor> theirs;
        try (OrtRunner ort = new OrtRunner(proto.toBuilder().setGraph(gb).build().toByteArray(), 1)) {
            theirs = ort.run(inputs, compared);
        }
        Map<String, Value> env = new LinkedHashMap<>(inputs);
        env.putAll(ours);
        for (Node n : order) {
            for (String out : n.outputs()) {
                if (!(ours.get(out) instanceof Tensor mine) || !theirs.containsKey(out)) continue;
                ErrorStats s = ErrorStats.of(theirs.get(out), mine, tol);
                if (!s.passed()) {
                    List<String> shapes = new ArrayList<>();
                    for (String in : n.inputs()) {
                        Value v = in.isEmpty() ? null : env.containsKey(in) ? env.get(in) : g.initializers().get(in);
                        shapes.add(in.isEmpty() ? "-" : v == null ? "?" : v.describe());
                    }
                    String name = n.name().isEmpty() ? n.outputs().get(0) : n.name();
                    return new Divergence(name, n.opType(), shapes, out, s);
                }
            }
        }
        return null;
    }
}
