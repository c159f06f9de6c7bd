package dev.kiln.runtime.exec;

import dev.kiln.runtime.RunCancelledException;
import dev.kiln.runtime.tensor.MemoryBudget;
import dev.kiln.runtime.tensor.Tensor;
import dev.kiln.runtime.tensor.Value;
import java.time.Duration;
import java.util.IdentityHashMap;
import java.util.SplittableRandom;

/**
 * The state of one running graph execution that ops may need: the scope for subgraphs, a random
 * source, the intra-op thread budget, the memory budget and the run's deadline and cancel handle.
 * One context belongs to one thread.
 */
public final class ExecutionContext {
    /** The context whose graph is executing on the current thread, for kernels that get no context. */
    private static final ThreadLocal<ExecutionContext> ACTIVE = new ThreadLocal<>();

    final Env env;
    private final SplittableRandom random;
    private final int threads;
    private RunProfile profile;
    /** The session's pool when this run recycles buffers, else null. */
    private BufferPool pool;
    /** Arrays handed out by {@link #takeFloats} in this run, with how many live values hold each. */
    private IdentityHashMap<float[], int[]> issued;
    /** The memory budget of this scope, or null for none. */
    private MemoryBudget budget;
    /** {@link System#nanoTime()} past which the run stops, when {@link #hasDeadline}. */
    private long deadline;
    private boolean hasDeadline;
    private Duration timeout;
    private CancelHandle cancel;

    ExecutionContext(Env env, SplittableRandom random) {
        this(env, random, SessionOptions.defaultThreads());
    }

    ExecutionContext(Env env, SplittableRandom random, int threads) {
        this.env = env;
        this.random = random;
        this.threads = threads;
    }

    /**
     * A context with an empty scope that stops (see {@link #checkCancelled()}) once {@code timeout}
     * has passed, for running ops directly within a time limit (constant folding).
     */
    public static ExecutionContext standalone(long seed, Duration timeout) {
        ExecutionContext c = standalone(seed);
        c.limit(timeout, null);
        return c;
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

    /**
     * Runs {@code body} with this context active on the current thread (see {@link #currentThreads}),
     * its memory budget installed and its time limit visible to {@link #checkActiveCancelled()}.
     */
    public void runActive(Runnable body) {
        ExecutionContext previous = ACTIVE.get();
        ACTIVE.set(this);
        // without a budget of its own, the one already installed (if any) stays in force
        MemoryBudget previousBudget = budget == null ? MemoryBudget.current() : MemoryBudget.install(budget);
        try {
            body.run();
        } finally {
            MemoryBudget.install(previousBudget);
            if (previous == null) ACTIVE.remove();
            else ACTIVE.set(previous);
        }
    }

    /** Runs {@code body} (a subgraph of this run) with this context's memory budget installed. */
    void runScoped(Runnable body) {
        if (budget == null) {
            body.run();
            return;
        }
        MemoryBudget previous = MemoryBudget.install(budget);
        try {
            body.run();
        } finally {
            MemoryBudget.install(previous);
        }
    }

    ExecutionContext child(Env childEnv) {
        ExecutionContext c = new ExecutionContext(childEnv, random, threads);
        c.profile = profile;
        c.budget = budget == null ? null : budget.child();
        c.deadline = deadline;
        c.hasDeadline = hasDeadline;
        c.timeout = timeout;
        c.cancel = cancel;
        return c;
    }

    /** Bounds the memory of this run. */
    void budget(MemoryBudget budget) { this.budget = budget; }

    /** This run's memory budget, or null. */
    MemoryBudget budget() { return budget; }

    /** Stops this run once {@code timeout} (from now, may be null) passes or {@code cancel} fires. */
    void limit(Duration timeout, CancelHandle cancel) {
        this.cancel = cancel;
        this.timeout = timeout;
        this.hasDeadline = timeout != null;
        if (timeout != null) {
            long nanos;
            try {
                nanos = timeout.toNanos();
            } catch (ArithmeticException e) {
                nanos = Long.MAX_VALUE / 2;
            }
            deadline = System.nanoTime() + Math.min(nanos, Long.MAX_VALUE / 2);
        }
    }

    /**
     * Fails when this run must stop: its deadline passed, its cancel handle fired or its thread
     * was interrupted. The executor checks between nodes; ops that loop (Loop, Scan) call it in
     * every iteration.
     *
     * @throws RunCancelledException saying why
     */
    public void checkCancelled() {
        if (cancel != null && cancel.isCancelled()) {
            throw new RunCancelledException(RunCancelledException.Reason.CANCELLED, "Run cancelled");
        }
        if (hasDeadline && System.nanoTime() - deadline > 0) {
            throw new RunCancelledException(RunCancelledException.Reason.DEADLINE,
                    "Run stopped: its time limit of " + timeout.toMillis() + " ms passed");
        }
        if (Thread.currentThread().isInterrupted()) {
            throw new RunCancelledException(RunCancelledException.Reason.INTERRUPTED,
                    "Run stopped: its thread was interrupted");
        }
    }

    /**
     * As {@link #checkCancelled()} for the run executing on the current thread (nothing outside a
     * run), for kernels that get no context but may work long on one node, such as a regex match.
     */
    public static void checkActiveCancelled() {
        ExecutionContext c = ACTIVE.get();
        if (c != null) c.checkCancelled();
    }

    /** The context of the session run executing on the current thread, or null. */
    static ExecutionContext active() { return ACTIVE.get(); }

    /** Lets kernels of this run take released arrays from {@code pool}. */
    void recycleWith(BufferPool pool) {
        this.pool = pool;
        this.issued = new IdentityHashMap<>();
    }

    float[] takeFloats(int n) {
        MemoryBudget.check(dev.kiln.runtime.tensor.DType.FLOAT32, n);
        if (pool == null) return new float[n];
        float[] a = pool.take(n);
        if (a == null) a = new float[n];
        issued.put(a, new int[1]);
        return a;
    }

    /** A value was stored under a name of the main graph. */
    void held(Value v) {
        if (budget != null) budget.hold(v);
        if (issued != null && v instanceof Tensor t && t.data() instanceof float[] a) {
            int[] count = issued.get(a);
            if (count != null) count[0]++;
        }
    }

    /**
     * A value's name was released; with {@code recycle} its array goes back to the pool once no
     * other value holds it, without it the array is never recycled (it may live on elsewhere).
     */
    void released(Value v, boolean recycle) {
        if (budget != null) budget.release(v);
        if (issued == null || !(v instanceof Tensor t) || !(t.data() instanceof float[] a)) return;
        int[] count = issued.get(a);
        if (count == null) return;
        if (!recycle) {
            issued.remove(a);
        } else if (--count[0] == 0) {
            issued.remove(a);
            pool.give(a);
        }
    }

    /** The profile timing this run's nodes, or null. */
    RunProfile profile() { return profile; }

    void profile(RunProfile profile) { this.profile = profile; }
}
