package dev.kiln.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** What the report says about the machine: CPU model, cores, memory, OS. */
final class Machine {
    private Machine() {}

    /** The first {@code model name} in /proc/cpuinfo, or the JVM's architecture. */
    static String cpuModel() {
        for (String line : lines("/proc/cpuinfo")) {
            if (line.startsWith("model name")) return line.substring(line.indexOf(':') + 1).trim();
        }
        return System.getProperty("os.arch");
    }

    /**
     * The widest vector instruction set of this CPU, as the tables are kept per ISA: {@code
     * AVX-512} (with {@code +VNNI} when present), {@code AVX2}, {@code NEON} (ARM Advanced SIMD), or
     * the JVM's architecture when /proc/cpuinfo says nothing.
     */
    static String isa() {
        Set<String> flags = new HashSet<>();
        for (String line : lines("/proc/cpuinfo")) {
            if (line.startsWith("flags") || line.startsWith("Features")) {
                flags.addAll(List.of(line.substring(line.indexOf(':') + 1).trim().split("\\s+")));
            }
        }
        if (flags.contains("avx512f")) return flags.contains("avx512_vnni") ? "AVX-512+VNNI" : "AVX-512";
        if (flags.contains("avx2")) return "AVX2";
        if (flags.contains("asimd")) return "NEON";
        return System.getProperty("os.arch");
    }

    /** Logical CPUs listed in /proc/cpuinfo (0 when unreadable). */
    static int logicalCpus() {
        int n = 0;
        for (String line : lines("/proc/cpuinfo")) if (line.startsWith("processor")) n++;
        return n;
    }

    /** Distinct physical cores (physical id, core id pairs) in /proc/cpuinfo, or 0. */
    static int physicalCores() {
        Set<String> cores = new HashSet<>();
        String physical = "0";
        for (String line : lines("/proc/cpuinfo")) {
            if (line.startsWith("physical id")) physical = line.substring(line.indexOf(':') + 1).trim();
            if (line.startsWith("core id")) cores.add(physical + "/" + line.substring(line.indexOf(':') + 1).trim());
        }
        return cores.size();
    }

    /** MemTotal from /proc/meminfo, in GiB, or NaN. */
    static double memoryGiB() {
        for (String line : lines("/proc/meminfo")) {
            if (line.startsWith("MemTotal:")) {
                String kb = line.replaceAll("[^0-9]", "");
                return Long.parseLong(kb) / (1024.0 * 1024.0);
            }
        }
        return Double.NaN;
    }

    /** OS name, version and architecture. */
    static String os() {
        return System.getProperty("os.name") + " " + System.getProperty("os.version") + " (" + System.getProperty("os.arch") + ")";
    }

    private static List<String> lines(String file) {
        try {
            return Files.readAllLines(Path.of(file));
        } catch (IOException | RuntimeException e) {
            return List.of();
        }
    }
}
