package dev.kiln.bench;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import dev.kiln.importer.Kiln;
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

/**
 * Session load time for all-MiniLM-L6-v2 from bytes already in memory: {@code Kiln.load} versus
 * {@code OrtEnvironment.createSession} (which includes ONNX Runtime's graph optimizations).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3)
@Measurement(iterations = 10)
@Fork(1)
public class LoadBench {
    /** fp32 or int8 (dynamically quantized). */
    @Param({"fp32", "int8"})
    public String model;

    /** Intra-op threads, the same for Kiln and ONNX Runtime. */
    @Param({"1", "2"})
    public int threads;

    /** Which runtime: kiln or ort (named to sort last, so JMH runs the two runtimes of a row back to back). */
    @Param({"kiln", "ort"})
    public String via;

    private byte[] bytes;
    private OrtEnvironment env;
    private OrtSession.SessionOptions ortOptions;
    private AutoCloseable loaded;

    @Setup(Level.Trial)
    public void setup(BenchmarkParams params) {
        try {
            bytes = MiniLm.model(model);
            if (via.equals("ort")) {
                env = OrtEnvironment.getEnvironment();
                ortOptions = OrtSide.options(threads);
            }
            load();
            release();
        } catch (Throwable e) {
            throw Skips.record(params, via, e);
        }
    }

    @Benchmark
    public Object load() throws Exception {
        if (via.equals("ort")) {
            OrtSession s = env.createSession(bytes, ortOptions);
            loaded = s;
            return s;
        }
        return Kiln.load(bytes, dev.kiln.runtime.exec.SessionOptions.defaults().withThreads(threads));
    }

    /** Closes the ONNX Runtime session outside the measured time. */
    @TearDown(Level.Iteration)
    public void release() throws Exception {
        if (loaded != null) loaded.close();
        loaded = null;
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        if (ortOptions != null) ortOptions.close();
    }
}
