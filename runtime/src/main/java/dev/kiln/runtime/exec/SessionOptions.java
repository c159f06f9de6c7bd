package dev.kiln.runtime.exec;

/**
 * Options of a {@link Session}.
 *
 * @param seed seed of the random source used by random ops (RandomUniform, Bernoulli, ...)
 * @param threads how many threads one kernel call may use (intra-op parallelism), at least 1
 */
public record SessionOptions(long seed, int threads) {
    /** Read once: {@code availableProcessors} can cost microseconds in a container. */
    private static final int DEFAULT_THREADS = Runtime.getRuntime().availableProcessors();

    public SessionOptions {
        if (threads < 1) throw new IllegalArgumentException("threads must be >= 1, got " + threads);
    }

    /** Options with {@code seed} and the default thread count. */
    public SessionOptions(long seed) { this(seed, defaultThreads()); }

    /** The defaults: seed 0, one thread per available processor. */
    public static SessionOptions defaults() { return new SessionOptions(0); }

    /** These options with {@code threads} intra-op threads. */
    public SessionOptions withThreads(int threads) { return new SessionOptions(seed, threads); }

    /** These options with another seed. */
    public SessionOptions withSeed(long seed) { return new SessionOptions(seed, threads); }

    /** The default intra-op thread count: the processors available to the JVM. */
    public static int defaultThreads() { return DEFAULT_THREADS; }
}
