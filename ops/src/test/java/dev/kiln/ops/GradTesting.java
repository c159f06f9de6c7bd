package dev.kiln.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kiln.runtime.exec.CompiledGraph;
import dev.kiln.runtime.exec.ExecutionContext;
import dev.kiln.runtime.exec.GradientCheck;
import dev.kiln.runtime.graph.Attribute;
import dev.kiln.runtime.graph.Attributes;
import dev.kiln.runtime.graph.Graph;
import dev.kiln.runtime.graph.Node;
import dev.kiln.runtime.op.LoadContext;
import dev.kiln.runtime.op.Op;
import dev.kiln.runtime.op.OpSpec;
import dev.kiln.runtime.tensor.DType;
import dev.kiln.runtime.tensor.Shape;
import dev.kiln.runtime.tensor.Tensor;
import dev.kiln.runtime.tensor.Value;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** Test helper for backward passes: ops from the standard registry, random inputs, finite-difference checks. */
public final class GradTesting {
    /** The bar for float64 checks (eps 1e-6). */
    public static final double FLOAT64_BAR = 1e-6;
    /** The bar for float32 checks (eps 1e-2). */
    public static final double FLOAT32_BAR = 2e-3;

    private GradTesting() {}

    /** The op the standard registry makes for a node of {@code opType} at {@code opset}. */
    public static Op op(String opType, int opset, int inputs, int outputs, Attribute... attributes) {
        OpSpec spec = StandardOps.registry().resolve("", opType, opset);
        assertNotNull(spec, opType + " at opset " + opset);
        List<String> in = new ArrayList<>();
        for (int i = 0; i < inputs; i++) in.add("in" + i);
        List<String> out = new ArrayList<>();
        for (int i = 0; i < outputs; i++) out.add("out" + i);
        Node node = new Node("n", "", opType, in, out, new Attributes(List.of(attributes)));
        return spec.factory().create(node, new LoadContext() {
            @Override
            public int opset() { return opset; }

            @Override
            public int sinceVersion() { return spec.sinceVersion(); }

            @Override
            public CompiledGraph compile(Graph subgraph) {
                throw new UnsupportedOperationException("no subgraphs in these tests");
            }
        });
    }

    /** A float64 tensor with elements uniform in [lo, hi). */
    public static Tensor uniform(SplittableRandom rnd, double lo, double hi, long... dims) {
        Shape s = Shape.of(dims);
        double[] v = new double[s.sizeInt()];
        for (int i = 0; i < v.length; i++) v[i] = lo + (hi - lo) * rnd.nextDouble();
        return Tensor.wrap(DType.FLOAT64, s, v);
    }

    /** A float64 tensor with elements of magnitude in [0.2, 2) and random sign (away from 0). */
    public static Tensor nonZero(SplittableRandom rnd, long... dims) {
        Tensor t = uniform(rnd, 0.2, 2, dims);
        double[] v = t.doubles();
        for (int i = 0; i < v.length; i++) if (rnd.nextBoolean()) v[i] = -v[i];
        return t;
    }

    /** An int64 tensor. */
    public static Tensor longs(long[] values, long... dims) {
        return Tensor.of(values, dims);
    }

    /** Checks the gradients of every floating-point input in float64 (eps 1e-6, bar 1e-6). */
    public static void assertGradient(Op op, Tensor... inputs) {
        assertGradient(op, floats(inputs), inputs);
    }

    /** Checks the gradients of the flagged inputs in float64 (eps 1e-6, bar 1e-6). */
    public static void assertGradient(Op op, boolean[] differentiable, Tensor... inputs) {
        check(op, differentiable, GradientCheck.toFloat64(inputs), 1e-6, FLOAT64_BAR);
    }

    /** Checks the gradients of every float input in float32 (float64 inputs narrowed; eps 1e-2, bar 2e-3). */
    public static void assertGradientFloat32(Op op, Tensor... inputs) {
        Tensor[] in = new Tensor[inputs.length];
        for (int i = 0; i < in.length; i++) {
            Tensor t = inputs[i];
            in[i] = t != null && t.dtype() == DType.FLOAT64 ? Tensor.wrap(DType.FLOAT32, t.shape(), t.toFloatArray()) : t;
        }
        check(op, floats(in), in, 1e-2, FLOAT32_BAR);
    }

    private static void check(Op op, boolean[] differentiable, Tensor[] inputs, double eps, double bar) {
        GradientCheck.Report r = GradientCheck.check(op, inputs, differentiable, eps, 7);
        assertTrue(r.relativeError() <= bar, "relative error " + r.relativeError() + " at input " + r.worstInput());
        // every gradient has its input's dtype and shape; non-float inputs get none
        Value[] out = op.forward(inputs, ExecutionContext.standalone(7));
        Tensor[] outputs = new Tensor[out.length];
        Tensor[] seeds = new Tensor[out.length];
        for (int k = 0; k < out.length; k++) {
            outputs[k] = (Tensor) out[k];
            if (outputs[k] != null && outputs[k].dtype().isFloatingPoint()) {
                seeds[k] = Tensor.zeros(outputs[k].dtype(), outputs[k].shape());
            }
        }
        Tensor[] d = op.backward(inputs, outputs, seeds);
        for (int j = 0; j < inputs.length; j++) {
            if (!differentiable[j]) continue;
            assertEquals(inputs[j].shape(), d[j].shape(), "gradient shape of input " + j);
            assertEquals(inputs[j].dtype(), d[j].dtype(), "gradient dtype of input " + j);
        }
        for (int j = 0; j < inputs.length && j < d.length; j++) {
            if (inputs[j] != null && !inputs[j].dtype().isFloatingPoint()) {
                assertEquals(null, d[j], "input " + j + " is not differentiable");
            }
        }
    }

    private static boolean[] floats(Tensor[] inputs) {
        boolean[] f = new boolean[inputs.length];
        for (int i = 0; i < f.length; i++) f[i] = inputs[i] != null && inputs[i].dtype().isFloatingPoint();
        return f;
    }
}
