package dev.kiln.ops.common;

import java.lang.invoke.MethodHandles;
import java.util.function.IntToDoubleFunction;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Measures the fused multiply-add peak of one core at one vector width: independent chains of
 * FMAs on registers, no memory traffic, twelve (enough for two FMA units of latency 4, and they
 * fit 16 registers) and twenty-four (for wider or slower units, with 32 registers), the better of
 * the two.
 * It is the yardstick {@code kiln doctor} holds the chosen GEMM tile against. Loaded at each
 * width by {@link VectorWidths#load}; use {@link #measure(int, long)}.
 */
public final class FmaPeak implements IntToDoubleFunction {
    private static final VectorSpecies<Float> S = VectorWidths.species(MethodHandles.lookup());

    FmaPeak() {}

    /**
     * The best rate in GFLOP/s over repeated runs of {@code iterations} steps of the twelve
     * chains, after enough calls for the JIT to compile the loop.
     */
    @Override
    public double applyAsDouble(int iterations) {
        double best = 0;
        for (int round = 0; round < 40; round++) {
            boolean timed = round >= 30;
            int n = timed ? iterations : 16;
            long t0 = System.nanoTime();
            float sink = chains(n);
            long t1 = System.nanoTime();
            sink += moreChains(n);
            long t2 = System.nanoTime();
            if (timed) {
                best = Math.max(best, 2.0 * 12 * S.length() * n / Math.max(1, t1 - t0));
                best = Math.max(best, 2.0 * 24 * S.length() * n / Math.max(1, t2 - t1));
            }
            if (sink == 42f) best += 0; // keeps the results alive
        }
        return best;
    }

    // twenty-four chains, as below
    private static float moreChains(int iterations) {
        FloatVector x = FloatVector.broadcast(S, 0.999f), y = FloatVector.broadcast(S, 1e-3f);
        FloatVector c0 = FloatVector.broadcast(S, 1f), c1 = c0, c2 = c0, c3 = c0, c4 = c0, c5 = c0;
        FloatVector c6 = c0, c7 = c0, c8 = c0, c9 = c0, c10 = c0, c11 = c0;
        FloatVector d0 = c0, d1 = c0, d2 = c0, d3 = c0, d4 = c0, d5 = c0;
        FloatVector d6 = c0, d7 = c0, d8 = c0, d9 = c0, d10 = c0, d11 = c0;
        for (int i = 0; i < iterations; i++) {
            c0 = c0.fma(x, y); c1 = c1.fma(x, y); c2 = c2.fma(x, y); c3 = c3.fma(x, y);
            c4 = c4.fma(x, y); c5 = c5.fma(x, y); c6 = c6.fma(x, y); c7 = c7.fma(x, y);
            c8 = c8.fma(x, y); c9 = c9.fma(x, y); c10 = c10.fma(x, y); c11 = c11.fma(x, y);
            d0 = d0.fma(x, y); d1 = d1.fma(x, y); d2 = d2.fma(x, y); d3 = d3.fma(x, y);
            d4 = d4.fma(x, y); d5 = d5.fma(x, y); d6 = d6.fma(x, y); d7 = d7.fma(x, y);
            d8 = d8.fma(x, y); d9 = d9.fma(x, y); d10 = d10.fma(x, y); d11 = d11.fma(x, y);
        }
        FloatVector c = c0.add(c1).add(c2).add(c3).add(c4).add(c5).add(c6).add(c7).add(c8).add(c9).add(c10).add(c11);
        FloatVector d = d0.add(d1).add(d2).add(d3).add(d4).add(d5).add(d6).add(d7).add(d8).add(d9).add(d10).add(d11);
        return c.add(d).reduceLanes(jdk.incubator.vector.VectorOperators.ADD);
    }

    // twelve chains c_i = c_i * x + y, summed at the end so that none is dead
    private static float chains(int iterations) {
        FloatVector x = FloatVector.broadcast(S, 0.999f), y = FloatVector.broadcast(S, 1e-3f);
        FloatVector c0 = FloatVector.broadcast(S, 1f), c1 = c0, c2 = c0, c3 = c0, c4 = c0, c5 = c0;
        FloatVector c6 = c0, c7 = c0, c8 = c0, c9 = c0, c10 = c0, c11 = c0;
        for (int i = 0; i < iterations; i++) {
            c0 = c0.fma(x, y); c1 = c1.fma(x, y); c2 = c2.fma(x, y); c3 = c3.fma(x, y);
            c4 = c4.fma(x, y); c5 = c5.fma(x, y); c6 = c6.fma(x, y); c7 = c7.fma(x, y);
            c8 = c8.fma(x, y); c9 = c9.fma(x, y); c10 = c10.fma(x, y); c11 = c11.fma(x, y);
        }
        return c0.add(c1).add(c2).add(c3).add(c4).add(c5).add(c6).add(c7).add(c8).add(c9).add(c10).add(c11)
                .reduceLanes(jdk.incubator.vector.VectorOperators.ADD);
    }

    /**
     * One core's FMA peak at {@code bits} bits in GFLOP/s, the best of a few runs of
     * {@code iterations} steps (about 10^6 gives a millisecond-long run at 100 GFLOP/s).
     */
    public static double measure(int bits, long iterations) {
        IntToDoubleFunction probe = VectorWidths.load(MethodHandles.lookup(), FmaPeak.class, IntToDoubleFunction.class,
                bits);
        return probe.applyAsDouble(Math.toIntExact(iterations));
    }
}
