package dev.kiln.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs the whole suite (or the quick subset) in one JMH run and writes JMH's JSON result.
 *
 * <pre>
 * BenchMain [--quick] [--json FILE] [--skips FILE] [--include REGEX] [--forks N] [--param NAME=V1,V2 ...]
 * </pre>
 *
 * Forked JVMs run on the same JVM as this one, with {@code --add-modules jdk.incubator.vector},
 * on JDK 22 and later {@code --enable-native-access=ALL-UNNAMED}, and on JDK 23 and later
 * {@code --sun-misc-unsafe-memory-access=allow} (JMH uses sun.misc.Unsafe).
 */
public final class BenchMain {
    private BenchMain() {}

    public static void main(String[] args) throws Exception {
        boolean quick = false;
        Path json = Path.of("jmh-result.json");
        Path skips = Path.of("jmh-skips.tsv");
        String include = "dev\\.kiln\\.bench\\.(OpBench|MiniLmBench|DigitsCnnBench|LoadBench)\\.";
        Integer forks = null;
        Map<String, String[]> given = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--quick" -> quick = true;
                case "--json" -> json = Path.of(value(args, ++i));
                case "--skips" -> skips = Path.of(value(args, ++i));
                case "--include" -> include = value(args, ++i);
                case "--forks" -> forks = Integer.parseInt(value(args, ++i));
                case "--param" -> {
                    String[] p = param(value(args, ++i));
                    given.put(p[0], p[1].split(","));
                }
                default -> throw new IllegalArgumentException("Unknown argument '" + args[i] + "'; usage: BenchMain"
                        + " [--quick] [--json FILE] [--skips FILE] [--include REGEX] [--forks N] [--param NAME=V1,V2]");
            }
        }
        Files.deleteIfExists(skips);
        ChainedOptionsBuilder o = new OptionsBuilder()
                .include(include)
                .jvmArgs(forkJvmArgs(skips).toArray(new String[0]))
                .resultFormat(ResultFormatType.JSON)
                .result(json.toString());
        Map<String, String[]> params = new LinkedHashMap<>();
        if (quick) quickSubset(o, params);
        params.putAll(given);
        if (forks != null) o.forks(forks);
        for (Map.Entry<String, String[]> p : params.entrySet()) o.param(p.getKey(), p.getValue());
        new Runner(o.build()).run();
    }

    /**
     * The quick subset: one fork, five 2 s warmups and three 1 s measurements, a few ops and the
     * MiniLM rows at batch 1. Good for spotting a regression, not for publishing numbers. The
     * warmup is long because C2 keeps compiling Kiln's per-op code for about ten seconds of
     * MiniLM runs (each op's methods run a few dozen times per inference), and on two cores a
     * busy compiler thread takes a core from a two-thread run.
     */
    static void quickSubset(ChainedOptionsBuilder o, Map<String, String[]> params) {
        o.forks(1)
                .warmupIterations(5).warmupTime(TimeValue.seconds(2))
                .measurementIterations(3).measurementTime(TimeValue.seconds(1));
        params.put("op", new String[] {"MATMUL_128", "MATMUL_512", "MATMUL_BERT_FFN", "MATMUL_BERT_ATTN",
                "CONV_3X3", "SOFTMAX", "LAYERNORM", "GELU"});
        params.put("shape", new String[] {"1x16", "1x128"});
    }

    /** Flags for the forked JVMs. */
    static List<String> forkJvmArgs(Path skips) {
        List<String> a = new ArrayList<>(List.of("-Xms1g", "-Xmx2g", "--add-modules", "jdk.incubator.vector"));
        if (Runtime.version().feature() >= 22) a.add("--enable-native-access=ALL-UNNAMED");
        // JMH 1.37 reads field offsets through sun.misc.Unsafe, which JDK 24+ warns about
        if (Runtime.version().feature() >= 23) a.add("--sun-misc-unsafe-memory-access=allow");
        a.add("-D" + Skips.PROPERTY + "=" + skips.toAbsolutePath());
        return a;
    }

    private static String[] param(String s) {
        int eq = s.indexOf('=');
        if (eq <= 0 || eq == s.length() - 1) throw new IllegalArgumentException("--param wants NAME=V1,V2, got '" + s + "'");
        return new String[] {s.substring(0, eq), s.substring(eq + 1)};
    }

    private static String value(String[] args, int i) {
        if (i >= args.length) throw new IllegalArgumentException(args[i - 1] + " needs a value");
        return args[i];
    }
}
