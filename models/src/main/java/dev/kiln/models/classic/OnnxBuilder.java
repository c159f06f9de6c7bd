package dev.kiln.models.classic;

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
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Builds the inference graph of fitted classic-ML models. The graph reads one input
 * {@code X}: float32 (N, F), and imports ai.onnx opset 17 and ai.onnx.ml opset 3. Models
 * append their nodes in turn, so a pipeline becomes one chained graph.
 */
public final class OnnxBuilder {
    /** The ONNX-ML operator domain. */
    public static final String ML = "ai.onnx.ml";
    /** The ai.onnx opset declared. */
    public static final int OPSET = 17;
    /** The ai.onnx.ml opset declared. */
    public static final int ML_OPSET = 3;
    /** The name of the graph input. */
    public static final String INPUT = "X";

    private final String name;
    private final int features;
    private final List<Node> nodes = new ArrayList<>();
    private final Map<String, Tensor> initializers = new LinkedHashMap<>();
    private final Set<String> names = new HashSet<>();

    /** A builder for a graph whose input has {@code features} columns. */
    public OnnxBuilder(String name, int features) {
        if (features < 1) throw new IllegalArgumentException("features is " + features + ", expected >= 1");
        this.name = name;
        this.features = features;
        names.add(INPUT);
    }

    /** The input value's name. */
    public String input() { return INPUT; }

    /** A name not used yet, {@code base} itself when free. */
    public String fresh(String base) {
        String n = base;
        for (int i = 1; names.contains(n); i++) n = base + "_" + i;
        names.add(n);
        return n;
    }

    /** Adds an ai.onnx node with one output and returns the output's name. */
    public String op(String opType, List<String> inputs, Attribute... attributes) {
        return node("", opType, inputs, List.of(opType.toLowerCase()), attributes).get(0);
    }

    /**
     * Adds a node and returns its output names, made unique from {@code outputBases}.
     *
     * @param domain {@code ""} for ai.onnx or {@link #ML}
     */
    public List<String> node(String domain, String opType, List<String> inputs, List<String> outputBases,
                             Attribute... attributes) {
        List<String> outs = new ArrayList<>();
        for (String b : outputBases) outs.add(fresh(b));
        nodes.add(new Node(fresh(opType + "_node"), domain, opType, inputs, outs, new Attributes(List.of(attributes))));
        return outs;
    }

    /** Adds a constant (an initializer) and returns its name. */
    public String constant(String base, Tensor value) {
        String n = fresh(base);
        initializers.put(n, value);
        return n;
    }

    /** A float32 (rows, cols) constant from a row-major double matrix. */
    public String matrix(String base, double[][] m) {
        int rows = m.length;
        int cols = m[0].length;
        float[] data = new float[rows * cols];
        for (int i = 0; i < rows; i++) for (int j = 0; j < cols; j++) data[i * cols + j] = (float) m[i][j];
        return constant(base, Tensor.of(data, rows, cols));
    }

    /** A float32 (n) constant. */
    public String vector(String base, double[] v) { return constant(base, Tensor.of(floats(v), v.length)); }

    /** The graph with the given outputs. */
    public Graph build(List<ValueInfo> outputs) {
        ValueInfo in = ValueInfo.of(INPUT, ValueType.tensor(DType.FLOAT32, List.of(Dim.symbolic("N"), Dim.of(features))));
        Map<String, Integer> opsets = new LinkedHashMap<>();
        opsets.put("", OPSET);
        opsets.put(ML, ML_OPSET);
        return new Graph(name, List.of(in), outputs, initializers, nodes, List.of(), opsets);
    }

    /** Declared type of a float32 (N, cols) output. */
    public static ValueInfo floatOutput(String name, long cols) {
        return ValueInfo.of(name, ValueType.tensor(DType.FLOAT32, List.of(Dim.symbolic("N"), Dim.of(cols))));
    }

    /** Declared type of an int64 (N) label output. */
    public static ValueInfo labelOutput(String name) {
        return ValueInfo.of(name, ValueType.tensor(DType.INT64, List.of(Dim.symbolic("N"))));
    }

    /** Doubles rounded to float32. */
    public static float[] floats(double[] v) {
        float[] f = new float[v.length];
        for (int i = 0; i < v.length; i++) f[i] = (float) v[i];
        return f;
    }

    /** Ints widened to longs (for int64 attributes). */
    public static long[] longs(int[] v) {
        long[] l = new long[v.length];
        for (int i = 0; i < v.length; i++) l[i] = v[i];
        return l;
    }

    /** The serialized model. */
    public static byte[] toBytes(Graph graph) {
        return OnnxExporter.toProto(Model.of(graph), ExportOptions.defaults()).toByteArray();
    }

    /** Writes the graph as an .onnx file. */
    public static void write(Graph graph, Path file) {
        OnnxExporter.write(Model.of(graph), file, ExportOptions.defaults());
    }
}
