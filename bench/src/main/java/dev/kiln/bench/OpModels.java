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
import dev.kiln.runtime.tensor.Shape;
import dev.kiln.runtime.tensor.Float16;
import dev.kiln.runtime.tensor.Tensor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Builds single-operator ONNX models with Kiln's graph IR and exports them, so that both
 * runtimes load the same bytes. Weights are initializers (constants), activations are inputs.
 */
final class OpModels {
    private OpModels() {}

    /** Y = A·B; B is an initializer when {@code constB}. */
    static Workload matMul(long[] aShape, long[] bShape, boolean constB, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        Builder b = new Builder("matmul", 17);
        b.input("A", random(rnd, aShape));
        if (constB) b.initializer("B", random(rnd, bShape));
        else b.input("B", random(rnd, bShape));
        b.node("MatMul", List.of("A", "B"), List.of());
        return b.build();
    }

    /** Y = Conv(X, W, B): X (1, C, S, S), W (M, C, k, k), stride 1, symmetric pads, all float32. */
    static Workload conv(int c, int m, int size, int kernel, int pad, long seed) {
        return conv(c, m, size, kernel, pad, DType.FLOAT32, seed);
    }

    /** The same Conv with every tensor of {@code dtype} (float32 or float16). */
    static Workload conv(int c, int m, int size, int kernel, int pad, DType dtype, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        Builder b = new Builder("conv", 17);
        b.input("X", as(dtype, random(rnd, new long[] {1, c, size, size})));
        b.initializer("W", as(dtype, random(rnd, new long[] {m, c, kernel, kernel})));
        b.initializer("B", as(dtype, random(rnd, new long[] {m})));
        b.node("Conv", List.of("X", "W", "B"), List.of(
                Attribute.ofInts("kernel_shape", kernel, kernel),
                Attribute.ofInts("pads", pad, pad, pad, pad),
                Attribute.ofInts("strides", 1, 1)));
        return b.build();
    }

    /**
     * Y = ConvInteger(X, W, x_zero_point, w_zero_point): X (1, C, S, S) uint8, W (M, C, k, k) with
     * both zero points initializers, stride 1, symmetric pads; Y int32. W is uint8 because ONNX
     * Runtime 1.23 implements ConvInteger for uint8 x uint8 only (int8 weights came after it).
     */
    static Workload convInteger(int c, int m, int size, int kernel, int pad, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        Builder b = new Builder("convinteger", 10);
        b.input("X", randomBytes(rnd, new long[] {1, c, size, size}));
        b.initializer("W", randomBytes(rnd, new long[] {m, c, kernel, kernel}));
        b.initializer("x_zero_point", Tensor.wrap(DType.UINT8, Shape.SCALAR, new byte[] {(byte) 131}));
        b.initializer("w_zero_point", Tensor.wrap(DType.UINT8, Shape.SCALAR, new byte[] {(byte) 128}));
        b.node("ConvInteger", List.of("X", "W", "x_zero_point", "w_zero_point"), List.of(
                Attribute.ofInts("kernel_shape", kernel, kernel),
                Attribute.ofInts("pads", pad, pad, pad, pad),
                Attribute.ofInts("strides", 1, 1)));
        b.output(DType.INT32);
        return b.build();
    }

    /** Y = Softmax(X) over the last axis. */
    static Workload softmax(long[] shape, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        Builder b = new Builder("softmax", 17);
        b.input("X", random(rnd, shape));
        b.node("Softmax", List.of("X"), List.of(Attribute.of("axis", -1L)));
        return b.build();
    }

    /** Y = LayerNormalization(X, scale, bias) over the last axis. */
    static Workload layerNorm(long[] shape, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        long last = shape[shape.length - 1];
        Builder b = new Builder("layernorm", 17);
        b.input("X", random(rnd, shape));
        b.initializer("scale", random(rnd, new long[] {last}));
        b.initializer("bias", random(rnd, new long[] {last}));
        b.node("LayerNormalization", List.of("X", "scale", "bias"), List.of(
                Attribute.of("axis", -1L), Attribute.of("epsilon", 1e-12f)));
        return b.build();
    }

    /** Y = op(X) for an elementwise op with no attributes. */
    static Workload unary(String op, int opset, long[] shape, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        Builder b = new Builder(op.toLowerCase(), opset);
        b.input("X", random(rnd, shape));
        b.node(op, List.of("X"), List.of());
        return b.build();
    }

    /** A float32 tensor with values uniform in [-1, 1). */
    static Tensor random(SplittableRandom rnd, long[] shape) {
        long n = 1;
        for (long d : shape) n *= d;
        float[] v = new float[Math.toIntExact(n)];
        for (int i = 0; i < v.length; i++) v[i] = (float) (rnd.nextDouble() * 2 - 1);
        return Tensor.of(v, shape);
    }

    /** A uint8 tensor with values uniform in [0, 255]. */
    static Tensor randomBytes(SplittableRandom rnd, long[] shape) {
        long n = 1;
        for (long d : shape) n *= d;
        byte[] v = new byte[Math.toIntExact(n)];
        for (int i = 0; i < v.length; i++) v[i] = (byte) rnd.nextInt(256);
        return Tensor.wrap(DType.UINT8, Shape.of(shape), v);
    }

    /** {@code t} (float32) in {@code dtype}: itself, or rounded to nearest even float16. */
    static Tensor as(DType dtype, Tensor t) {
        if (dtype == DType.FLOAT32) return t;
        if (dtype != DType.FLOAT16) throw new IllegalArgumentException("float32 or float16, not " + dtype);
        float[] f = t.floats();
        short[] h = new short[f.length];
        for (int i = 0; i < f.length; i++) h[i] = Float16.fromFloat(f[i]);
        return Tensor.wrap(DType.FLOAT16, t.shape(), h);
    }

    /** Collects one node with its inputs and initializers; the output is {@code Y}. */
    private static final class Builder {
        private final String name;
        private final int opset;
        private final List<ValueInfo> inputs = new ArrayList<>();
        private final Map<String, Tensor> initializers = new LinkedHashMap<>();
        private final Map<String, Tensor> feeds = new LinkedHashMap<>();
        private Node node;
        /** Y's element type: set by {@link #output}, else the first input's. */
        private DType outputType;

        Builder(String name, int opset) {
            this.name = name;
            this.opset = opset;
        }

        void input(String name, Tensor value) {
            if (outputType == null) outputType = value.dtype();
            inputs.add(ValueInfo.of(name, ValueType.tensor(value.dtype(), dims(value.shape().dims()))));
            feeds.put(name, value);
        }

        void initializer(String name, Tensor value) { initializers.put(name, value); }

        void output(DType type) { outputType = type; }

        void node(String opType, List<String> in, List<Attribute> attributes) {
            node = new Node(name, "", opType, in, List.of("Y"), new Attributes(attributes));
        }

        Workload build() {
            ValueInfo y = ValueInfo.of("Y", ValueType.tensor(outputType, null));
            Graph g = new Graph("bench_" + name, inputs, List.of(y), initializers, List.of(node), List.of(),
                    Map.of("", opset));
            byte[] bytes = OnnxExporter.toProto(g, ExportOptions.defaults().withOpset(opset)).toByteArray();
            return new Workload(bytes, feeds);
        }

        private static List<Dim> dims(long[] shape) {
            List<Dim> out = new ArrayList<>();
            for (long d : shape) out.add(Dim.of(d));
            return out;
        }
    }
}
