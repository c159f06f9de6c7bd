package dev.kiln.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The CPU model and its vector instruction sets, read from {@code /proc/cpuinfo} on Linux (x86
 * {@code flags}, ARM {@code Features}); elsewhere the model is {@code os.name} and the set empty.
 *
 * @param model the CPU's marketing name
 * @param vectorFlags the SIMD-related flags (sse4_2, avx2, fma, avx512*, asimd, sve, ...), sorted
 */
record CpuInfo(String model, Set<String> vectorFlags) {
    private static final List<String> VECTOR_PREFIXES = List.of("sse4", "avx", "fma", "f16c", "amx", "asimd", "sve",
            "neon", "fphp", "asimdhp", "asimddp", "i8mm", "bf16");

    /** This machine's CPU. */
    static CpuInfo read() {
        Path proc = Path.of("/proc/cpuinfo");
        String model = System.getProperty("os.name");
        Set<String> flags = new TreeSet<>();
        if (Files.isReadable(proc)) {
            try {
                for (String line : Files.readAllLines(proc)) {
                    int colon = line.indexOf(':');
                    if (colon < 0) continue;
                    String key = line.substring(0, colon).trim(), value = line.substring(colon + 1).trim();
                    if (key.equals("model name") || key.equals("Model") || key.equals("CPU part") && model == null) {
                        model = value;
                    } else if (key.equals("flags") || key.equals("Features")) {
                        for (String f : value.split("\\s+")) {
                            if (VECTOR_PREFIXES.stream().anyMatch(f::startsWith)) flags.add(f);
                        }
                    }
                }
            } catch (IOException e) {
                // an unreadable cpuinfo leaves the defaults
            }
        }
        return new CpuInfo(model, flags);
    }
}
