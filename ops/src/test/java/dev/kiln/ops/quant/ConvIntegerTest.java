package dev.kiln.ops.quant;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.kiln.runtime.exec.CompiledGraph;
import dev.kiln.runtime.graph.Attribute;
import dev.kiln.runtime.graph.Attributes;
import dev.kiln.runtime.graph.Graph;
import dev.kiln.runtime.graph.Node;
import dev.kiln.runtime.op.LoadContext;
import dev.kiln.runtime.tensor.DType;
import dev.kiln.runtime.tensor.Shape;
import dev.kiln.runtime.tensor.Tensor;
import dev.kiln.runtime.tensor.Value;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** ConvInteger's float32 GEMM path against the direct double loop, bit for bit. */
class ConvIntegerTest {
    @Test
    void matchesTheDirectLoopOnRandomGeometries() {
        Random rnd = new Random(5);
        // (N, C, M, group, spatial dims, kernel dims, stride, pad, dilation)
        Object[][] cases = {
            {1, 3, 4, 1, new int[] {7, 6}, new int[] {3, 3}, 1, 1, 1},
            {2, 4, 6, 2, new int[] {9, 5}, new int[] {3, 2}, 2, 0, 1},
            {1, 6, 3, 3, new int[] {8, 8}, new int[] {1, 1}, 1, 0, 1},
            {1, 5, 7, 1, new int[] {11}, new int[] {4}, 3, 2, 2},
            {1, 2, 3, 1, new int[] {4, 5, 6}, new int[] {2, 3, 2}, 1, 1, 1},
            {1, 16, 8, 1, new int[] {13, 13}, new int[] {3, 3}, 1, 1, 1},
            {1, 1, 1, 1, new int[] {1, 1}, new int[] {1, 1}, 1, 0, 1},
            {0, 2, 3, 1, new int[] {4, 4}, new int[] {3, 3}, 1, 1, 1},
            {1, 0, 3, 1, new int[] {4, 4}, new int[] {3, 3}, 1, 1, 1},
            {1, 2, 3, 1, new int[] {2, 2}, new int[] {3, 3}, 1, 0, 1},
        };
        for (Object[] c : cases) {
            for (boolean xUnsigned : new boolean[] {true, false}) {
                for (boolean wUnsigned : new boolean[] {true, false}) {
                    int n = (int) c[0], ch = (int) c[1], m = (int) c[2], group = (int) c[3];
                    int[] in = (int[]) c[4], k = (int[]) c[5];
                    Tensor x = random(rnd, xUnsigned, dims(n, ch, in));
                    Tensor w = random(rnd, wUnsigned, dims(m, ch / group, k));
                    Tensor xzp = scalar(rnd, xUnsigned);
                    Tensor wzp = rnd.nextBoolean() ? scalar(rnd, wUnsigned) : perChannel(rnd, wUnsigned, m);
                    Node node = node(k.length, group, (int) c[6], (int) c[7], (int) c[8]);
                    assertSame(node, x, w, xzp, wzp, Arrays.toString(c) + " " + xUnsigned + wUnsigned);
                }
            }
        }
    }

    @Test
    void extremeWeightsAreCutIntoExactChannelRunsAndWrapAsInt32() {
        // |w - wzp| = 255 at every tap: 2^24 / 255 / 255 / 9 = 28 channels per run at most
        int c = 100, m = 3;
        byte[] wv = new byte[m * c * 9];
        Arrays.fill(wv, (byte) 255);
        Tensor w = Tensor.wrap(DType.UINT8, Shape.of(m, c, 3, 3), wv);
        Tensor wzp = Tensor.wrap(DType.UINT8, Shape.SCALAR, new byte[] {0});
        byte[] xv = new byte[c * 6 * 6];
        Arrays.fill(xv, (byte) 255);
        Tensor x = Tensor.wrap(DType.UINT8, Shape.of(1, c, 6, 6), xv);
        Tensor xzp = Tensor.wrap(DType.UINT8, Shape.SCALAR, new byte[] {0});
        float[] shifted = new float[wv.length];
        Arrays.fill(shifted, 255f);
        ExactChannels runs = ExactChannels.of(shifted, w.shape(), 1);
        assertNotNull(runs);
        assertEquals(4, runs.runs());
        assertSame(node(2, 1, 1, 1, 1), x, w, xzp, wzp, "extreme");
        // 255 * 255 * 9 * 4000 channels exceeds int32: the sum wraps as the reference's does
        int big = 4000;
        Tensor wb = Tensor.wrap(DType.UINT8, Shape.of(1, big, 3, 3), filled(big * 9));
        Tensor xb = Tensor.wrap(DType.UINT8, Shape.of(1, big, 3, 3), filled(big * 9));
        assertSame(node(2, 1, 1, 0, 1), xb, wb, xzp, wzp, "wrapping");
    }

    @Test
    void aKernelTooLargeForOneChannelRunsTheDirectLoop() {
        // 300 taps of 255 in one channel: 255 * 255 * 300 > 2^24, no exact run exists
        float[] shifted = new float[300];
        Arrays.fill(shifted, 255f);
        assertNull(ExactChannels.of(shifted, Shape.of(1, 1, 300), 1));
        Tensor w = Tensor.wrap(DType.UINT8, Shape.of(1, 1, 300), filled(300));
        Tensor x = Tensor.wrap(DType.UINT8, Shape.of(1, 1, 310), filled(310));
        assertSame(node(1, 1, 1, 0, 1), x, w, null, null, "direct");
    }

    @Test
    void handComputed() {
        // x - 1 = [[0, 1], [2, 3]], w - 0 = [[1, -1], [2, 0]] (1x1 output, valid) → 0 - 1 + 4 + 0 = 3
        Tensor x = Tensor.wrap(DType.UINT8, Shape.of(1, 1, 2, 2), new byte[] {1, 2, 3, 4});
        Tensor w = Tensor.wrap(DType.INT8, Shape.of(1, 1, 2, 2), new byte[] {1, -1, 2, 0});
        Tensor xzp = Tensor.wrap(DType.UINT8, Shape.SCALAR, new byte[] {1});
        Tensor y = run(new ConvInteger(node(2, 1, 1, 0, 1)), x, w, xzp, null);
        assertEquals(Shape.of(1, 1, 1, 1), y.shape());
        assertArrayEquals(new int[] {3}, y.ints());
    }

    /** The op without and with w as a load-time constant against the direct loop. */
    private static void assertSame(Node node, Tensor x, Tensor w, Tensor xzp, Tensor wzp, String what) {
        DirectConv.Geometry g = DirectConv.geometry(x.shape(), w.shape(), DirectConv.Params.of(node.attributes()));
        Tensor want = ConvInteger.reference(x, w, xzp, wzp, g, DirectConv.outputShape(x.shape(), w.shape(), g));
        Tensor plain = run(new ConvInteger(node), x, w, xzp, wzp);
        assertEquals(want.shape(), plain.shape(), what);
        assertArrayEquals(want.ints(), plain.ints(), what);
        ConvInteger constant = new ConvInteger(node, context(Map.of("w", w, "wzp", wzp == null ? w : wzp)));
        for (int i = 0; i < 2; i++) assertArrayEquals(want.ints(), run(constant, x, w, xzp, wzp).ints(), what);
    }

    private static Tensor run(ConvInteger op, Tensor x, Tensor w, Tensor xzp, Tensor wzp) {
        return (Tensor) op.forward(new Value[] {x, w, xzp, wzp}, null)[0];
    }

    private static Node node(int rank, int group, int stride, int pad, int dilation) {
        long[] s = new long[rank], p = new long[2 * rank], d = new long[rank];
        Arrays.fill(s, stride);
        Arrays.fill(p, pad);
        Arrays.fill(d, dilation);
        List<Attribute> a = new ArrayList<>(List.of(Attribute.ofInts("strides", s), Attribute.ofInts("pads", p),
                Attribute.ofInts("dilations", d), Attribute.of("group", (long) group)));
        return new Node("ci", "", "ConvInteger", List.of("x", "w", "xzp", "wzp"), List.of("y"), new Attributes(a));
    }

    private static LoadContext context(Map<String, Tensor> constants) {
        return new LoadContext() {
            @Override public int opset() { return 10; }
            @Override public int sinceVersion() { return 10; }
            @Override public Tensor constant(String name) { return constants.get(name); }
            @Override public CompiledGraph compile(Graph subgraph) { throw new UnsupportedOperationException("these ops have no subgraphs"); }
        };
    }

    private static long[] dims(int a, int b, int[] rest) {
        long[] d = new long[2 + rest.length];
        d[0] = a;
        d[1] = b;
        for (int i = 0; i < rest.length; i++) d[2 + i] = rest[i];
        return d;
    }

    private static Tensor random(Random rnd, boolean unsigned, long[] dims) {
        long size = 1;
        for (long d : dims) size *= d;
        byte[] v = new byte[(int) size];
        rnd.nextBytes(v);
        return Tensor.wrap(unsigned ? DType.UINT8 : DType.INT8, Shape.of(dims), v);
    }

    private static Tensor scalar(Random rnd, boolean unsigned) {
        return Tensor.wrap(unsigned ? DType.UINT8 : DType.INT8, Shape.SCALAR, new byte[] {(byte) rnd.nextInt(256)});
    }

    private static Tensor perChannel(Random rnd, boolean unsigned, int m) {
        byte[] v = new byte[m];
        rnd.nextBytes(v);
        return Tensor.wrap(unsigned ? DType.UINT8 : DType.INT8, Shape.of(m), v);
    }

    private static byte[] filled(int n) {
        byte[] v = new byte[n];
        Arrays.fill(v, (byte) 255);
        return v;
    }
}
