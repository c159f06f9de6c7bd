package dev.kiln.bench;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code bench/RESULTS.md} keeps one section per instruction set the suite was run on (AVX2,
 * AVX-512, NEON, ...): a run replaces its own ISA's section and keeps the others, since a kernel
 * that is fast on one ISA can be slow on another and no single machine has them all. Each section
 * starts with a marker line {@code <!-- isa: NAME -->}. A file without markers (written before
 * sections existed, on an AVX2 machine) is kept whole as the AVX2 section.
 */
final class IsaSections {
    static final String TITLE = "# Kiln vs ONNX Runtime: benchmark results";
    private static final Pattern MARKER = Pattern.compile("^<!-- isa: (.+?) -->$", Pattern.MULTILINE);

    private IsaSections() {}

    /**
     * The section for {@code isa}: its marker, a heading naming the ISA and the measured FMA peak,
     * then {@code report} with its title dropped and every heading one level deeper.
     */
    static String section(String isa, double peakGflops, String report) {
        String body = report.startsWith(TITLE) ? report.substring(TITLE.length()).stripLeading() : report;
        body = body.replaceAll("(?m)^(#+) ", "#$1 ");
        String peak = peakGflops > 0
                ? String.format(Locale.ROOT, "one core's measured FMA peak %.0f GFLOP/s (`bin/kiln doctor`)", peakGflops)
                : "FMA peak not measured (Vector API off)";
        return "<!-- isa: " + isa + " -->\n## " + isa + ": " + peak + "\n\n" + body.stripTrailing() + "\n";
    }

    /** {@code old} with the section of {@code isa} replaced by (or extended with) {@code section}. */
    static String merge(String old, String isa, String section) {
        Map<String, String> sections = new LinkedHashMap<>();
        Matcher m = MARKER.matcher(old);
        int prevStart = -1;
        String prevIsa = null;
        while (m.find()) {
            if (prevIsa != null) sections.put(prevIsa, old.substring(prevStart, m.start()).stripTrailing() + "\n");
            prevIsa = m.group(1);
            prevStart = m.start();
        }
        if (prevIsa != null) {
            sections.put(prevIsa, old.substring(prevStart).stripTrailing() + "\n");
        } else if (!old.isBlank()) {
            sections.put("AVX2", section("AVX2", 0, old).replace(
                    "FMA peak not measured (Vector API off)", "recorded before the peak was measured"));
        }
        sections.remove(isa);
        StringBuilder b = new StringBuilder(TITLE).append("\n\n");
        b.append("One section per instruction set the suite has run on; `bench/run.sh` replaces the section of the"
                + " machine it runs on and keeps the others.\n\n");
        b.append(section.stripTrailing()).append("\n\n");
        for (String s : sections.values()) b.append(s.stripTrailing()).append("\n\n");
        return b.toString().stripTrailing() + "\n";
    }
}
