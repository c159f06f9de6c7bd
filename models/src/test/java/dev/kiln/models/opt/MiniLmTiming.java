package dev.kiln.models.opt;

import dev.kiln.importer.OnnxImporter;
import dev.kiln.ops.StandardOps;
import dev.kiln.runtime.exec.Session;
import dev.kiln.runtime.exec.SessionOptions;
import dev.kiln.runtime.graph.Model;
import dev.kiln.runtime.opt.OptimizationOptions;
import dev.kiln.runtime.tensor.Tensor;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.Map;
import java.util.Random;

/**
 * A development timing harness (not a test): all-MiniLM-L6-v2 fp32 and int8 at batch 1, with the
 * graph optimizations on and off, printing the median and fastest of {@code runs} timed runs after
 * {@code warmup} runs, and the bytes the calling thread allocated per run (intra-op helper
 * threads are not counted). From the repository
 * root, after {@code mvn -o -DskipTests package} and {@code mvn -o test-compile}:
 * <pre>
 * java --add-modules jdk.incubator.vector -cp "models/target/test-classes:cli/target/lib/*" \
 *     dev.kiln.models.opt.MiniLmTiming [seq=128] [runs=20] [warmup=5] [threads=all processors]
 * </pre>
 */
public final class MiniLmTiming {
    private MiniLmTiming() {}

    public static void main(String[] args) throws IOException {
        int seq = args.length > 0 ? Integer.parseInt(args[0]) : 128;
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        int warmup = args.length > 2 ? Integer.parseInt(args[2]) : 5;
        SessionOptions options = args.length > 3 ? SessionOptions.defaults().withThreads(Integer.parseInt(args[3]))
                : SessionOptions.defaults();
        Map<String, Tensor> in = inputs(seq);
        System.out.printf("all-MiniLM-L6-v2, batch 1, seq %d, %d intra-op threads: median of %d runs after %d warmup"
                + " runs, JDK %s%n", seq, options.threads(), runs, warmup, System.getProperty("java.vm.version"));
        for (String resource : new String[] {"all-minilm-l6-v2.onnx", "all-minilm-l6-v2-q.onnx"}) {
            Model m = load(resource);
            for (OptimizationOptions o : new OptimizationOptions[] {OptimizationOptions.NONE, OptimizationOptions.ALL}) {
                Session s = new Session(m, StandardOps.registry(), options, o);
                for (int i = 0; i < warmup; i++) s.run(in);
                double[] ms = new double[runs];
                long bytes = 0;
                for (int i = 0; i < runs; i++) {
                    long a0 = allocated();
                    long t0 = System.nanoTime();
                    s.run(in);
                    ms[i] = (System.nanoTime() - t0) / 1e6;
                    bytes += allocated() - a0;
                }
                Arrays.sort(ms);
                System.out.printf("%-26s optimize=%-5s nodes %3d  median %7.1f ms  min %7.1f ms  alloc %6.1f MB/run%n",
                        resource, o.any(), s.executionOrder().size(), ms[runs / 2], ms[0], bytes / 1e6 / runs);
            }
        }
    }

    private static long allocated() {
        return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean()).getCurrentThreadAllocatedBytes();
    }

    /** Token ids drawn at random from the vocabulary's word range, no padding, one segment. */
    private static Map<String, Tensor> inputs(int seq) {
        long[] ids = new long[seq], mask = new long[seq], types = new long[seq];
        Random rnd = new Random(1);
        for (int i = 0; i < seq; i++) {
            ids[i] = 1000 + rnd.nextInt(20000);
            mask[i] = 1;
        }
        ids[0] = 101;
        ids[seq - 1] = 102;
        return Map.of("input_ids", Tensor.of(ids, 1, seq), "attention_mask", Tensor.of(mask, 1, seq),
                "token_type_ids", Tensor.of(types, 1, seq));
    }

    private static Model load(String resource) throws IOException {
        try (InputStream in = MiniLmTiming.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) throw new IOException(resource + " is not on the classpath");
            return OnnxImporter.read(in);
        }
    }
}
