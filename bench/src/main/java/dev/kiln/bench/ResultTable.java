package dev.kiln.bench;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Pairs JMH results into rows: one row per benchmark and parameters other than {@code via},
 * holding the Kiln and the ONNX Runtime score, or the reason a side was skipped.
 */
final class ResultTable {
    private ResultTable() {}

    /** Which table a row belongs to, in print order. */
    enum Section { OPS, MODELS, LOAD, OTHER }

    /**
     * A mean time per run in milliseconds and the standard deviation of the measured iterations
     * (all forks pooled; NaN with fewer than two).
     */
    record Score(double ms, double sdMs) {}

    /** One row of the report. */
    static final class Row {
        final Section section;
        final String label;
        final String chartLabel;
        final String shape;
        final int threads;
        final long flops;
        final List<Integer> order;
        Score kiln;
        Score ort;
        String kilnSkip;
        String ortSkip;

        Row(Section section, String label, String chartLabel, String shape, int threads, long flops, List<Integer> order) {
            this.section = section;
            this.label = label;
            this.chartLabel = chartLabel;
            this.shape = shape;
            this.threads = threads;
            this.flops = flops;
            this.order = order;
        }

        /** Kiln time over ORT time, or NaN when a side is missing. */
        double ratio() { return kiln == null || ort == null ? Double.NaN : kiln.ms / ort.ms; }
    }

    /** Rows from a JMH JSON result array and the recorded skips, sorted for printing. */
    static List<Row> build(JsonArray results, List<Skips.Skip> skips) {
        Map<String, Row> rows = new LinkedHashMap<>();
        for (JsonElement e : results) {
            JsonObject o = e.getAsJsonObject();
            String bench = Skips.simpleClass(o.get("benchmark").getAsString());
            TreeMap<String, String> params = new TreeMap<>();
            if (o.has("params")) {
                for (var p : o.getAsJsonObject("params").entrySet()) params.put(p.getKey(), p.getValue().getAsString());
            }
            Row row = rows.computeIfAbsent(bench + " " + Skips.rowKey(params), k -> describe(bench, params));
            JsonObject metric = o.getAsJsonObject("primaryMetric");
            double scale = toMillis(metric.get("scoreUnit").getAsString());
            Score s = new Score(metric.get("score").getAsDouble() * scale, stdev(metric.get("rawData")) * scale);
            if ("ort".equals(params.get("via"))) row.ort = s;
            else row.kiln = s;
        }
        for (Skips.Skip s : skips) {
            Row row = rows.computeIfAbsent(s.benchmark() + " " + s.key(), k -> describe(s.benchmark(), parseKey(s.key())));
            if (s.via().equals("ort")) row.ortSkip = s.message();
            else row.kilnSkip = s.message();
        }
        List<Row> out = new ArrayList<>(rows.values());
        out.sort(Comparator.<Row, Section>comparing(r -> r.section).thenComparing(r -> r.order, ResultTable::compareLists));
        return out;
    }

    /** Sample standard deviation of JMH's rawData (one array of iteration scores per fork). */
    static double stdev(JsonElement rawData) {
        List<Double> v = new ArrayList<>();
        if (rawData != null && rawData.isJsonArray()) {
            for (JsonElement fork : rawData.getAsJsonArray()) {
                for (JsonElement x : fork.getAsJsonArray()) v.add(x.getAsDouble());
            }
        }
        if (v.size() < 2) return Double.NaN;
        double mean = 0;
        for (double x : v) mean += x;
        mean /= v.size();
        double ss = 0;
        for (double x : v) ss += (x - mean) * (x - mean);
        return Math.sqrt(ss / (v.size() - 1));
    }

    /** Labels, shape, FLOPs and sort order of a row from its benchmark and parameters. */
    static Row describe(String bench, Map<String, String> p) {
        int threads = parseInt(p.get("threads"));
        switch (bench) {
            case "OpBench" -> {
                OpCase c = opCase(p.get("op"));
                if (c == null) break;
                return new Row(Section.OPS, c.op(), c.label(), c.shape(), threads, c.flops(), List.of(c.ordinal(), threads));
            }
            case "MiniLmBench" -> {
                String model = p.get("model");
                int batch = MiniLmBench.batch(p.get("shape"));
                int seq = MiniLmBench.seq(p.get("shape"));
                return new Row(Section.MODELS, "MiniLM-L6 " + model, "MiniLM " + model + " b" + batch + " s" + seq,
                        "batch " + batch + " × seq " + seq, threads, 0, List.of(modelOrder(model), batch, seq, threads));
            }
            case "DigitsCnnBench" -> {
                int batch = parseInt(p.get("batch"));
                return new Row(Section.MODELS, "digits CNN", "digits CNN b" + batch, "batch " + batch + " × 1×8×8",
                        threads, 0, List.of(9, batch, 0, threads));
            }
            case "LoadBench" -> {
                String model = p.get("model");
                return new Row(Section.LOAD, "MiniLM-L6 " + model + " load", "load " + model,
                        "Kiln.load vs createSession", threads, 0, List.of(modelOrder(model), threads));
            }
            default -> { }
        }
        String key = Skips.rowKey(new TreeMap<>(p));
        return new Row(Section.OTHER, bench, bench + " " + key, key, threads, 0, List.of(threads));
    }

    /** The op row named {@code name}, or null for a name this build does not know. */
    private static OpCase opCase(String name) {
        for (OpCase c : OpCase.values()) if (c.name().equals(name)) return c;
        return null;
    }

    /** {@code k=v,k=v} back to a map. */
    static Map<String, String> parseKey(String key) {
        Map<String, String> m = new TreeMap<>();
        if (key.isEmpty()) return m;
        for (String kv : key.split(",")) {
            int eq = kv.indexOf('=');
            if (eq > 0) m.put(kv.substring(0, eq), kv.substring(eq + 1));
        }
        return m;
    }

    /** The factor turning a JMH score unit into milliseconds. */
    static double toMillis(String unit) {
        return switch (unit) {
            case "s/op" -> 1e3;
            case "ms/op" -> 1;
            case "us/op" -> 1e-3;
            case "ns/op" -> 1e-6;
            default -> throw new IllegalArgumentException("Unexpected JMH score unit '" + unit + "' (want a time per op)");
        };
    }

    private static int modelOrder(String model) { return "fp32".equals(model) ? 0 : "int8".equals(model) ? 1 : 2; }

    private static int parseInt(String s) {
        try {
            return s == null ? 0 : Integer.parseInt(s);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static int compareLists(List<Integer> a, List<Integer> b) {
        for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
            int c = Integer.compare(a.get(i), b.get(i));
            if (c != 0) return c;
        }
        return Integer.compare(a.size(), b.size());
    }
}
