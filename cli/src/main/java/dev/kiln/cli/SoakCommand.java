package dev.kiln.cli;

import dev.kiln.importer.Kiln;
import dev.kiln.runtime.exec.Session;
import dev.kiln.runtime.exec.SessionOptions;
import dev.kiln.runtime.graph.ValueInfo;
import dev.kiln.runtime.io.RandomInputs;
import dev.kiln.runtime.tensor.Tensor;
import dev.kiln.runtime.tensor.Value;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code kiln soak MODEL}: runs one session from many threads at once, checks that every output
 * is bit-identical to a single-threaded run, and that the heap after GC stays flat.
 */
@Command(name = "soak", mixinStandardHelpOptions = true,
        description = "Runs one session from many threads; exits 1 when an output differs from a single-threaded"
                + " run or the heap after GC grows by more than 10% after warm-up.")
final class SoakCommand implements Callable<Integer> {
    /** Heap growth after warm-up that fails the soak. */
    private static final double MAX_GROWTH = 0.10;

    @Parameters(index = "0", description = "The .onnx model file.")
    Path model;

    @Option(names = "--threads", description = "Caller threads sharing the session (default ${DEFAULT-VALUE}).",
            defaultValue = "16")
    int threads;

    @Option(names = "--runs", description = "Runs in all, after the warm-up (default ${DEFAULT-VALUE}).",
            defaultValue = "10000")
    long runs;

    @Option(names = "--warmup", description = "Warm-up runs on all threads before the first heap sample"
            + " (default ${DEFAULT-VALUE}).", defaultValue = "200")
    long warmup;

    @Option(names = "--intra-op", description = "Intra-op threads of each run (default ${DEFAULT-VALUE}).",
            defaultValue = "1")
    int intraOp;

    @Option(names = "--input", description = "An input as name=file.npy (repeatable). Inputs not given are generated.")
    List<String> inputs = List.of();

    @Option(names = "--dims", description = "Bindings of symbolic dims for generated inputs, e.g. batch=1,seq=16.")
    String dims;

    @Option(names = "--seed", description = "Seed for generated inputs (default ${DEFAULT-VALUE}).", defaultValue = "0")
    long seed;

    @Override
    public Integer call() throws Exception {
        if (threads < 1 || runs < 1 || warmup < 0) throw new IllegalArgumentException("--threads and --runs must be >= 1");
        Session session = Kiln.load(model, SessionOptions.defaults().withThreads(intraOp));
        Map<String, Value> feeds = new LinkedHashMap<>(NpyInputs.parse(inputs));
        List<ValueInfo> missing = session.inputs().stream().filter(vi -> !feeds.containsKey(vi.name())).toList();
        feeds.putAll(RandomInputs.generate(missing, RandomInputs.parseDims(dims), seed));
        Map<String, Value> reference = session.run(feeds).asMap();
        System.out.println("reference: " + describe(reference));

        long t0 = System.nanoTime();
        long warmDiffer = soak(session, feeds, reference, warmup);
        long heapStart = heapAfterGc();
        long t1 = System.nanoTime();
        long differ = soak(session, feeds, reference, runs);
        long t2 = System.nanoTime();
        long heapEnd = heapAfterGc();
        differ += warmDiffer;

        double seconds = (t2 - t1) / 1e9;
        System.out.printf("warm-up %d runs in %.1f s; soak %d runs in %.1f s (%.1f runs/s)%n",
                warmup, (t1 - t0) / 1e9, runs, seconds, runs / seconds);
        double growth = (double) (heapEnd - heapStart) / heapStart;
        System.out.printf("%d runs on %d threads: %s; heap after warm-up %.1f MB -> %.1f MB (%+.1f%%)%n",
                runs + warmup, threads, differ == 0 ? "all identical" : differ + " differ",
                heapStart / 1e6, heapEnd / 1e6, 100 * growth);
        return differ == 0 && growth <= MAX_GROWTH ? 0 : 1;
    }

    /** Runs {@code n} times on {@link #threads} threads; returns how many runs differed from the reference. */
    private long soak(Session session, Map<String, Value> feeds, Map<String, Value> reference, long n)
            throws InterruptedException {
        AtomicLong next = new AtomicLong();
        AtomicLong differ = new AtomicLong();
        List<Throwable> failures = java.util.Collections.synchronizedList(new ArrayList<>());
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            Thread w = new Thread(() -> {
                try {
                    while (next.getAndIncrement() < n) {
                        Map<String, Value> out = session.run(feeds).asMap();
                        if (!identical(reference, out)) differ.incrementAndGet();
                    }
                } catch (Throwable e) {
                    failures.add(e);
                    next.set(n);
                }
            }, "soak-" + t);
            workers.add(w);
            w.start();
        }
        for (Thread w : workers) w.join();
        if (!failures.isEmpty()) throw new IllegalStateException("a run failed: " + failures.get(0), failures.get(0));
        return differ.get();
    }

    /** Used heap after full collections: the least of three samples. */
    private static long heapAfterGc() throws InterruptedException {
        MemoryMXBean mem = ManagementFactory.getMemoryMXBean();
        long least = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(100);
            least = Math.min(least, mem.getHeapMemoryUsage().getUsed());
        }
        return least;
    }

    /** Same names, dtypes, shapes and bits (float NaNs with the same bits). */
    static boolean identical(Map<String, Value> a, Map<String, Value> b) {
        if (!a.keySet().equals(b.keySet())) return false;
        for (var e : a.entrySet()) {
            if (!(e.getValue() instanceof Tensor x) || !(b.get(e.getKey()) instanceof Tensor y)) {
                if (!e.getValue().describe().equals(b.get(e.getKey()).describe())) return false;
                continue;
            }
            if (x.dtype() != y.dtype() || !x.shape().equals(y.shape())) return false;
            if (x.data() instanceof float[] f && y.data() instanceof float[] g) {
                for (int i = 0; i < f.length; i++) {
                    if (Float.floatToRawIntBits(f[i]) != Float.floatToRawIntBits(g[i])) return false;
                }
            } else if (x.data() instanceof double[] f && y.data() instanceof double[] g) {
                for (int i = 0; i < f.length; i++) {
                    if (Double.doubleToRawLongBits(f[i]) != Double.doubleToRawLongBits(g[i])) return false;
                }
            } else if (!java.util.Objects.deepEquals(x.data(), y.data())) {
                return false;
            }
        }
        return true;
    }

    private static String describe(Map<String, Value> values) {
        List<String> parts = new ArrayList<>();
        for (var e : values.entrySet()) parts.add(e.getKey() + " " + e.getValue().describe());
        return String.join(", ", parts);
    }
}
