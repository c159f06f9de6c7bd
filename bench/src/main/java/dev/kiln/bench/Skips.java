package dev.kiln.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import org.openjdk.jmh.infra.BenchmarkParams;

/**
 * Rows a runtime could not run (an unsupported op, a failing kernel). The forked benchmark JVM
 * appends one tab-separated line per failure to the file named by the system property
 * {@value #PROPERTY}; {@link ResultsReport} shows them as skipped rows with the message.
 */
final class Skips {
    /** System property naming the skip file. */
    static final String PROPERTY = "kiln.bench.skips";

    private Skips() {}

    /** One failure: benchmark class, row key (params without via), via, message. */
    record Skip(String benchmark, String key, String via, String message) {}

    /**
     * Records that {@code via} failed to set up the row described by {@code params}, and returns
     * an exception for JMH to report (JMH then moves on to the next row).
     */
    static IllegalStateException record(BenchmarkParams params, String via, Throwable error) {
        String benchmark = simpleClass(params.getBenchmark());
        TreeMap<String, String> p = new TreeMap<>();
        for (String k : params.getParamsKeys()) p.put(k, params.getParam(k));
        String message = describe(error);
        String file = System.getProperty(PROPERTY);
        if (file != null) {
            String line = String.join("\t", benchmark, rowKey(p), via, message) + "\n";
            try {
                Files.writeString(Path.of(file), line, StandardCharsets.UTF_8,
                        StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            } catch (IOException e) {
                error.addSuppressed(e);
            }
        }
        return new IllegalStateException(via + " cannot run this row: " + message, error);
    }

    /** Reads a skip file; a missing file means no skips. */
    static List<Skip> read(Path file) throws IOException {
        List<Skip> out = new ArrayList<>();
        if (file == null || !Files.exists(file)) return out;
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            String[] f = line.split("\t", 4);
            if (f.length == 4) out.add(new Skip(f[0], f[1], f[2], f[3]));
        }
        return out;
    }

    /** {@code k=v,k=v} over the params in key order, leaving out {@code via}. */
    static String rowKey(TreeMap<String, String> params) {
        StringBuilder b = new StringBuilder();
        for (var e : params.entrySet()) {
            if (e.getKey().equals("via")) continue;
            if (b.length() > 0) b.append(',');
            b.append(e.getKey()).append('=').append(e.getValue());
        }
        return b.toString();
    }

    /** {@code dev.kiln.bench.OpBench.run} → {@code OpBench}. */
    static String simpleClass(String benchmark) {
        int method = benchmark.lastIndexOf('.');
        String cls = method < 0 ? benchmark : benchmark.substring(0, method);
        return cls.substring(cls.lastIndexOf('.') + 1);
    }

    /** The error's class and message on one line, with the root cause when it differs. */
    static String describe(Throwable error) {
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) root = root.getCause();
        String s = error.getClass().getSimpleName() + ": " + error.getMessage();
        if (root != error) s += " (cause: " + root.getClass().getSimpleName() + ": " + root.getMessage() + ")";
        return s.replaceAll("[\\t\\r\\n]+", " ");
    }
}
