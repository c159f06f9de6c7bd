package dev.kiln.runtime.exec;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Wall time spent per operator type over one or more runs, collected when passed to
 * {@link Session#run(Map, java.util.Collection, RunProfile)}. Not thread-safe: give each
 * concurrent run its own profile.
 */
public final class RunProfile {
    /** Accumulated time and call count of one operator type. */
    public static final class Entry {
        private final String opType;
        private long nanos;
        private long calls;

        Entry(String opType) { this.opType = opType; }

        /** The operator type, with its domain when not the default one. */
        public String opType() { return opType; }

        /** Total wall time in nanoseconds. */
        public long nanos() { return nanos; }

        /** Number of node executions. */
        public long calls() { return calls; }
    }

    private final Map<String, Entry> entries = new LinkedHashMap<>();
    private long runs;

    void record(String opType, long nanos) {
        Entry e = entries.computeIfAbsent(opType, Entry::new);
        e.nanos += nanos;
        e.calls++;
    }

    void endRun() { runs++; }

    /** Number of profiled runs. */
    public long runs() { return runs; }

    /** The entries, most time first. */
    public List<Entry> entries() {
        List<Entry> list = new ArrayList<>(entries.values());
        list.sort(Comparator.comparingLong(Entry::nanos).reversed());
        return list;
    }

    /** Total time of all nodes, in nanoseconds. */
    public long totalNanos() { return entries.values().stream().mapToLong(Entry::nanos).sum(); }

    /** A text table: op type, calls per run, milliseconds per run and share of the total. */
    public String table() {
        long total = Math.max(1, totalNanos());
        long n = Math.max(1, runs);
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "%-32s %10s %12s %7s%n", "op", "calls/run", "ms/run", "share"));
        for (Entry e : entries()) {
            sb.append(String.format(Locale.ROOT, "%-32s %10.1f %12.3f %6.1f%%%n", e.opType,
                    e.calls / (double) n, e.nanos / 1e6 / n, 100.0 * e.nanos / total));
        }
        sb.append(String.format(Locale.ROOT, "%-32s %10s %12.3f %7s%n", "total", "", total / 1e6 / n, ""));
        return sb.toString();
    }
}
