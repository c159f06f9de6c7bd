package dev.kiln.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class IsaSectionsTest {
    private static final String REPORT = IsaSections.TITLE + "\n\n## Machine and settings\n\n- CPU: X\n\n## Single operators\n\n| a |\n";

    @Test
    void aFileWithoutMarkersIsKeptAsTheAvx2Section() {
        String merged = IsaSections.merge(REPORT.replace("X", "old"), "AVX-512", IsaSections.section("AVX-512", 118, REPORT));
        assertTrue(merged.startsWith(IsaSections.TITLE));
        assertEquals(1, count(merged, "<!-- isa: AVX2 -->"));
        assertEquals(1, count(merged, "<!-- isa: AVX-512 -->"));
        assertTrue(merged.contains("- CPU: old"));
        assertTrue(merged.contains("## AVX-512: one core's measured FMA peak 118 GFLOP/s"));
        assertTrue(merged.contains("### Single operators"));
    }

    @Test
    void aRunReplacesOnlyItsOwnSection() {
        String first = IsaSections.merge(REPORT.replace("X", "old"), "AVX-512", IsaSections.section("AVX-512", 118, REPORT));
        String second = IsaSections.merge(first, "AVX-512",
                IsaSections.section("AVX-512", 120, REPORT.replace("X", "new")));
        assertEquals(1, count(second, "<!-- isa: AVX-512 -->"));
        assertTrue(second.contains("peak 120 GFLOP/s"));
        assertTrue(!second.contains("peak 118 GFLOP/s"));
        assertTrue(second.contains("- CPU: old"), "the AVX2 section stays");
        assertTrue(second.contains("- CPU: new"));
    }

    @Test
    void chartsAreNamedPerIsa() {
        assertEquals(Path.of("bench/ratios-avx-512-vnni.png"),
                ResultsReport.chartFor(Path.of("bench/ratios.png"), "AVX-512+VNNI"));
    }

    private static int count(String s, String what) {
        return s.split(java.util.regex.Pattern.quote(what), -1).length - 1;
    }
}
