package dev.kiln.importer;

import com.google.protobuf.ByteString;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import onnx.OnnxMl.AttributeProto;
import onnx.OnnxMl.GraphProto;
import onnx.OnnxMl.ModelProto;
import onnx.OnnxMl.NodeProto;
import onnx.OnnxMl.OperatorSetIdProto;
import onnx.OnnxMl.TensorProto;
import onnx.OnnxMl.TensorShapeProto;
import onnx.OnnxMl.TypeProto;
import onnx.OnnxMl.ValueInfoProto;

/**
 * A small model with an LSTM, an If and a Loop, for soak tests of control flow:
 * {@code java ... dev.kiln.importer.ControlFlowModel out.onnx} writes it.
 *
 * <p>x: (T=6, B=2, I=8) -> LSTM (H=16) -> Y_h: (1, B, H); If sum(Y_h) > 0 then 2 Y_h else -Y_h;
 * Loop 5 times z = tanh(z + z) scanning every z out. Outputs Y, z and the scan (5, 1, B, H).
 */
final class ControlFlowModel {
    private ControlFlowModel() {}

    static final int T = 6, B = 2, I = 8, H = 16;

    public static void main(String[] args) throws IOException {
        Files.write(Path.of(args[0]), build().toByteArray());
    }

    static ModelProto build() {
        SplittableRandom rnd = new SplittableRandom(42);
        GraphProto.Builder g = GraphProto.newBuilder().setName("control_flow")
                .addInput(value("x", 1, T, B, I))
                .addInitializer(random("W", rnd, 1, 4 * H, I))
                .addInitializer(random("R", rnd, 1, 4 * H, H))
                .addInitializer(random("Bias", rnd, 1, 8 * H))
                .addInitializer(TensorProto.newBuilder().setName("trips").setDataType(7).addInt64Data(5))
                .addInitializer(TensorProto.newBuilder().setName("yes").setDataType(9).addInt32Data(1))
                .addInitializer(TensorProto.newBuilder().setName("zero").setDataType(1).addFloatData(0))
                .addNode(node("LSTM", "lstm", new String[] {"x", "W", "R", "Bias"}, "Y", "Y_h")
                        .addAttribute(AttributeProto.newBuilder().setName("hidden_size").setI(H)
                                .setType(AttributeProto.AttributeType.INT)))
                .addNode(node("ReduceSum", "sum", new String[] {"Y_h"}, "s")
                        .addAttribute(AttributeProto.newBuilder().setName("keepdims").setI(0)
                                .setType(AttributeProto.AttributeType.INT)))
                .addNode(node("Greater", "positive", new String[] {"s", "zero"}, "c"))
                .addNode(node("If", "branch", new String[] {"c"}, "z0")
                        .addAttribute(graph("then_branch", branch("then", "Mul", "two")))
                        .addAttribute(graph("else_branch", branch("else", "Neg", null))))
                .addNode(node("Loop", "loop", new String[] {"trips", "yes", "z0"}, "z", "zs")
                        .addAttribute(graph("body", body())))
                .addOutput(value("Y", 1, T, 1, B, H)).addOutput(value("z", 1, 1, B, H))
                .addOutput(value("zs", 1, 5, 1, B, H));
        return ModelProto.newBuilder().setIrVersion(8).setGraph(g)
                .addOpsetImport(OperatorSetIdProto.newBuilder().setVersion(17)).build();
    }

    /** then: Y_h * 2; else: -Y_h (both read Y_h from the enclosing graph). */
    private static GraphProto branch(String name, String op, String constant) {
        GraphProto.Builder b = GraphProto.newBuilder().setName(name).addOutput(value(name + "_out", 1, 1, B, H));
        if (constant != null) {
            b.addInitializer(TensorProto.newBuilder().setName(constant).setDataType(1).addFloatData(2));
            b.addNode(node(op, name + "_op", new String[] {"Y_h", constant}, name + "_out"));
        } else {
            b.addNode(node(op, name + "_op", new String[] {"Y_h"}, name + "_out"));
        }
        return b.build();
    }

    /** (i, cond, z) -> (cond, tanh(z + z), tanh(z + z)). */
    private static GraphProto body() {
        return GraphProto.newBuilder().setName("body")
                .addInput(scalar("i", 7)).addInput(scalar("cond", 9)).addInput(value("z_in", 1, 1, B, H))
                .addOutput(scalar("cond_out", 9)).addOutput(value("z_out", 1, 1, B, H))
                .addOutput(value("z_scan", 1, 1, B, H))
                .addNode(node("Identity", "keep", new String[] {"cond"}, "cond_out"))
                .addNode(node("Add", "double", new String[] {"z_in", "z_in"}, "z2"))
                .addNode(node("Tanh", "squash", new String[] {"z2"}, "z_out"))
                .addNode(node("Identity", "scan", new String[] {"z_out"}, "z_scan"))
                .build();
    }

    private static NodeProto.Builder node(String op, String name, String[] in, String... out) {
        NodeProto.Builder n = NodeProto.newBuilder().setOpType(op).setName(name);
        for (String s : in) n.addInput(s);
        for (String s : out) n.addOutput(s);
        return n;
    }

    private static AttributeProto graph(String name, GraphProto g) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.GRAPH).setG(g).build();
    }

    private static TensorProto random(String name, SplittableRandom rnd, long... dims) {
        long n = 1;
        for (long d : dims) n *= d;
        ByteBuffer b = ByteBuffer.allocate((int) (4 * n)).order(ByteOrder.LITTLE_ENDIAN);
        for (long i = 0; i < n; i++) b.putFloat((float) (rnd.nextDouble() - 0.5));
        TensorProto.Builder t = TensorProto.newBuilder().setName(name).setDataType(1)
                .setRawData(ByteString.copyFrom(b.array()));
        for (long d : dims) t.addDims(d);
        return t.build();
    }

    private static ValueInfoProto value(String name, int elemType, long... dims) {
        TensorShapeProto.Builder s = TensorShapeProto.newBuilder();
        for (long d : dims) s.addDim(TensorShapeProto.Dimension.newBuilder().setDimValue(d));
        return ValueInfoProto.newBuilder().setName(name).setType(TypeProto.newBuilder()
                .setTensorType(TypeProto.Tensor.newBuilder().setElemType(elemType).setShape(s))).build();
    }

    private static ValueInfoProto scalar(String name, int elemType) {
        return ValueInfoProto.newBuilder().setName(name).setType(TypeProto.newBuilder()
                .setTensorType(TypeProto.Tensor.newBuilder().setElemType(elemType)
                        .setShape(TensorShapeProto.getDefaultInstance()))).build();
    }
}
