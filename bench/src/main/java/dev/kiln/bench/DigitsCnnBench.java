package dev.kiln.bench;

import dev.kiln.importer.ExportOptions;
import dev.kiln.importer.OnnxExporter;
import dev.kiln.models.digits.DigitsModels;
import dev.kiln.runtime.graph.Model;
import dev.kiln.runtime.io.RandomInputs;
import dev.kiln.runtime.tensor.DType;
import dev.kiln.runtime.tensor.Shape;
import dev.kiln.runtime.tensor.Tensor;
import java.util.Map;
import java.util.SplittableRandom;
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
 * Inference of the digits CNN from the training demo (Conv 3×3 16 → Conv 3×3 32 → MaxPool →
 * Dense 64 → Dense 10 on 8×8 images), exported to ONNX, in Kiln and ONNX Runtime on the same images.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class DigitsCnnBench {
    /** Images per run. */
    @Param({"1", "32"})
    public int batch;

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
            Model model = Model.of(DigitsModels.build(DigitsModels.Kind.CNN, 0).builder().build());
            byte[] bytes = OnnxExporter.toProto(model, ExportOptions.defaults()).toByteArray();
            Tensor x = RandomInputs.random(DType.FLOAT32, Shape.of(batch, 1, 8, 8), new SplittableRandom(7));
            side = Side.open(via, new Workload(bytes, Map.of("x", x)), threads);
            side.run();
        } catch (Throwable e) {
            throw Skips.record(params, via, e);
        }
    }

    @Benchmark
    public Object run() throws Exception { return side.run(); }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        if (side != null) side.close();
    }
}
