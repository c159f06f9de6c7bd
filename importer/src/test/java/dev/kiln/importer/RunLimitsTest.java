package dev.kiln.importer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kiln.runtime.ResourceLimitException;
import dev.kiln.runtime.RunCancelledException;
import dev.kiln.runtime.exec.CancelHandle;
import dev.kiln.runtime.exec.RunOptions;
import dev.kiln.runtime.exec.Session;
import dev.kiln.runtime.exec.SessionOptions;
import dev.kiln.runtime.tensor.Tensor;
import java.time.Duration;
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
import org.junit.jupiter.api.Test;

/** The memory budget and the time limits of a run; after either the session runs on. */
class RunLimitsTest {
    private static ValueInfoProto value(String name, int elemType, long... dims) {
        TensorShapeProto.Builder s = TensorShapeProto.newBuilder();
        for (long d : dims) s.addDim(TensorShapeProto.Dimension.newBuilder().setDimValue(d));
        return ValueInfoProto.newBuilder().setName(name).setType(TypeProto.newBuilder()
                .setTensorType(TypeProto.Tensor.newBuilder().setElemType(elemType).setShape(s))).build();
    }

    private static ValueInfoProto scalar(String name, int elemType) {
        return ValueInfoProto.newBuilder().setName(name).setType(TypeProto.newBuilder()
                .setTensorType(TypeProto.Tensor.newBuilder().setElemType(elemType))).build();
    }

    private static Session load(GraphProto g, SessionOptions options) {
        return Kiln.load(ModelProto.newBuilder().setIrVersion(8).setGraph(g)
                .addOpsetImport(OperatorSetIdProto.newBuilder().setVersion(17)).build().toByteArray(), options);
    }

    /** y = ConstantOfShape(shape), the shape fed at run time. */
    private static GraphProto constantOfShape() {
        return GraphProto.newBuilder().setName("g")
                .addInput(value("shape", 7, 2))
                .addOutput(scalar("y", 1))
                .addNode(NodeProto.newBuilder().setName("fill").setOpType("ConstantOfShape")
                        .addInput("shape").addOutput("y")).build();
    }

    @Test
    void aHugeConstantOfShapeFailsTypedAndTheSessionRunsOn() {
        Session s = load(constantOfShape(), SessionOptions.defaults());
        ResourceLimitException e = assertThrows(ResourceLimitException.class,
                () -> s.run(Map.of("shape", Tensor.vector(40000, 40000))));
        assertTrue(e.getMessage().contains("'fill' (ConstantOfShape)"), e.getMessage());
        assertTrue(e.getMessage().contains("[40000, 40000]"), e.getMessage());
        assertEquals(6_400_000_000L, e.requestedBytes());
        Tensor y = s.run(Map.of("shape", Tensor.vector(2, 3))).tensor("y");
        assertArrayEquals(new float[6], y.floats());
    }

    @Test
    void aHugeConstantShapeIsNotFoldedAtLoadButRefusedAtRun() {
        TensorProto shape = TensorProto.newBuilder().setName("shape").setDataType(7).addDims(2)
                .addInt64Data(40000).addInt64Data(40000).build();
        GraphProto g = constantOfShape().toBuilder().clearInput().addInitializer(shape).build();
        Session s = load(g, SessionOptions.defaults());
        assertThrows(ResourceLimitException.class, () -> s.run(Map.of()));
    }

    @Test
    void theRunLimitCountsEveryValueHeldAtOnce() {
        // a and b of 1 MB each are both graph outputs, so both stay held
        GraphProto g = GraphProto.newBuilder().setName("g")
                .addInput(value("shape", 7, 1))
                .addOutput(scalar("a", 1)).addOutput(scalar("b", 1))
                .addNode(NodeProto.newBuilder().setName("a").setOpType("ConstantOfShape").addInput("shape").addOutput("a"))
                .addNode(NodeProto.newBuilder().setName("b").setOpType("ConstantOfShape").addInput("shape").addOutput("b"))
                .build();
        Session s = load(g, SessionOptions.defaults().withMemoryLimits(1 << 20, 3 << 19));
        ResourceLimitException e = assertThrows(ResourceLimitException.class,
                () -> s.run(Map.of("shape", Tensor.vector(1 << 18))));
        assertTrue(e.getMessage().contains("per-run"), e.getMessage());
        assertEquals(1024, s.run(Map.of("shape", Tensor.vector(1 << 10))).tensor("b").size());
    }

    /** Loop(M, true, v) whose body passes v on, and also scans it out when {@code scan}. */
    private static GraphProto loop(boolean scan) {
        GraphProto.Builder body = GraphProto.newBuilder().setName("body")
                .addInput(scalar("i", 7)).addInput(scalar("c", 9)).addInput(scalar("v_in", 1))
                .addOutput(scalar("c_out", 9)).addOutput(scalar("v_out", 1))
                .addNode(NodeProto.newBuilder().setOpType("Identity").addInput("c").addOutput("c_out"))
                .addNode(NodeProto.newBuilder().setOpType("Identity").addInput("v_in").addOutput("v_out"));
        if (scan) {
            body.addOutput(scalar("s_out", 1))
                    .addNode(NodeProto.newBuilder().setOpType("Identity").addInput("v_in").addOutput("s_out"));
        }
        NodeProto.Builder node = NodeProto.newBuilder().setName("loop").setOpType("Loop")
                .addInput("M").addInput("cond").addInput("v").addOutput("v_final")
                .addAttribute(AttributeProto.newBuilder().setName("body").setType(AttributeProto.AttributeType.GRAPH)
                        .setG(body));
        GraphProto.Builder g = GraphProto.newBuilder().setName("g")
                .addInput(scalar("M", 7)).addInput(scalar("cond", 9)).addInput(value("v", 1, 1024))
                .addOutput(scalar("v_final", 1));
        if (scan) {
            node.addOutput("scanned");
            g.addOutput(scalar("scanned", 1));
        }
        return g.addNode(node).build();
    }

    private static Map<String, Tensor> loopInputs(long trips) {
        return Map.of("M", Tensor.scalar(trips), "cond", Tensor.of(new boolean[] {true}),
                "v", Tensor.of(new float[1024], 1024));
    }

    @Test
    void aDeadlineStopsAnEndlessLoopAndTheSessionRunsOn() {
        Session s = load(loop(false), SessionOptions.defaults());
        long start = System.nanoTime();
        RunCancelledException e = assertThrows(RunCancelledException.class, () -> s.run(loopInputs(Long.MAX_VALUE),
                null, RunOptions.defaults().withTimeout(Duration.ofMillis(200))));
        long ms = (System.nanoTime() - start) / 1_000_000;
        assertEquals(RunCancelledException.Reason.DEADLINE, e.reason());
        assertTrue(ms < 2000, "stopped after " + ms + " ms");
        assertEquals(1024, s.run(loopInputs(3)).tensor("v_final").size());
    }

    @Test
    void aCancelHandleStopsARunFromAnotherThread() throws Exception {
        Session s = load(loop(false), SessionOptions.defaults());
        CancelHandle cancel = new CancelHandle();
        Thread canceller = new Thread(() -> {
            try {
                Thread.sleep(100);
            } catch (InterruptedException ignored) {
                return;
            }
            cancel.cancel();
        });
        canceller.start();
        RunCancelledException e = assertThrows(RunCancelledException.class,
                () -> s.run(loopInputs(Long.MAX_VALUE), null, RunOptions.defaults().withCancel(cancel)));
        canceller.join();
        assertEquals(RunCancelledException.Reason.CANCELLED, e.reason());
        cancel.reset();
        assertEquals(1024, s.run(loopInputs(2), null, RunOptions.defaults().withCancel(cancel))
                .tensor("v_final").size());
    }

    @Test
    void scanOutputsCollectedByALoopCountAgainstTheBudget() {
        Session s = load(loop(true), SessionOptions.defaults().withMaxMemory(1 << 20));
        ResourceLimitException e = assertThrows(ResourceLimitException.class,
                () -> s.run(loopInputs(1_000_000)));
        assertTrue(e.getMessage().contains("'loop' (Loop)"), e.getMessage());
        assertEquals(10 * 1024, s.run(loopInputs(10)).tensor("scanned").size());
    }

    @Test
    void aDeadlineStopsACatastrophicRegex() {
        GraphProto g = GraphProto.newBuilder().setName("g")
                .addInput(value("x", 8, 1)).addOutput(value("y", 9, 1))
                .addNode(NodeProto.newBuilder().setName("match").setOpType("RegexFullMatch").addInput("x").addOutput("y")
                        .addAttribute(AttributeProto.newBuilder().setName("pattern").setS(
                                com.google.protobuf.ByteString.copyFromUtf8("(.*a){12}b"))
                                .setType(AttributeProto.AttributeType.STRING))).build();
        Session s = Kiln.load(ModelProto.newBuilder().setIrVersion(9).setGraph(g)
                .addOpsetImport(OperatorSetIdProto.newBuilder().setVersion(20)).build().toByteArray());
        Tensor evil = Tensor.of(new String[] {"a".repeat(40)}, 1); // minutes of backtracking
        long start = System.nanoTime();
        RunCancelledException e = assertThrows(RunCancelledException.class, () -> s.run(Map.of("x", evil), null,
                RunOptions.defaults().withTimeout(Duration.ofMillis(200))));
        assertEquals(RunCancelledException.Reason.DEADLINE, e.reason());
        assertTrue((System.nanoTime() - start) / 1_000_000 < 2000);
        assertTrue(s.run(Map.of("x", Tensor.of(new String[] {"a".repeat(12) + "b"}, 1))).tensor("y").booleans()[0]);
    }
}
