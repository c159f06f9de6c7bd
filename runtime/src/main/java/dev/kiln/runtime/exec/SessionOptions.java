package dev.kiln.runtime.exec;

/**
 * Options of a {@link Session}.
 *
 * @param seed seed of the random source used by random ops (RandomUniform, Bernoulli, ...)
 * @param threads how many threads one kernel call may use (intra-op parallelism), at least 1
 * @param maxTensorBytes the most one tensor created by a run may take, in bytes
 * @param maxRunBytes the most the values of one run may hold at once, in bytes
 */
public record SessionOptions(long seed, int threads, long maxTensorBytes, long maxRunBytes) {
    /** Read once: {@code availableProcessors} can cost microseconds in a container. */
    private static final int DEFAULT_THREADS = Runtime.getRuntime().availableProcessors();
    /** A quarter of the maximum heap. */
    private static final long DEFAULT_MAX_MEMORY = Runtime.getRuntime().maxMemory() / 4;

    public SessionOptions {
        if (threads < 1) throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        if (maxTensorBytes < 1 || maxRunBytes < 1) {
            throw new IllegalArgumentException("memory limits must be positive, got " + maxTensorBytes
                    + " per tensor and " + maxRunBytes + " per run");
        }
    }

    /** Options with {@code seed}, {@code threads} and the default memory budget. */
    public SessionOptions(long seed, int threads) { this(seed, threads, DEFAULT_MAX_MEMORY, DEFAULT_MAX_MEMORY); }

    /** Options with {@code seed} and the default thread count. */
    public SessionOptions(long seed) { this(seed, defaultThreads()); }

    /** The defaults: seed 0, one thread per available processor, a quarter of the heap per run. */
    public static SessionOptions defaults() { return new SessionOptions(0); }

    /** These options with {@code threads} intra-op threads. */
    public SessionOptions withThreads(int threads) {
        return new SessionOptions(seed, threads, maxTensorBytes, maxRunBytes);
    }

    /** These options with another seed. */
    public SessionOptions withSeed(long seed) {
        return new SessionOptions(seed, threads, maxTensorBytes, maxRunBytes);
    }

    /**
     * These options with one run allowed to hold at most {@code bytes} at once, and no single
     * tensor larger than that. A run that asks for more fails with a
     * {@link dev.kiln.runtime.ResourceLimitException} before allocating.
     */
    public SessionOptions withMaxMemory(long bytes) { return new SessionOptions(seed, threads, bytes, bytes); }

    /** These options with separate limits per tensor and per run, in bytes. */
    public SessionOptions withMemoryLimits(long maxTensorBytes, long maxRunBytes) {
        return new SessionOptions(seed, threads, maxTensorBytes, maxRunBytes);
    }

    /** The default intra-op thread count: the processors available to the JVM. */
    public static int defaultThreads() { return DEFAULT_THREADS; }

    /** The default memory budget per tensor and per run: a quarter of the maximum heap. */
    public static long defaultMaxMemory() { return DEFAULT_MAX_MEMORY; }
}
