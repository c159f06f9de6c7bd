package dev.kiln.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Kiln and ONNX Runtime in alternating rounds, for a machine whose speed drifts: each round runs
 * Kiln {@code --runs} times, then ORT as many times, and takes the ratio of the two medians; the
 * result is the median of those per-round ratios (with its quartiles). A slow spell of the
 * machine then lands on both runtimes of a round instead of on whichever JMH happened to be
 * measuring. The turns are separated by an untimed pause, so that neither runtime's spinning
 * intra-op threads take a core from the other. Both first run in turn for {@code --warmup} seconds (default 10: C2 keeps compiling
 * Kiln's code for about that long). A complement to the JMH suite, not a replacement: it prints
 * to the console only.
 *
 * <pre>
 * bench/run.sh --interleaved --model fp32 --seq 128 --threads 2 [--rounds 15] [--runs 5]
 * bench/run.sh --interleaved --op CONV_3X3 --threads 1
 * </pre>
 */
public final class Interleaved {
    private Interleaved() {}

    /** Runs the comparison described by {@code args} (see the class comment). */
    public static void main(String[] args) throws Exception {
        try {
            run(args);
        } catch (IllegalArgumentException e) {
            System.err.println("Interleaved: " + e.getMessage());
            System.exit(2);
        }
    }

    private static void run(String[] args) throws Exception {
        String model = "fp32", op = null;
        int seq = 128, batch = 1, threads = 1, rounds = 15, runs = 5;
        double warmup = 10;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (i + 1 >= args.length) throw new IllegalArgumentException("option " + a + " needs a value");
            String v = args[++i];
            switch (a) {
                case "--model" -> model = v;
                case "--op" -> op = v;
                case "--seq" -> seq = Integer.parseInt(v);
                case "--batch" -> batch = Integer.parseInt(v);
                case "--threads" -> threads = Integer.parseInt(v);
                case "--rounds" -> rounds = Integer.parseInt(v);
                case "--runs" -> runs = Integer.parseInt(v);
                case "--warmup" -> warmup = Double.parseDouble(v);
                default -> throw new IllegalArgumentException("unknown option " + a
                        + " (known: --model, --op, --seq, --batch, --threads, --rounds, --runs, --warmup)");
            }
        }
        if (rounds < 1 || runs < 1) throw new IllegalArgumentException("--rounds and --runs must be at least 1");
        Workload w = op != null ? OpCase.valueOf(op).build(7)
                : new Workload(MiniLm.model(model), MiniLm.inputs(batch, seq, 7));
        String what = op != null ? op : "MiniLM " + model + " batch " + batch + " seq " + seq;
        try (Side kiln = Side.open("kiln", w, threads); Side ort = Side.open("ort", w, threads)) {
            System.out.printf(Locale.ROOT, "%s, %d thread(s): warming up for %.0f s%n", what, threads, warmup);
            long until = System.nanoTime() + (long) (warmup * 1e9);
            do {
                kiln.run();
                ort.run();
            } while (System.nanoTime() < until);
            double[] k = new double[rounds], o = new double[rounds], ratio = new double[rounds];
            for (int r = 0; r < rounds; r++) {
                k[r] = medianMillis(kiln, runs);
                settle();
                o[r] = medianMillis(ort, runs);
                settle();
                ratio[r] = k[r] / o[r];
                System.out.printf(Locale.ROOT, "round %d/%d: Kiln %.3f ms, ORT %.3f ms, Kiln/ORT %.3f%n",
                        r + 1, rounds, k[r], o[r], ratio[r]);
            }
            System.out.printf(Locale.ROOT, "%s, %d thread(s), %d rounds of %d runs: Kiln %.3f ms, ORT %.3f ms "
                            + "(medians of the round medians); Kiln/ORT median %.3f, quartiles %.3f-%.3f%n",
                    what, threads, rounds, runs, median(k), median(o), median(ratio), quantile(ratio, 0.25),
                    quantile(ratio, 0.75));
        }
    }

    /**
     * A pause between the two runtimes' turns, untimed: both keep intra-op threads spinning for a
     * while after a run (ORT's pool by default, Kiln's helpers for 200 us), and on two cores a
     * spinning thread of one runtime would take a core from the other's first runs.
     */
    private static void settle() throws InterruptedException { Thread.sleep(SETTLE_MILLIS); }

    private static final long SETTLE_MILLIS = 50;

    private static double medianMillis(Side side, int runs) throws Exception {
        List<Double> t = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            long start = System.nanoTime();
            side.run();
            t.add((System.nanoTime() - start) / 1e6);
        }
        return median(t.stream().mapToDouble(Double::doubleValue).toArray());
    }

    static double median(double[] v) { return quantile(v, 0.5); }

    /** The {@code q} quantile of {@code v}, interpolated linearly between order statistics. */
    static double quantile(double[] v, double q) {
        double[] s = v.clone();
        Arrays.sort(s);
        double pos = q * (s.length - 1);
        int lo = (int) Math.floor(pos), hi = (int) Math.ceil(pos);
        return s[lo] + (s[hi] - s[lo]) * (pos - lo);
    }
}
