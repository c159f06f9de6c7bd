package dev.kiln.importer;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.kiln.runtime.KilnException;
import dev.kiln.runtime.exec.RunOptions;
import dev.kiln.runtime.exec.Session;
import dev.kiln.runtime.exec.SessionOptions;
import dev.kiln.runtime.graph.ValueInfo;
import dev.kiln.runtime.graph.ValueType;
import dev.kiln.runtime.io.RandomInputs;
import dev.kiln.runtime.tensor.Shape;
import dev.kiln.runtime.tensor.Tensor;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Feeds arbitrary bytes to the loader and runs every model that loads on random inputs, under a
 * memory budget and a deadline. The rule: each input ends in a result or a {@link KilnException}
 * subtype; any other exception, an {@link OutOfMemoryError} or an input over 2 s of CPU is a
 * finding.
 *
 * <p>{@code mvn test} replays the inputs in {@code ModelFuzzTestInputs/loadAndRun} (seeds taken
 * from the ONNX backend-test models, and every past finding). A campaign runs with
 * {@code JAZZER_FUZZ=1}; see docs/SECURITY.md.
 */
class ModelFuzzTest {
    /**
     * Large enough for every seed model, small enough that a kernel filling a whole budget stays
     * well inside the 2 s rule even instrumented (Jazzer's hooks slow hot loops tens of times).
     */
    private static final SessionOptions OPTIONS = SessionOptions.defaults()
            .withThreads(1).withMaxMemory(16L << 20);
    private static final RunOptions RUN = RunOptions.defaults().withTimeout(Duration.ofMillis(1000));
    /** Inputs larger than this are not generated: the fuzzer would only measure the generator. */
    private static final long MAX_INPUT_ELEMENTS = 1 << 16;

    private static final boolean FUZZING = System.getenv("JAZZER_FUZZ") != null;
    /**
     * The most CPU one input may take once the JVM is warm: 2 s when replaying; 60 s in a
     * campaign, whose coverage instrumentation slows hot loops ten to a hundred times (and can
     * keep a large method interpreted), so that only real hangs count as findings there.
     */
    private static final long MAX_CPU_NANOS = (FUZZING ? 60 : 2) * 1_000_000_000L;
    /** Inputs before the CPU bound applies: the first ones pay for class loading and instrumentation. */
    private static final int WARM_UP = FUZZING ? 200 : 50;
    private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();
    private static int executions;

    @FuzzTest(maxDuration = "65m")
    void loadAndRun(byte[] data) {
        long start = CPU.getCurrentThreadCpuTime();
        loadAndRunOnce(data);
        long cpu = CPU.getCurrentThreadCpuTime() - start;
        // CPU time, not wall time: the campaign runs niced on a shared machine (libFuzzer's
        // -timeout is the wall-clock backstop for a thread that blocks)
        if (++executions > WARM_UP && cpu > MAX_CPU_NANOS) {
            throw new AssertionError("one input took " + cpu / 1_000_000 + " ms of CPU");
        }
    }

    private static void loadAndRunOnce(byte[] data) {
        Session session;
        try {
            session = Kiln.load(data, OPTIONS);
        } catch (KilnException e) {
            return;
        }
        Map<String, Tensor> inputs = inputs(session, Arrays.hashCode(data));
        if (inputs == null) return;
        try {
            session.run(inputs, null, RUN);
        } catch (KilnException e) {
            // a typed failure is a valid end
        }
    }

    /** Random tensors for every feed input, or null when the model wants something else. */
    private static Map<String, Tensor> inputs(Session session, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        Map<String, Tensor> out = new LinkedHashMap<>();
        for (ValueInfo vi : session.inputs()) {
            ValueType t = vi.type();
            if (t == null || t.kind() != ValueType.Kind.TENSOR || t.elemType() == null
                    || !t.elemType().isSupported()) {
                return null;
            }
            Shape shape;
            try {
                shape = RandomInputs.shapeOf(vi, Map.of());
            } catch (KilnException | IllegalArgumentException e) { // no declared shape, or a bad one
                return null;
            }
            if (shape.size() > MAX_INPUT_ELEMENTS) return null;
            out.put(vi.name(), RandomInputs.random(t.elemType(), shape, rnd));
        }
        return out;
    }
}
