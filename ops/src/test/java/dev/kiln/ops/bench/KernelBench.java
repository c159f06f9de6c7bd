package dev.kiln.ops.bench;

import dev.kiln.ops.conv.Conv;
import dev.kiln.ops.linalg.Nodes;
import dev.kiln.ops.linalg.Sgemm;
import dev.kiln.runtime.graph.Attribute;
import dev.kiln.runtime.op.Op;
import dev.kiln.runtime.tensor.DType;
import dev.kiln.runtime.tensor.Shape;
import dev.kiln.runtime.tensor.Tensor;
import java.util.Random;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;

/**
 * A development timing harness for the float32 kernels (not a test; surefire never runs it).
 * Prints the best of several timed rounds for sgemm 1024^3, the BERT-shaped 128x384 * 384x1536
 * product and a 3x3 64->64 convolution on 56x56.
 *
 * <pre>java --add-modules jdk.incubator.vector -cp ops/target/classes:ops/target/test-classes:runtime/target/classes
 *     dev.kiln.ops.bench.KernelBench [seconds-per-case]</pre>
 */
public final class KernelBench {
    private KernelBench() {}

    public static void main(String[] args) {
        double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 3;
        String only = args.length > 1 ? args[1] : "";
        System.out.println("sgemm kernel: " + Sgemm.implementation() + ", java " + Runtime.version());
        double peak = time(KernelBench::fmaChains, seconds);
        System.out.printf("fma peak (12 chains, 256-bit): %.1f GFLOP/s now (per cpu-second: %.1f)%n",
                FMA_FLOPS / peak / 1e9, FMA_FLOPS / lastCpu / 1e9);
        if ("".equals(only) || only.contains("gemm") && !only.contains("conv")) {
            gemm(144, 256, 256, seconds);
            gemm(1024, 1024, 1024, seconds);
            gemm(128, 1536, 384, seconds);
            gemm(64, 3136, 576, seconds);
            gemm(128, 1536, 384, false, true, seconds);
            gemm(128, 1536, 384, true, false, seconds);
            gemm(1, 1536, 384, seconds);
        }
        if ("".equals(only) || only.contains("conv")) conv(seconds);
        if ("".equals(only) || only.contains("fused")) fused(seconds);
        if ("".equals(only) || only.contains("batched")) batched(seconds);
    }

    /** Softmax over BERT-base attention scores, LayerNormalization and Gelu on BERT activations. */
    private static void fused(double seconds) {
        Random rnd = new Random(3);
        Tensor scores = Tensor.wrap(DType.FLOAT32, Shape.of(12, 128, 128), random(rnd, 12 * 128 * 128));
        Op softmax = Nodes.create(dev.kiln.ops.norm.Softmax::new, Nodes.node("Softmax", 1, 1), 13, 13);
        report("softmax (12, 128, 128) last axis", time(() -> Nodes.run(softmax, scores), seconds));
        Tensor h = Tensor.wrap(DType.FLOAT32, Shape.of(128, 768), random(rnd, 128 * 768));
        Tensor scale = Tensor.wrap(DType.FLOAT32, Shape.of(768), random(rnd, 768));
        Tensor bias = Tensor.wrap(DType.FLOAT32, Shape.of(768), random(rnd, 768));
        Op ln = Nodes.create((n, c) -> new dev.kiln.ops.norm.LayerNormalization(n),
                Nodes.node("LayerNormalization", 3, 1), 17, 17);
        report("layer norm (128, 768)", time(() -> Nodes.run(ln, h, scale, bias), seconds));
        Tensor u = Tensor.wrap(DType.FLOAT32, Shape.of(128, 3072), random(rnd, 128 * 3072));
        Op gelu = Nodes.create((n, c) -> new dev.kiln.ops.activation.Gelu(n), Nodes.node("Gelu", 1, 1), 20, 20);
        report("gelu (128, 3072)", time(() -> Nodes.run(gelu, u), seconds));
        Op erf = Nodes.create((n, c) -> new dev.kiln.ops.unary.Erf(n), Nodes.node("Erf", 1, 1), 13, 13);
        report("erf (128, 3072)", time(() -> Nodes.run(erf, u), seconds));
    }

    /** Attention scores: (12, 128, 64) x (12, 64, 128), one product per head. */
    private static void batched(double seconds) {
        Random rnd = new Random(4);
        Tensor q = Tensor.wrap(DType.FLOAT32, Shape.of(12, 128, 64), random(rnd, 12 * 128 * 64));
        Tensor k = Tensor.wrap(DType.FLOAT32, Shape.of(12, 64, 128), random(rnd, 12 * 64 * 128));
        Op matmul = Nodes.create((n, c) -> new dev.kiln.ops.linalg.MatMul(n), Nodes.node("MatMul", 2, 1), 13, 13);
        double best = time(() -> Nodes.run(matmul, q, k), seconds);
        System.out.printf("matmul (12, 128, 64) x (12, 64, 128): %.3f ms, %.1f GFLOP/s%n", best * 1e3,
                2.0 * 12 * 128 * 128 * 64 / best / 1e9);
    }

    private static void report(String what, double best) {
        System.out.printf("%s: %.3f ms%n", what, best * 1e3);
    }

    private static void gemm(int m, int n, int k, double seconds) {
        gemm(m, n, k, false, false, seconds);
    }

    private static void gemm(int m, int n, int k, boolean ta, boolean tb, double seconds) {
        Random rnd = new Random(1);
        float[] a = random(rnd, m * k), b = random(rnd, k * n), c = new float[m * n];
        double best = time(() -> Sgemm.gemm(ta, tb, m, n, k, 1f, a, 0, ta ? m : k, b, 0, tb ? k : n, 0f, c, 0, n),
                seconds);
        System.out.printf("sgemm %dx%d%s * %dx%d%s: %.3f ms, %.1f GFLOP/s (per cpu-second of the caller: %.1f)%n",
                m, k, ta ? "^T" : "", k, n, tb ? "^T" : "", best * 1e3, 2.0 * m * n * k / best / 1e9,
                2.0 * m * n * k / lastCpu / 1e9);
    }

    private static void conv(double seconds) {
        Random rnd = new Random(2);
        Tensor x = Tensor.wrap(DType.FLOAT32, Shape.of(1, 64, 56, 56), random(rnd, 64 * 56 * 56));
        Tensor w = Tensor.wrap(DType.FLOAT32, Shape.of(64, 64, 3, 3), random(rnd, 64 * 64 * 9));
        Tensor bias = Tensor.wrap(DType.FLOAT32, Shape.of(64), random(rnd, 64));
        Op op = new Conv(Nodes.node("Conv", 3, 1, Attribute.ofInts("pads", 1, 1, 1, 1)));
        double best = time(() -> Nodes.run(op, x, w, bias), seconds);
        System.out.printf("conv 3x3 64->64 56x56: %.3f ms, %.1f GFLOP/s%n", best * 1e3,
                2.0 * 64 * 64 * 9 * 56 * 56 / best / 1e9);
        Tensor w1 = Tensor.wrap(DType.FLOAT32, Shape.of(256, 64, 1, 1), random(rnd, 256 * 64));
        Op pw = new Conv(Nodes.node("Conv", 2, 1));
        double best1 = time(() -> Nodes.run(pw, x, w1), seconds);
        System.out.printf("conv 1x1 64->256 56x56: %.3f ms, %.1f GFLOP/s%n", best1 * 1e3,
                2.0 * 256 * 64 * 56 * 56 / best1 / 1e9);
    }

    private static final int FMA_ITERS = 2_000_000;
    private static final double FMA_FLOPS = FMA_ITERS * 12.0 * 2 * 8;
    private static volatile float sink;

    // 12 independent FMA chains on 8-lane vectors: the core's FMA throughput as the scheduler grants it now
    private static void fmaChains() {
        var s = FloatVector.SPECIES_256;
        var x = FloatVector.broadcast(s, 1.0001f);
        var y = FloatVector.broadcast(s, 0.9999f);
        var c0 = x; var c1 = x; var c2 = x; var c3 = x; var c4 = x; var c5 = x;
        var c6 = x; var c7 = x; var c8 = x; var c9 = x; var c10 = x; var c11 = x;
        for (int i = 0; i < FMA_ITERS; i++) {
            c0 = c0.fma(y, x); c1 = c1.fma(y, x); c2 = c2.fma(y, x); c3 = c3.fma(y, x);
            c4 = c4.fma(y, x); c5 = c5.fma(y, x); c6 = c6.fma(y, x); c7 = c7.fma(y, x);
            c8 = c8.fma(y, x); c9 = c9.fma(y, x); c10 = c10.fma(y, x); c11 = c11.fma(y, x);
        }
        sink = c0.add(c1).add(c2).add(c3).add(c4).add(c5).add(c6).add(c7).add(c8).add(c9).add(c10).add(c11)
                .reduceLanes(VectorOperators.ADD);
    }

    private static final java.lang.management.ThreadMXBean CPU = java.lang.management.ManagementFactory.getThreadMXBean();

    /**
     * Best seconds per call over rounds filling about {@code seconds}, after a warm-up of the same
     * length. On this shared machine the best CPU time of the calling thread is reported when it is
     * below the wall time by more than 5% (the thread was descheduled), which counts only time the
     * kernel ran; with helper threads the wall time is what counts.
     */
    private static double time(Runnable r, double seconds) {
        long budget = (long) (seconds * 1e9);
        long end = System.nanoTime() + budget;
        while (System.nanoTime() < end) r.run();
        double best = Double.MAX_VALUE, bestCpu = Double.MAX_VALUE;
        end = System.nanoTime() + budget;
        while (System.nanoTime() < end) {
            long c0 = CPU.getCurrentThreadCpuTime();
            long t0 = System.nanoTime();
            r.run();
            best = Math.min(best, (System.nanoTime() - t0) / 1e9);
            bestCpu = Math.min(bestCpu, (CPU.getCurrentThreadCpuTime() - c0) / 1e9);
        }
        lastCpu = bestCpu;
        return best;
    }

    private static double lastCpu;

    private static float[] random(Random rnd, int n) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) x[i] = (float) rnd.nextGaussian();
        return x;
    }
}
