package dev.kiln.runtime.exec;

import java.util.SplittableRandom;

/**
 * The state of one running graph execution that ops may need: the scope for subgraphs, a random
 * source and the intra-op thread budget. One context belongs to one thread.
 */
public final class ExecutionContext {
    /** The context whose graph is executing on the current thread, for kernels that get no context. */
    private static final ThreadLocal<ExecutionContext> ACTIVE = new ThreadLocal<>();

    final Env env;
    private final SplittableRandom random;
    private final int threads;
    private RunProfile profile;

    ExecutionContext(Env env, SplittableRandom random) {
        this(env, random, SessionOptions.defaultThreads());
    }

    ExecutionContext(Env env, SplittableRandom random, int threads) {
        this.env = env;
        this.random = random;
        this.threads = threads;
    }

    /** A context with an empty scope, for running ops directly (tests, tools). */
    public static ExecutionContext standalone(long seed) {
        return new ExecutionContext(new Env(null), new SplittableRandom(seed));
    }

    /** The random source of this run (seeded from the session options). */
    public SplittableRandom random() { return random; }

    /** How many threads one kernel call of this run may use (from the session options). */
    public int threads() { return threads; }

    /**
     * The intra-op thread budget for a kernel running on the current thread: that of the session
     * run executing here, or {@link SessionOptions#defaultThreads()} outside a run.
     */
    public static int currentThreads() {
        ExecutionContext c = ACTIVE.get();
        return c == null ? SessionOptions.defaultThreads() : c.threads;
    }

    /** Runs {@code body} with this context active on the current thread (see {@link #currentThreads}). */
    void runActive(Runnable body) {
        ExecutionContext previous = ACTIVE.get();
        ACTIVE.set(this);
        try {
            body.run();
        } finally {
            if (previous == null) ACTIVE.remove();
            else ACTIVE.set(previous);
        }
    }

    ExecutionContext child(Env childEnv) {
        ExecutionContext c = new ExecutionContext(childEnv, random, threads);
        c.profile = profile;
        return c;
    }

    /** The profile timing this run's nodes, or null. */
    RunProfile profile() { return profile; }

    void profile(RunProfile profile) { this.profile = profile; }
}
