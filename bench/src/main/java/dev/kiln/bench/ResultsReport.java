package dev.kiln.bench;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns JMH's JSON result (and the skip file) into a Markdown report with a machine description,
 * one table per section (Kiln time, ORT time, Kiln/ORT, GFLOP/s) and a PNG chart of the ratios.
 *
 * <pre>
 * ResultsReport --json FILE [--skips FILE] [--out RESULTS.md] [--chart ratios.png]
 *               [--run quick|full] [--commit HASH] [--load-before "1.2 0.9 0.8"]
 * </pre>
 * The Markdown also goes to standard output.
 */
public final class ResultsReport {
    private ResultsReport() {}

    public static void main(String[] args) throws IOException {
        Map<String, String> a = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException("Usage: ResultsReport --json FILE [--skips FILE] [--out FILE]"
                        + " [--chart FILE] [--run quick|full] [--commit HASH] [--load-before LOADAVG]");
            }
            a.put(args[i].substring(2), args[++i]);
        }
        if (!a.containsKey("json")) throw new IllegalArgumentException("--json FILE is required");
        JsonArray results = JsonParser.parseString(Files.readString(Path.of(a.get("json")))).getAsJsonArray();
        List<Skips.Skip> skips = Skips.read(a.containsKey("skips") ? Path.of(a.get("skips")) : null);
        List<ResultTable.Row> rows = ResultTable.build(results, skips);
        String run = a.getOrDefault("run", "full");
        String isa = Machine.isa();
        String chartName = null;
        if (a.containsKey("chart")) {
            Path chart = chartFor(Path.of(a.get("chart")), isa);
            System.setProperty("java.awt.headless", "true");
            RatioChart.write(rows, chart, "Kiln / ONNX Runtime time ratio (" + run + " run)");
            chartName = chart.getFileName().toString();
        }
        ZonedDateTime date = Files.getLastModifiedTime(Path.of(a.get("json"))).toInstant().atZone(ZoneId.systemDefault());
        double peak = fmaPeak();
        String md = render(results, rows, run, a.get("commit"), a.get("load-before"), date, chartName);
        String section = IsaSections.section(isa, peak, md);
        if (a.containsKey("out")) {
            Path out = Path.of(a.get("out"));
            String old = Files.exists(out) ? Files.readString(out, StandardCharsets.UTF_8) : "";
            Files.writeString(out, IsaSections.merge(old, isa, section), StandardCharsets.UTF_8);
        }
        System.out.print(section);
    }

    /** {@code ratios.png} becomes {@code ratios-avx-512-vnni.png}: one chart per ISA. */
    static Path chartFor(Path chart, String isa) {
        String name = chart.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String tag = isa.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
        String file = dot < 0 ? name + "-" + tag : name.substring(0, dot) + "-" + tag + name.substring(dot);
        return chart.resolveSibling(file);
    }

    /** One core's measured FMA peak in GFLOP/s, the best over the native vector widths (0 without vectors). */
    private static double fmaPeak() {
        if (!dev.kiln.ops.common.Vectors.ENABLED) return 0;
        double peak = 0;
        for (int bits : dev.kiln.ops.common.VectorWidths.nativeWidths()) {
            peak = Math.max(peak, dev.kiln.ops.common.FmaPeak.measure(bits, 2_000_000));
        }
        return peak;
    }

    /** The whole Markdown document. */
    static String render(JsonArray results, List<ResultTable.Row> rows, String run, String commit, String loadBefore,
                         ZonedDateTime date, String chartName) {
        StringBuilder b = new StringBuilder();
        b.append("# Kiln vs ONNX Runtime: benchmark results\n\n");
        if (run.equals("quick")) {
            b.append("> **Quick run** (`bench/run.sh --quick`): a subset of the rows, one fork, five 2 s warmups"
                    + " and three 1 s measurements on a shared machine. The numbers are indicative only: read the"
                    + " ratios as orders of magnitude, not as precise figures. Run `bench/run.sh` for the full suite.\n\n");
        } else {
            b.append("> Full run (`bench/run.sh`).\n\n");
        }
        overload(b, loadBefore);
        machine(b, results, commit, loadBefore, date);
        b.append("## How to read the tables\n\n");
        b.append("Times are JMH means per run (for load: per session load) ± the standard deviation of the"
                + " measured iterations as a percentage of the mean (JMH's own 99.9% intervals are in the JSON)."
                + " **Kiln/ORT** is Kiln's time divided by ONNX"
                + " Runtime's on the same model bytes and input values: above 1 Kiln is slower, below 1 it is faster."
                + " GFLOP/s is given for MatMul (2·M·N·K) and Conv (2·N·M·C·kH·kW·oH·oW). The two runtimes of a row run"
                + " back to back in the same JMH run. `threads` is the intra-op thread count of both runtimes"
                + " (Kiln's `SessionOptions.withThreads`, ORT's `setIntraOpNumThreads`). A skipped side names the error (usually an op Kiln does not support yet).\n\n");
        section(b, rows, ResultTable.Section.OPS, "Single operators", "op");
        section(b, rows, ResultTable.Section.MODELS, "all-MiniLM-L6-v2 inference", "model");
        section(b, rows, ResultTable.Section.LOAD, "Session load time", "model");
        section(b, rows, ResultTable.Section.OTHER, "Other", "benchmark");
        skipped(b, rows);
        if (chartName != null) {
            b.append("## Ratio chart\n\n![Kiln/ORT time ratios](").append(chartName).append(")\n");
        }
        return b.toString();
    }

    /** A warning when the load average before the run exceeded the CPU count. */
    private static void overload(StringBuilder b, String loadBefore) {
        if (loadBefore == null) return;
        int cpus = Math.max(1, Machine.logicalCpus());
        try {
            double load1 = Double.parseDouble(loadBefore.trim().split("\\s+")[0]);
            if (load1 > cpus) {
                b.append(String.format(Locale.ROOT, "> **Overloaded machine:** the 1-minute load average was %.1f on %d"
                        + " CPUs when the run started, so both runtimes competed with other work; ORT's threads=2 rows"
                        + " suffer most (its second thread rarely gets a core).%n%n", load1, cpus));
            }
        } catch (NumberFormatException e) {
            // an unreadable load average gets no warning
        }
    }

    private static void machine(StringBuilder b, JsonArray results, String commit, String loadBefore, ZonedDateTime date) {
        JsonObject first = results.isEmpty() ? new JsonObject() : results.get(0).getAsJsonObject();
        b.append("## Machine and settings\n\n");
        b.append("- CPU: ").append(Machine.cpuModel()).append('\n');
        b.append("- Cores: ").append(Machine.logicalCpus()).append(" logical CPUs in /proc/cpuinfo (")
                .append(Machine.physicalCores()).append(" physical cores), ")
                .append(Runtime.getRuntime().availableProcessors()).append(" available to the JVM\n");
        b.append(String.format(Locale.ROOT, "- Memory: %.1f GiB; OS: %s%n", Machine.memoryGiB(), Machine.os()));
        if (first.has("jdkVersion")) {
            b.append("- JDK: ").append(str(first, "jdkVersion")).append(" (").append(str(first, "vmName")).append(' ')
                    .append(str(first, "vmVersion")).append(")\n");
            List<String> flags = new ArrayList<>();
            for (JsonElement e : first.getAsJsonArray("jvmArgs")) {
                if (!e.getAsString().startsWith("-D" + Skips.PROPERTY)) flags.add(e.getAsString());
            }
            b.append("- JVM flags: `").append(String.join(" ", flags)).append("`\n");
            b.append("- JMH ").append(str(first, "jmhVersion")).append(": ").append(str(first, "forks")).append(" fork(s); ")
                    .append(iterations(results)).append('\n');
        }
        b.append("- ONNX Runtime: ").append(ortVersion()).append(" (Java API, CPU execution provider, default graph"
                + " optimizations, inter-op threads 1, intra-op threads = `threads`)\n");
        b.append("- Kiln: ").append(commit == null ? "unknown commit" : "commit " + commit)
                .append(" (intra-op threads = `threads`, default graph optimizations)\n");
        if (loadBefore != null) b.append("- Load average before the run: ").append(loadBefore).append('\n');
        b.append("- Date (end of the JMH run): ").append(date.format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm z", Locale.ROOT)))
                .append("\n\n");
    }

    /** Warmup and measurement settings per benchmark mode, as JMH recorded them. */
    private static String iterations(JsonArray results) {
        Map<String, String> byMode = new LinkedHashMap<>();
        for (JsonElement e : results) {
            JsonObject o = e.getAsJsonObject();
            String mode = str(o, "mode");
            String desc = mode.equals("ss")
                    ? str(o, "warmupIterations") + " warmup + " + str(o, "measurementIterations") + " measured single shots"
                    : str(o, "warmupIterations") + "×" + str(o, "warmupTime") + " warmup, "
                    + str(o, "measurementIterations") + "×" + str(o, "measurementTime") + " measurement";
            byMode.putIfAbsent(mode.equals("ss") ? "load" : "runs", desc);
        }
        List<String> parts = new ArrayList<>();
        for (var e : byMode.entrySet()) parts.add(e.getKey() + ": " + e.getValue());
        return String.join("; ", parts);
    }

    private static void section(StringBuilder b, List<ResultTable.Row> rows, ResultTable.Section section, String title,
                                String firstColumn) {
        List<ResultTable.Row> mine = rows.stream().filter(r -> r.section == section).toList();
        if (mine.isEmpty()) return;
        boolean flops = mine.stream().anyMatch(r -> r.flops > 0);
        b.append("## ").append(title).append("\n\n");
        b.append("| ").append(firstColumn).append(" | shape | threads | Kiln | ORT | Kiln/ORT |");
        if (flops) b.append(" Kiln GFLOP/s | ORT GFLOP/s |");
        b.append('\n').append("|---|---|---:|---:|---:|---:|");
        if (flops) b.append("---:|---:|");
        b.append('\n');
        for (ResultTable.Row r : mine) {
            b.append("| ").append(r.label).append(" | ").append(r.shape).append(" | ").append(r.threads).append(" | ")
                    .append(cell(r.kiln, r.kilnSkip)).append(" | ").append(cell(r.ort, r.ortSkip)).append(" | ")
                    .append(Double.isNaN(r.ratio()) ? "–" : String.format(Locale.ROOT, "**%.2f×**", r.ratio())).append(" |");
            if (flops) b.append(' ').append(gflops(r.flops, r.kiln)).append(" | ").append(gflops(r.flops, r.ort)).append(" |");
            b.append('\n');
        }
        b.append('\n');
    }

    /** The distinct skip reasons, each with the rows it hit. */
    private static void skipped(StringBuilder b, List<ResultTable.Row> rows) {
        Map<String, List<String>> byReason = new LinkedHashMap<>();
        for (ResultTable.Row r : rows) {
            String where = r.label + " " + r.shape;
            if (r.kilnSkip != null) byReason.computeIfAbsent("Kiln: " + r.kilnSkip, k -> new ArrayList<>()).add(where);
            if (r.ortSkip != null) byReason.computeIfAbsent("ORT: " + r.ortSkip, k -> new ArrayList<>()).add(where);
        }
        if (byReason.isEmpty()) return;
        b.append("## Skipped\n\n");
        for (var e : byReason.entrySet()) {
            List<String> where = e.getValue().stream().distinct().toList();
            b.append("- ").append(String.join("; ", where)).append(" — ").append(escape(e.getKey())).append('\n');
        }
        b.append('\n');
    }

    static String cell(ResultTable.Score s, String skip) {
        if (s == null) return skip != null ? "skipped" : "–";
        String err = Double.isNaN(s.sdMs()) ? "" : String.format(Locale.ROOT, " ±%.0f%%", 100 * s.sdMs() / s.ms());
        return time(s.ms()) + err;
    }

    /** A time in ms with a readable unit and three significant digits. */
    static String time(double ms) {
        if (ms >= 1000) return String.format(Locale.ROOT, "%.3g s", ms / 1000);
        if (ms >= 1) return String.format(Locale.ROOT, "%.3g ms", ms);
        return String.format(Locale.ROOT, "%.3g µs", ms * 1000);
    }

    static String gflops(long flops, ResultTable.Score s) {
        if (flops <= 0 || s == null) return "–";
        return String.format(Locale.ROOT, "%.1f", flops / (s.ms() * 1e6));
    }

    private static String escape(String s) { return s.replace("|", "\\|").replace("<", "&lt;"); }

    private static String str(JsonObject o, String key) {
        JsonElement e = o.get(key);
        return e == null || e.isJsonNull() ? "?" : e.getAsString();
    }

    private static String ortVersion() {
        try {
            return ai.onnxruntime.OrtEnvironment.getEnvironment().getVersion();
        } catch (RuntimeException | LinkageError e) {
            return "unknown (" + e.getMessage() + ")";
        }
    }
}
