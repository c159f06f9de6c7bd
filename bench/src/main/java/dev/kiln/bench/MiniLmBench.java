package dev.kiln.bench;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.BenchmarkParams;

/** all-MiniLM-L6-v2 inference (fp32 and int8), Kiln and ONNX Runtime on the same token ids. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class MiniLmBench {
    /** fp32 or int8 (dynamically quantized). */
    @Param({"fp32", "int8"})
    public String model;

    /**
     * Sentences per run by tokens per sentence: single queries, and the batches an indexing job
     * runs (8 x 128, 32 x 64).
     */
    @Param({"1x16", "1x128", "8x16", "8x128", "32x64"})
    public String shape;

    /** Intra-op threads, the same for Kiln and ONNX Runtime. */
    @Param({"1", "2"})
    public int threads;

    /** Which runtime: kiln or ort (named to sort last, so JMH runs the two runtimes of a row back to back). */
    @Param({"kiln", "ort"})
    public String via;

    private Side side;

    @Setup(Level.Trial)
    public void setup(BenchmarkParams params) {
        try {
            side = Side.open(via, new Workload(MiniLm.model(model), MiniLm.inputs(batch(shape), seq(shape), 7)), threads);
            side.run();
        } catch (Throwable e) {
            throw Skips.record(params, via, e);
        }
    }

    /** The batch of a {@code BxS} shape. */
    static int batch(String shape) { return Integer.parseInt(shape.substring(0, shape.indexOf('x'))); }

    /** The sequence length of a {@code BxS} shape. */
    static int seq(String shape) { return Integer.parseInt(shape.substring(shape.indexOf('x') + 1)); }

    @Benchmark
    public Object run() throws Exception { return side.run(); }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        if (side != null) side.close();
    }
}
