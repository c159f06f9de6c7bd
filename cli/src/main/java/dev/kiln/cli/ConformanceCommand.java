package dev.kiln.cli;

import dev.kiln.importer.conformance.CaseResult;
import dev.kiln.importer.conformance.ConformanceRunner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code kiln conformance DIR}: runs every ONNX backend test case under DIR. */
@Command(name = "conformance", mixinStandardHelpOptions = true,
        description = "Runs every ONNX backend node test case found under DIR and prints a line per failure.")
final class ConformanceCommand implements Callable<Integer> {
    @Parameters(index = "0", description = "Folder holding case folders (each with model.onnx and test_data_set_N).")
    Path dir;

    @Option(names = "--filter", description = "Only cases whose name matches this regular expression.")
    String filter;

    @Option(names = "--write-passing", description = "Write the names of passing cases to this file, one per line.")
    Path passingFile;

    @Option(names = "--quiet", description = "Print only the summary.")
    boolean quiet;

    @Override
    public Integer call() throws Exception {
        if (!Files.isDirectory(dir)) {
            System.err.println("Not a folder: " + dir);
            return 2;
        }
        List<Path> cases = ConformanceRunner.findCases(dir);
        Pattern p = filter == null ? null : Pattern.compile(filter);
        List<String> passing = new ArrayList<>();
        Map<String, Integer> byCategory = new TreeMap<>();
        int failed = 0;
        for (Path c : cases) {
            String name = c.getFileName().toString();
            if (p != null && !p.matcher(name).find()) continue;
            CaseResult r = ConformanceRunner.run(c);
            if (r.passed()) {
                passing.add(name);
            } else {
                failed++;
                byCategory.merge(r.category(), 1, Integer::sum);
                if (!quiet) System.out.println("FAIL " + name + ": " + abbreviate(r.reason()));
            }
        }
        if (passingFile != null) {
            Files.write(passingFile, passing);
        }
        if (failed > 0) System.out.println("failures by reason: " + byCategory);
        System.out.println(passing.size() + " passed, " + failed + " failed");
        return 0;
    }

    private static String abbreviate(String s) {
        String one = s.replace('\n', ' ');
        return one.length() > 300 ? one.substring(0, 300) + "..." : one;
    }
}
