package dev.kiln.bench;

import dev.kiln.importer.ExportOptions;
import dev.kiln.importer.OnnxExporter;
import dev.kiln.runtime.graph.Attribute;
import dev.kiln.runtime.graph.Attributes;
import dev.kiln.runtime.graph.Dim;
import dev.kiln.runtime.graph.Graph;
import dev.kiln.runtime.graph.Node;
import dev.kiln.runtime.graph.ValueInfo;
import dev.kiln.runtime.graph.ValueType;
import dev.kiln.runtime.tensor.DType;
import dev.kiln.runtime.tensor.Float16;
import dev.kiln.runtime.tensor.Shape;
import dev.kiln.runtime.tensor.Tensor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A small float16 segmentation network in the style of U2-Net (Conv + BatchNormalization + Relu
 * blocks, a dilated Conv, MaxPool, bilinear Resize back up, Concat with the skip, a
 * ConvTranspose, a residual Add and a Sigmoid head), every tensor float16 except Resize's
 * scales. {@code main(OUT.onnx [SIZE [float32]])} writes it (or its float32 twin, the same
 * weights) for {@code kiln run OUT.onnx --profile N}.
 */
public final class HalfCnn {
    private final SplittableRandom rnd = new SplittableRandom(7);
    private final Map<String, Tensor> initializers = new LinkedHashMap<>();
    private final List<Node> nodes = new ArrayList<>();
    private final DType type;
    private int count;

    private HalfCnn(DType type) { this.type = type; }

    /**
     * Writes the model: {@code args[0]} the file, {@code args[1]} the image side (default 256),
     * {@code args[2]} {@code float32} for the float32 twin.
     */
    public static void main(String[] args) throws IOException {
        if (args.length < 1) {
            System.err.println("usage: HalfCnn OUT.onnx [SIZE [float32]]");
            System.exit(2);
        }
        int size = args.length > 1 ? Integer.parseInt(args[1]) : 256;
        DType type = args.length > 2 && args[2].equals("float32") ? DType.FLOAT32 : DType.FLOAT16;
        Files.write(Path.of(args[0]), build(size, type));
    }

    /**
     * The model's ONNX bytes for a (1, 3, size, size) image of {@code type} (float16 or float32);
     * size must be divisible by 4.
     */
    public static byte[] build(int size, DType type) {
        HalfCnn m = new HalfCnn(type);
        // X (1, 3, S, S) → e1 (1, 16, S, S) → p1 (S/2) → e2 (1, 32, S/2) → p2 (S/4) → e3 (1, 32, S/4)
        String e1 = m.block("X", 3, 16, 1);
        String p1 = m.node("MaxPool", List.of(e1), Attribute.ofInts("kernel_shape", 2, 2),
                Attribute.ofInts("strides", 2, 2), Attribute.of("ceil_mode", 1L));
        String e2 = m.block(p1, 16, 32, 1);
        String p2 = m.node("AveragePool", List.of(e2), Attribute.ofInts("kernel_shape", 2, 2),
                Attribute.ofInts("strides", 2, 2));
        String e3 = m.block(p2, 32, 32, 2);
        // up: Resize(e3) ++ e2 → d2 (1, 32, S/2); ConvTranspose(d2) ++ e1 → d1 (1, 16, S)
        String u2 = m.resize(e3);
        String d2 = m.block(m.node("Concat", List.of(u2, e2), Attribute.of("axis", 1L)), 64, 32, 1);
        String w = m.weight(32, 16, 2, 2);
        String u1 = m.node("ConvTranspose", List.of(d2, w, m.weight(16)), Attribute.ofInts("kernel_shape", 2, 2),
                Attribute.ofInts("strides", 2, 2));
        String d1 = m.block(m.node("Concat", List.of(u1, e1), Attribute.of("axis", 1L)), 32, 16, 1);
        String r = m.node("Add", List.of(d1, e1));
        String side = m.node("Conv", List.of(r, m.weight(1, 16, 3, 3), m.weight(1)),
                Attribute.ofInts("kernel_shape", 3, 3), Attribute.ofInts("pads", 1, 1, 1, 1));
        m.nodes.add(new Node("out", "", "Sigmoid", List.of(side), List.of("Y"), new Attributes(List.of())));
        ValueInfo x = ValueInfo.of("X", ValueType.tensor(type,
                List.of(Dim.of(1), Dim.of(3), Dim.of(size), Dim.of(size))));
        ValueInfo y = ValueInfo.of("Y", ValueType.tensor(type, null));
        Graph g = new Graph("half_cnn", List.of(x), List.of(y), m.initializers, m.nodes, List.of(), Map.of("", 17));
        return OnnxExporter.toProto(g, ExportOptions.defaults().withOpset(17)).toByteArray();
    }

    /** The model with a random image X uniform in [-1, 1), for a benchmark row. */
    static Workload workload(int size, DType type, long seed) {
        Tensor x = OpModels.as(type, OpModels.random(new SplittableRandom(seed), new long[] {1, 3, size, size}));
        return new Workload(build(size, type), Map.of("X", x));
    }

    /** Conv 3×3 (pads = dilation) + BatchNormalization + Relu, {@code c} → {@code m} channels. */
    private String block(String in, int c, int m, int dilation) {
        String conv = node("Conv", List.of(in, weight(m, c, 3, 3), weight(m)), Attribute.ofInts("kernel_shape", 3, 3),
                Attribute.ofInts("pads", dilation, dilation, dilation, dilation),
                Attribute.ofInts("dilations", dilation, dilation));
        String bn = node("BatchNormalization", List.of(conv, weight(m), weight(m), weight(m), positive(m)),
                Attribute.of("epsilon", 1e-5f));
        return node("Relu", List.of(bn));
    }

    /** Bilinear Resize by 2 on the spatial axes (scales float32, as the spec requires). */
    private String resize(String in) {
        String scales = "scales" + count;
        initializers.put(scales, Tensor.of(new float[] {1, 1, 2, 2}, new long[] {4}));
        return node("Resize", List.of(in, "", scales), Attribute.of("mode", "linear"),
                Attribute.of("coordinate_transformation_mode", "half_pixel"));
    }

    private String node(String op, List<String> in, Attribute... attributes) {
        String out = op.toLowerCase() + (count++);
        nodes.add(new Node(out, "", op, in, List.of(out), new Attributes(List.of(attributes))));
        return out;
    }

    /** An initializer uniform in [-1/sqrt(fan-in), 1/sqrt(fan-in)). */
    private String weight(long... shape) {
        long fan = 1;
        for (int i = 1; i < shape.length; i++) fan *= shape[i];
        return half(shape, 1 / Math.sqrt(fan), 0);
    }

    /** An initializer uniform in [0.5, 1.5), for variances. */
    private String positive(long... shape) { return half(shape, 0.5, 1); }

    private String half(long[] shape, double scale, double offset) {
        short[] v = new short[Math.toIntExact(Shape.of(shape).size())];
        for (int i = 0; i < v.length; i++) v[i] = Float16.fromDouble(offset + (rnd.nextDouble() * 2 - 1) * scale);
        String name = "w" + count++;
        Tensor t = Tensor.wrap(DType.FLOAT16, Shape.of(shape), v);
        initializers.put(name, type == DType.FLOAT16 ? t : Tensor.fromDoubles(type, t.shape(), t.toDoubleArray()));
        return name;
    }
}
