package dev.kiln.importer.conformance;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every case listed in {@code conformance/passing.txt} must still pass. The list only grows:
 * regenerate it with {@code bin/kiln conformance conformance/node --write-passing conformance/passing.txt}.
 */
class ConformanceAllowlistTest {
    private static final Path ROOT = Path.of("..", "conformance");

    @Test
    void listedCasesStillPass() throws IOException {
        Path list = ROOT.resolve("passing.txt");
        assertTrue(Files.exists(list), "missing " + list.toAbsolutePath());
        List<String> names = Files.readAllLines(list).stream().map(String::strip)
                .filter(s -> !s.isEmpty() && !s.startsWith("#")).toList();
        List<String> regressions = new ArrayList<>();
        for (String name : names) {
            Path dir = ROOT.resolve("node").resolve(name);
            if (!Files.isDirectory(dir)) {
                regressions.add(name + ": case folder missing");
                continue;
            }
            CaseResult r = ConformanceRunner.run(dir);
            if (!r.passed()) regressions.add(name + ": " + r.reason());
        }
        if (!regressions.isEmpty()) {
            fail(regressions.size() + " of " + names.size() + " listed conformance cases regressed:\n"
                    + String.join("\n", regressions.subList(0, Math.min(50, regressions.size()))));
        }
        System.out.println("Conformance allowlist: all " + names.size() + " listed cases pass");
    }
}
