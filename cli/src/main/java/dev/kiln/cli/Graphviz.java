package dev.kiln.cli;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** Writes a DOT file and, when Graphviz's {@code dot} is on the PATH, renders it to the picture asked for. */
final class Graphviz {
    /** How to get Graphviz, printed when {@code dot} is missing. */
    static final String INSTALL = "install Graphviz for SVG/PNG/PDF: apt-get install graphviz (Debian/Ubuntu), "
            + "dnf install graphviz, brew install graphviz (macOS) or choco install graphviz (Windows)";

    private Graphviz() {}

    /**
     * Writes {@code dotText} for {@code out}: to {@code out} itself when it ends in {@code .dot};
     * otherwise to the same name with {@code .dot}, then {@code dot -T<extension>} renders
     * {@code out} from it if Graphviz is installed. Returns what was written, for the user.
     */
    static String write(String dotText, Path out) throws IOException, InterruptedException {
        String name = out.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String format = dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
        if (format.isEmpty()) throw new IllegalArgumentException("--out needs an extension: .dot, .svg, .png or .pdf, got " + out);
        Path dotFile = format.equals("dot") || format.equals("gv") ? out : out.resolveSibling(name.substring(0, dot) + ".dot");
        Files.writeString(dotFile, dotText);
        if (dotFile.equals(out)) return "wrote " + dotFile;
        Path exe = findDot();
        if (exe == null) return "wrote " + dotFile + "; Graphviz 'dot' is not on the PATH, so no " + format + " (" + INSTALL + ")";
        Process p = new ProcessBuilder(exe.toString(), "-T" + format, dotFile.toString(), "-o", out.toString())
                .redirectErrorStream(true).start();
        String log = new String(p.getInputStream().readAllBytes());
        if (p.waitFor() != 0) throw new IOException("dot -T" + format + " failed: " + log.strip());
        return "wrote " + dotFile + " and " + out;
    }

    /** The {@code dot} executable on the PATH, or null. */
    static Path findDot() {
        String path = System.getenv().getOrDefault("PATH", "");
        boolean windows = System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("win");
        for (String dir : path.split(File.pathSeparator)) {
            if (dir.isEmpty()) continue;
            for (String exe : windows ? new String[] {"dot.exe", "dot"} : new String[] {"dot"}) {
                Path p = Path.of(dir, exe);
                if (Files.isRegularFile(p) && Files.isExecutable(p)) return p;
            }
        }
        return null;
    }
}
