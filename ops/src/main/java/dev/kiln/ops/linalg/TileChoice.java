package dev.kiln.ops.linalg;

import dev.kiln.ops.common.VectorWidths;
import java.lang.invoke.MethodHandles;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;

/**
 * Chooses the GEMM micro-kernel by timing, once per JVM. Every candidate (each tile shape at the
 * preferred vector width and half of it, see {@link VectorWidths#nativeWidths}) computes tiles from L1-resident panels in
 * turn, round after round, and the one with the highest rate wins. Each candidate is first called
 * on a depth of one until C2 compiles it (the Vector API is a hundred times slower before that);
 * then the rounds alternate, so a slow spell of a shared machine hits all candidates alike, until
 * none has improved for a while (at most {@link #BUDGET_NANOS} in all).
 *
 * <p>The system property {@code kiln.gemm.tile} pins a choice by name ({@code narrow-256},
 * {@code tall-512}, {@code wide-512}, ...; see {@link #candidates()}) and skips the timing.
 */
public final class TileChoice {
    /** The pinning property. */
    public static final String PROPERTY = "kiln.gemm.tile";
    /** Depth of the timed panels: a (KC, NR) panel of B and a (KC, MR) one of A stay in L1. */
    private static final int KC = 128;
    /** Tiles per timed batch. */
    private static final int BATCH = 64;
    /** The most time the whole choice may take. */
    private static final long BUDGET_NANOS = 1_000_000_000L;
    /**
     * A candidate counts as compiled by C2 once it reaches this rate: the Java fallback of the
     * Vector API runs at well under 1 GFLOP/s, a compiled tile at tens or hundreds.
     */
    private static final double COMPILED_GFLOPS = 2;
    /** Rounds without a new best for any candidate after which the timing stops. */
    private static final int SETTLED_ROUNDS = 8;
    /**
     * Calls of depth 1 that bring each candidate to C2 before it is timed: C2 compiles a method
     * after about 5,000 calls, and until then the Vector API runs as slow Java code, so these
     * calls are kept as short as possible.
     */
    private static final int WARM_CALLS = 6_000;

    /** One timed candidate: its name, the tile, and its best rate (GFLOP/s; 0 when not timed). */
    public record Candidate(String name, SgemmTile tile, double gflops) {
        @Override
        public String toString() { return String.format(Locale.ROOT, "%s %.1f GFLOP/s", name, gflops); }
    }

    /**
     * The outcome: every candidate, best first when timed, the chosen one (null when none could
     * be loaded), and how it was chosen.
     */
    public record Result(List<Candidate> candidates, Candidate chosen, String how) {}

    /** The choice of this JVM, made once on a daemon thread. */
    private static volatile CompletableFuture<Result> running;

    private TileChoice() {}

    /** Starts the choice on a daemon thread unless it has started already. */
    static void start() {
        if (running != null) return;
        synchronized (TileChoice.class) {
            if (running != null) return;
            CompletableFuture<Result> f = new CompletableFuture<>();
            Thread t = new Thread(() -> {
                try {
                    f.complete(choose());
                } catch (LinkageError | RuntimeException e) {
                    f.complete(new Result(List.of(), null, "no vector tile could be loaded: " + e));
                }
            }, "kiln-gemm-tile-choice");
            t.setDaemon(true);
            running = f;
            t.start();
        }
    }

    /**
     * This JVM's choice, waiting for it (and starting it) if need be; {@link Result#chosen} is
     * null when no vector tile could be loaded.
     */
    static Result result() {
        start();
        return running.join();
    }

    /**
     * The candidates of {@code result} timed once more, fastest first: by now each has been
     * compiled, and no compiler thread competes with the timing as it does at the first choice.
     */
    public static List<Candidate> retime(Result result) {
        return time(result.candidates(), BUDGET_NANOS);
    }

    /** Every tile shape at the widths worth timing here, untimed. */
    static List<Candidate> candidates() {
        MethodHandles.Lookup here = MethodHandles.lookup();
        List<Candidate> list = new ArrayList<>();
        for (int bits : VectorWidths.nativeWidths()) {
            list.add(untimed("narrow-" + bits, VectorWidths.load(here, NarrowTile.class, SgemmTile.class, bits)));
            // 6 x 2V and 6 x 4V need 32 vector registers: only at 512 bits (AVX-512) is that the case on x86
            if (bits >= 512) {
                list.add(untimed("tall-" + bits, VectorWidths.load(here, TallTile.class, SgemmTile.class, bits)));
                list.add(untimed("wide-" + bits, VectorWidths.load(here, WideTile.class, SgemmTile.class, bits)));
            }
        }
        return list;
    }

    /**
     * Every tile shape at every width, 128, 256 and 512 bits, whatever this machine runs natively
     * (the others run on the JDK's Java fallback): what the tests compare with the scalar kernel.
     */
    static List<SgemmTile> everyWidth() {
        List<SgemmTile> list = new ArrayList<>();
        for (String shape : List.of("narrow", "tall", "wide")) {
            for (int bits = 128; bits <= 512; bits *= 2) list.add(named(shape + "-" + bits));
        }
        return list;
    }

    /** The tile named {@code name} ({@code narrow-256}, ...) at any width 128 to 512, untimed. */
    static SgemmTile named(String name) {
        String[] parts = name.trim().toLowerCase(Locale.ROOT).split("-");
        int bits;
        try {
            bits = parts.length == 2 ? Integer.parseInt(parts[1]) : -1;
        } catch (NumberFormatException e) {
            bits = -1;
        }
        Class<? extends SgemmTile> shape = switch (parts[0]) {
            case "narrow" -> NarrowTile.class;
            case "tall" -> TallTile.class;
            case "wide" -> WideTile.class;
            default -> null;
        };
        if (bits != 128 && bits != 256 && bits != 512 || shape == null) {
            throw new IllegalArgumentException("-D" + PROPERTY + "=" + name
                    + ": expected narrow-, tall- or wide- followed by 128, 256 or 512");
        }
        return VectorWidths.load(MethodHandles.lookup(), shape, SgemmTile.class, bits);
    }

    /** The choice: pinned by {@link #PROPERTY}, else the fastest candidate by timing. */
    static Result choose() {
        String pinned = System.getProperty(PROPERTY);
        if (pinned != null && !pinned.isBlank()) {
            Candidate c = untimed(pinned.trim(), named(pinned));
            return new Result(List.of(c), c, "pinned by -D" + PROPERTY);
        }
        long start = System.nanoTime();
        List<Candidate> timed = time(candidates(), BUDGET_NANOS);
        long ms = (System.nanoTime() - start) / 1_000_000;
        return new Result(timed, timed.get(0), "timed in " + ms + " ms");
    }

    /**
     * Times {@code list} in alternating rounds for at most {@code budgetNanos}; returns the
     * candidates with their best rates, fastest first.
     */
    static List<Candidate> time(List<Candidate> list, long budgetNanos) {
        int n = list.size();
        Bench[] benches = new Bench[n];
        for (int i = 0; i < n; i++) benches[i] = new Bench(list.get(i).tile());
        double[] best = new double[n];
        long deadline = System.nanoTime() + budgetNanos;
        for (int done = 0; done < WARM_CALLS && System.nanoTime() < deadline; done += WARM_CALLS / 10) {
            for (Bench b : benches) b.warm(WARM_CALLS / 10);
        }
        int calm = 0;
        while (System.nanoTime() < deadline && calm < SETTLED_ROUNDS) {
            boolean improved = false, compiled = true;
            for (int i = 0; i < n; i++) {
                double rate = benches[i].run();
                if (rate > best[i] * 1.02) improved = true;
                best[i] = Math.max(best[i], rate);
                if (best[i] < COMPILED_GFLOPS) compiled = false;
            }
            calm = improved || !compiled ? 0 : calm + 1;
        }
        List<Candidate> out = new ArrayList<>();
        for (int i = 0; i < n; i++) out.add(new Candidate(list.get(i).name(), list.get(i).tile(), best[i]));
        out.sort(Comparator.comparingDouble(Candidate::gflops).reversed());
        return out;
    }

    private static Candidate untimed(String name, SgemmTile tile) { return new Candidate(name, tile, 0); }

    /** One candidate's L1-resident panels and output tile. */
    private static final class Bench {
        private final SgemmTile tile;
        private final float[] a;
        private final float[] b;
        private final float[] c;

        Bench(SgemmTile tile) {
            this.tile = tile;
            SplittableRandom rnd = new SplittableRandom(7);
            a = new float[KC * tile.rows()];
            b = new float[KC * tile.cols()];
            c = new float[tile.rows() * tile.cols()];
            for (int i = 0; i < a.length; i++) a[i] = (float) rnd.nextDouble(-1, 1);
            for (int i = 0; i < b.length; i++) b[i] = (float) rnd.nextDouble(-1, 1);
        }

        /**
         * {@code calls} tiles of depth 1: the cheapest way to reach C2's compile thresholds. Like
         * the GEMM, they alternate between storing C and adding to it, so that C2 compiles both
         * paths (a tile compiled for one alone can run three times slower once it meets the other).
         */
        void warm(int calls) {
            for (int i = 0; i < calls; i++) tile.compute(1, a, 0, b, 0, c, 0, tile.cols(), (i & 1) == 0);
        }

        /** One batch of tiles, storing and accumulating in turn as the GEMM does; its rate in GFLOP/s. */
        double run() {
            long t0 = System.nanoTime();
            for (int i = 0; i < BATCH; i++) tile.compute(KC, a, 0, b, 0, c, 0, tile.cols(), (i & 1) == 0);
            long dt = Math.max(1, System.nanoTime() - t0);
            return 2.0 * BATCH * KC * tile.rows() * tile.cols() / dt;
        }
    }
}
