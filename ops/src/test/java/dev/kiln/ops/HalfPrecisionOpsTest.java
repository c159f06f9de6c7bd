package dev.kiln.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.kiln.ops.activation.Relu;
import dev.kiln.ops.activation.Sigmoid;
import dev.kiln.ops.common.Floats;
import dev.kiln.ops.conv.AveragePool;
import dev.kiln.ops.conv.Conv;
import dev.kiln.ops.conv.ConvTranspose;
import dev.kiln.ops.conv.MaxPool;
import dev.kiln.ops.image.Resize;
import dev.kiln.ops.linalg.Gemm;
import dev.kiln.ops.linalg.MatMul;
import dev.kiln.ops.linalg.Nodes;
import dev.kiln.ops.math.Add;
import dev.kiln.ops.math.Mul;
import dev.kiln.ops.norm.BatchNormalization;
import dev.kiln.ops.norm.Softmax;
import dev.kiln.runtime.graph.Attribute;
import dev.kiln.runtime.graph.Node;
import dev.kiln.runtime.op.Op;
import dev.kiln.runtime.tensor.DType;
import dev.kiln.runtime.tensor.Float16;
import dev.kiln.runtime.tensor.Shape;
import dev.kiln.runtime.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The ops a half-precision CNN uses, run on float16 (and bfloat16) inputs, against the same op
 * on the inputs widened to float32 with its result rounded to nearest even: the 16-bit types go
 * through the float32 kernels, so the two agree bit for bit. Odd shapes throughout.
 */
class HalfPrecisionOpsTest {
    private final Random rnd = new Random(2026);

    @Test
    void convWithBiasGroupsDilationsStridesAndPads() {
        for (int t = 0; t < 40; t++) {
            DType type = t % 8 == 7 ? DType.BFLOAT16 : DType.FLOAT16;
            int r = t % 5 == 4 ? 1 : 2;
            int group = 1 + rnd.nextInt(3), cg = 1 + rnd.nextInt(5), mg = 1 + rnd.nextInt(5);
            long[] x = new long[r + 2], w = new long[r + 2], strides = new long[r], dil = new long[r];
            long[] pads = new long[2 * r];
            x[0] = 1 + rnd.nextInt(2);
            x[1] = (long) group * cg;
            w[0] = (long) group * mg;
            w[1] = cg;
            for (int a = 0; a < r; a++) {
                w[a + 2] = 1 + rnd.nextInt(3);
                strides[a] = 1 + rnd.nextInt(2);
                dil[a] = 1 + rnd.nextInt(2);
                pads[a] = rnd.nextInt(3);
                pads[a + r] = rnd.nextInt(3);
                x[a + 2] = (w[a + 2] - 1) * dil[a] + 1 + rnd.nextInt(9);
            }
            Node node = Nodes.node("Conv", 3, 1, Attribute.ofInts("strides", strides),
                    Attribute.ofInts("dilations", dil), Attribute.ofInts("pads", pads), Attribute.of("group", (long) group));
            Tensor wt = random(type, w), bt = rnd.nextBoolean() ? random(type, w[0]) : null;
            // W as the node's constant (packed once, used twice) and as an input
            Op constant = new Conv(node, Nodes.withConstant("in1", wt));
            Op wide = new Conv(node, Nodes.withConstant("in1", widen(wt)));
            Tensor xt = random(type, x);
            assertRounded(constant, wide, "conv " + t, xt, wt, bt);
            assertRounded(constant, wide, "conv again " + t, xt, wt, bt);
            assertRounded(new Conv(node), new Conv(node), "conv, W an input " + t, xt, wt, bt);
        }
    }

    @Test
    void convTransposeWithBiasGroupsAndStrides() {
        for (int t = 0; t < 20; t++) {
            int group = 1 + rnd.nextInt(2), cg = 1 + rnd.nextInt(4), mg = 1 + rnd.nextInt(4);
            long k = 1 + rnd.nextInt(3), s = 1 + rnd.nextInt(2), p = rnd.nextInt((int) (k + 1) / 2);
            Node node = Nodes.node("ConvTranspose", 3, 1, Attribute.ofInts("strides", s, s),
                    Attribute.ofInts("pads", p, p, p, p), Attribute.of("group", (long) group));
            Tensor x = random(DType.FLOAT16, 1, (long) group * cg, 2 + rnd.nextInt(6), 2 + rnd.nextInt(6));
            Tensor w = random(DType.FLOAT16, (long) group * cg, mg, k, k);
            Tensor b = random(DType.FLOAT16, (long) group * mg);
            assertRounded(new ConvTranspose(node), new ConvTranspose(node), "conv transpose " + t, x, w, b);
        }
    }

    @Test
    void maxAndAveragePoolWithCeilModeAndPads() {
        for (int t = 0; t < 20; t++) {
            long k = 1 + rnd.nextInt(3), s = 1 + rnd.nextInt(2), p = rnd.nextInt((int) k);
            Attribute[] attrs = {Attribute.ofInts("kernel_shape", k, k + 1), Attribute.ofInts("strides", s, s),
                Attribute.ofInts("pads", p, p, p, p), Attribute.of("ceil_mode", (long) rnd.nextInt(2))};
            Tensor x = random(DType.FLOAT16, 1 + rnd.nextInt(2), 1 + rnd.nextInt(5), 4 + rnd.nextInt(9), 4 + rnd.nextInt(9));
            Node max = Nodes.node("MaxPool", 1, 1, attrs);
            assertRounded(new MaxPool(max), new MaxPool(max), "max pool " + t, x);
            List<Attribute> avgAttrs = new ArrayList<>(List.of(attrs));
            avgAttrs.add(Attribute.of("count_include_pad", (long) rnd.nextInt(2)));
            Node avg = Nodes.node("AveragePool", 1, 1, avgAttrs.toArray(new Attribute[0]));
            assertRounded(new AveragePool(avg), new AveragePool(avg), "average pool " + t, x);
        }
    }

    @Test
    void batchNormalizationAndSoftmax() {
        for (int t = 0; t < 10; t++) {
            long c = 1 + rnd.nextInt(7);
            Tensor x = random(DType.FLOAT16, 1 + rnd.nextInt(2), c, 1 + rnd.nextInt(9), 1 + rnd.nextInt(9));
            Tensor var = Floats.narrow(DType.FLOAT16, Shape.of(c), positive((int) c));
            Node bn = Nodes.node("BatchNormalization", 5, 1, Attribute.of("epsilon", 1e-3f));
            Op op = new BatchNormalization(bn, Nodes.withConstant("", null));
            assertRounded(op, op, "batch norm " + t, x, random(DType.FLOAT16, c), random(DType.FLOAT16, c),
                    random(DType.FLOAT16, c), var);
            Node sm = Nodes.node("Softmax", 1, 1, Attribute.of("axis", -1L));
            Op softmax = new Softmax(sm, Nodes.withConstant("", null));
            assertRounded(softmax, softmax, "softmax " + t, x);
        }
    }

    @Test
    void matMulAndGemmWithConstantAndVariableWeights() {
        for (int t = 0; t < 10; t++) {
            int m = 1 + rnd.nextInt(20), k = 1 + rnd.nextInt(40), n = 1 + rnd.nextInt(30);
            Tensor a = random(DType.FLOAT16, 2, m, k), b = random(DType.FLOAT16, k, n);
            Node mm = Nodes.node("MatMul", 2, 1);
            assertRounded(new MatMul(mm, Nodes.withConstant("in1", b)), new MatMul(mm, Nodes.withConstant("in1", widen(b))),
                    "matmul, constant B " + t, a, b);
            assertRounded(new MatMul(mm), new MatMul(mm), "matmul " + t, a, b);
            Node gemm = Nodes.node("Gemm", 3, 1, Attribute.of("transB", 1L), Attribute.of("alpha", 0.75f));
            Tensor bt = random(DType.FLOAT16, n, k), c = random(DType.FLOAT16, n);
            assertRounded(new Gemm(gemm, Nodes.withConstant("in1", bt)), new Gemm(gemm, Nodes.withConstant("in1", widen(bt))),
                    "gemm " + t, random(DType.FLOAT16, m, k), bt, c);
        }
    }

    @Test
    void resizeLinearAndNearest() {
        for (String mode : new String[] {"linear", "nearest"}) {
            for (int t = 0; t < 6; t++) {
                Node node = Nodes.node("Resize", 3, 1, Attribute.of("mode", mode));
                Op op = new Resize(node, Nodes.withConstant("", null));
                Tensor scales = Tensor.of(new float[] {1, 1, 0.5f + rnd.nextInt(4) * 0.75f, 2}, 4);
                Tensor x = random(DType.FLOAT16, 1, 1 + rnd.nextInt(3), 1 + rnd.nextInt(7), 1 + rnd.nextInt(7));
                assertRounded(op, op, "resize " + mode + " " + t, x, null, scales);
            }
        }
    }

    @Test
    void elementwiseOpsWithBroadcasting() {
        Tensor x = random(DType.FLOAT16, 2, 3, 5, 7), y = random(DType.FLOAT16, 3, 1, 7);
        Node binary = Nodes.node("Add", 2, 1);
        assertRounded(new Add(binary, Nodes.withConstant("", null)), new Add(binary, Nodes.withConstant("", null)),
                "add", x, y);
        assertRounded(new Mul(binary, Nodes.withConstant("", null)), new Mul(binary, Nodes.withConstant("", null)),
                "mul", x, y);
        Node unary = Nodes.node("Relu", 1, 1);
        assertRounded(new Relu(unary), new Relu(unary), "relu", x);
        assertRounded(new Sigmoid(unary), new Sigmoid(unary), "sigmoid", x);
    }

    @Test
    void blockwiseElementwiseOpsAcrossBlockBoundaries() {
        // 2 * 3 * 41 * 47 = 11562 elements: two whole blocks of 4096 and a partial one
        for (DType type : new DType[] {DType.FLOAT16, DType.BFLOAT16}) {
            Tensor x = random(type, 2, 3, 41, 47), y = random(type, 2, 3, 41, 47);
            Node binary = Nodes.node("Add", 2, 1);
            assertRounded(new Add(binary, Nodes.withConstant("", null)), new Add(binary, Nodes.withConstant("", null)),
                    "add " + type, x, y);
            Node unary = Nodes.node("Relu", 1, 1);
            assertRounded(new Relu(unary), new Relu(unary), "relu " + type, x);
            assertRounded(new Sigmoid(unary), new Sigmoid(unary), "sigmoid " + type, x);
            Node bn = Nodes.node("BatchNormalization", 5, 1);
            Op op = new BatchNormalization(bn, Nodes.withConstant("", null));
            Tensor big = random(type, 1, 2, 97, 89); // planes of 8633: blocks of 4096 and a partial one
            assertRounded(op, op, "batch norm " + type, big, random(type, 2), random(type, 2), random(type, 2),
                    Floats.narrow(type, Shape.of(2), positive(2)));
        }
    }

    /**
     * Runs {@code narrowOp} on {@code inputs} and {@code wideOp} on them widened to float32 (inputs
     * that are not 16-bit floats as they are), and checks the first result is the second rounded.
     */
    private static void assertRounded(Op narrowOp, Op wideOp, String what, Tensor... inputs) {
        Tensor[] wide = new Tensor[inputs.length];
        DType type = null;
        for (int i = 0; i < inputs.length; i++) {
            Tensor in = inputs[i];
            boolean narrow = in != null && (in.dtype() == DType.FLOAT16 || in.dtype() == DType.BFLOAT16);
            if (narrow && type == null) type = in.dtype();
            wide[i] = narrow ? widen(in) : in;
        }
        Tensor got = Nodes.run(narrowOp, inputs)[0], want = Nodes.run(wideOp, wide)[0];
        assertEquals(type, got.dtype(), what);
        assertEquals(want.shape(), got.shape(), what);
        short[] g = got.shorts();
        float[] f = want.floats();
        for (int i = 0; i < f.length; i++) {
            short expected = type == DType.FLOAT16 ? Float16.fromFloat(f[i]) : Float16.bfloat16FromFloat(f[i]);
            if (g[i] != expected) {
                assertEquals(String.format("%04x", expected), String.format("%04x", g[i]),
                        what + " at " + i + " of " + got.shape() + " (float32 " + f[i] + ")");
            }
        }
    }

    private static Tensor widen(Tensor t) { return Tensor.wrap(DType.FLOAT32, t.shape(), Floats.widen(t)); }

    /** Values uniform in [-2, 2) rounded to {@code type}. */
    private Tensor random(DType type, long... shape) {
        float[] v = new float[Math.toIntExact(Shape.of(shape).size())];
        for (int i = 0; i < v.length; i++) v[i] = (float) (rnd.nextDouble() * 4 - 2);
        return Floats.narrow(type, Shape.of(shape), v);
    }

    private float[] positive(int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) v[i] = (float) (0.25 + rnd.nextDouble());
        return v;
    }
}
