package dev.kiln.cli;

import dev.kiln.ops.common.FmaPeak;
import dev.kiln.ops.common.VectorWidths;
import dev.kiln.ops.common.Vectors;
import dev.kiln.ops.linalg.Sgemm;
import dev.kiln.ops.linalg.TileChoice;
import dev.kiln.runtime.exec.SessionOptions;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code kiln doctor}: what this machine is and how fast Kiln's kernels run on it. The first
 * thing to run when Kiln seems slow somewhere: it prints the CPU and its vector instruction sets,
 * the JDK and the Vector API width, the measured FMA peak of one core, every candidate GEMM
 * micro-kernel with its measured rate and the one chosen, and the default thread count, and warns
 * when the chosen kernel reaches under {@link #WARN_FRACTION} of the peak.
 */
@Command(name = "doctor", mixinStandardHelpOptions = true,
        description = "Prints the CPU, JDK, vector width, one core's measured FMA peak, the timed GEMM"
                + " micro-kernels and the one chosen; warns when the chosen one is far below the peak.")
final class DoctorCommand implements Callable<Integer> {
    /** Below this fraction of the FMA peak the chosen kernel is reported as a problem. */
    static final double WARN_FRACTION = 0.7;

    @Option(names = "--peak-iterations", defaultValue = "2000000",
            description = "Steps of each timed FMA peak run (default: ${DEFAULT-VALUE}).")
    long peakIterations;

    @Override
    public Integer call() {
        CpuInfo cpu = CpuInfo.read();
        Runtime.Version jdk = Runtime.version();
        System.out.printf(Locale.ROOT, "CPU:      %s (%s), %d processors%n", cpu.model(),
                System.getProperty("os.arch"), Runtime.getRuntime().availableProcessors());
        System.out.printf(Locale.ROOT, "ISA:      %s%n", cpu.vectorFlags().isEmpty() ? "unknown" : String.join(" ", cpu.vectorFlags()));
        System.out.printf(Locale.ROOT, "JDK:      %s (%s)%n", jdk, System.getProperty("java.vm.vendor"));
        if (!Vectors.ENABLED) {
            System.out.println("Vector API: off (add --add-modules jdk.incubator.vector, and do not set"
                    + " -Dkiln.vector=false); every kernel runs its scalar path");
            return 0;
        }
        System.out.printf(Locale.ROOT, "Vector API: on, preferred width %d bits%n",
                VectorWidths.preferredBits());
        TileChoice.Result choice = Sgemm.tileChoice();
        double peak = 0;
        StringBuilder peaks = new StringBuilder();
        for (int bits : VectorWidths.nativeWidths()) {
            double g = FmaPeak.measure(bits, peakIterations);
            peak = Math.max(peak, g);
            peaks.append(String.format(Locale.ROOT, "%s%d-bit %.1f", peaks.length() == 0 ? "" : ", ", bits, g));
        }
        double probe = peak;
        // the choice timed its candidates while the JIT compiled them; time them again, settled
        List<TileChoice.Candidate> settled = TileChoice.retime(choice);
        for (TileChoice.Candidate c : settled) peak = Math.max(peak, c.gflops());
        // a tile cannot beat the hardware: where one outruns the register-only probe, it is the better estimate
        System.out.printf(Locale.ROOT, "FMA peak of one core: %.1f GFLOP/s (FMA probe %s%s)%n", peak, peaks,
                peak > probe ? "; the fastest tile ran faster than the probe, so its rate is the peak" : "");
        System.out.printf(Locale.ROOT, "GEMM micro-kernels (chosen at start-up, %s; timed again now):%n", choice.how());
        double chosenRate = 0;
        for (TileChoice.Candidate c : settled) {
            boolean chosen = choice.chosen() != null && c.name().equals(choice.chosen().name());
            if (chosen) chosenRate = c.gflops();
            double atStart = choice.candidates().stream().filter(x -> x.name().equals(c.name()))
                    .mapToDouble(TileChoice.Candidate::gflops).findFirst().orElse(0);
            System.out.printf(Locale.ROOT, "  %-12s %6.1f GFLOP/s  %4.2f of peak  (%.1f at start-up)%s%n", c.name(),
                    c.gflops(), c.gflops() / peak, atStart, chosen ? "  <- chosen" : "");
        }
        System.out.printf(Locale.ROOT, "Chosen:   %s (pin another with -D%s=NAME)%n",
                choice.chosen() == null ? "scalar" : choice.chosen().name(), TileChoice.PROPERTY);
        System.out.printf(Locale.ROOT, "Threads:  %d intra-op threads per session by default (--threads to change)%n",
                SessionOptions.defaults().threads());
        if (chosenRate > 0 && chosenRate < WARN_FRACTION * peak) {
            System.out.printf(Locale.ROOT, "WARNING: the chosen GEMM kernel reaches %.2f of this core's FMA peak"
                    + " (under %.1f): matrix products will be slow here; please report this output%n",
                    chosenRate / peak, WARN_FRACTION);
        }
        return 0;
    }
}
