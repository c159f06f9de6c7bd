package dev.kiln.ops.common;

import dev.kiln.runtime.exec.ExecutionContext;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntConsumer;

/**
 * The intra-op thread pool: a kernel splits one call into tasks and runs them on the calling
 * thread plus up to {@code threads - 1} pooled helpers. The thread budget comes from the session
 * options of the run executing on the calling thread ({@link ExecutionContext#currentThreads()}).
 *
 * <p>The caller always takes tasks itself, so a call completes even when no helper is free, and
 * a kernel that runs inside a helper (nested parallelism) runs serially. Helpers are daemon
 * threads, created on demand. A helper that finishes a job spins for a short while
 * ({@link #SPIN_NANOS}) before it parks, so that the next kernel of the same run, usually
 * microseconds later, starts on it without a wake-up: waking a parked thread costs tens of
 * microseconds, as much as a small kernel. The caller likewise spins while it waits for the
 * helpers' last tasks.
 */
public final class Parallel {
    /** How long an idle helper spins for new work before it parks. */
    static final long SPIN_NANOS = 200_000;

    /** Every helper, busy or idle; grows on demand. */
    private static final List<Helper> HELPERS = new CopyOnWriteArrayList<>();

    /** Set on a calling thread while it runs its share of a parallel call. */
    private static final ThreadLocal<Boolean> INSIDE = new ThreadLocal<>();

    private Parallel() {}

    /** How many threads a kernel called on this thread may use (1 inside a parallel call). */
    public static int threads() {
        return nested() ? 1 : Math.max(1, ExecutionContext.currentThreads());
    }

    private static boolean nested() {
        return Thread.currentThread() instanceof Helper || INSIDE.get() != null;
    }

    /**
     * Runs {@code body} for every task index in [0, tasks) on at most {@code threads} threads
     * and returns when all have finished. An exception from a task is rethrown here (the other
     * tasks still run).
     */
    public static void forEach(int tasks, int threads, IntConsumer body) {
        int workers = Math.min(tasks, threads);
        if (workers <= 1 || nested()) {
            for (int t = 0; t < tasks; t++) body.accept(t);
            return;
        }
        Job job = new Job(tasks, body);
        for (int h = 1; h < workers; h++) claimHelper().give(job);
        INSIDE.set(Boolean.TRUE);
        try {
            job.run();
        } finally {
            INSIDE.remove();
        }
        job.await();
    }

    /** An idle helper, now reserved for the caller; a new one when all are busy. */
    private static Helper claimHelper() {
        for (Helper h : HELPERS) if (h.claim()) return h;
        synchronized (HELPERS) {
            for (Helper h : HELPERS) if (h.claim()) return h;
            Helper h = new Helper();
            h.claim();
            HELPERS.add(h);
            h.start();
            return h;
        }
    }

    /** One parallel call: task indices are claimed from a counter by the caller and the helpers. */
    private static final class Job implements Runnable {
        private final int tasks;
        private final IntConsumer body;
        private final AtomicInteger next = new AtomicInteger();
        private final AtomicInteger remaining;
        private final AtomicReference<Throwable> error = new AtomicReference<>();
        private volatile Thread waiter;

        Job(int tasks, IntConsumer body) {
            this.tasks = tasks;
            this.body = body;
            this.remaining = new AtomicInteger(tasks);
        }

        @Override
        public void run() {
            for (int t; (t = next.getAndIncrement()) < tasks; ) {
                try {
                    body.accept(t);
                } catch (Throwable e) {
                    error.compareAndSet(null, e);
                } finally {
                    if (remaining.decrementAndGet() == 0) {
                        Thread w = waiter;
                        if (w != null) LockSupport.unpark(w);
                    }
                }
            }
        }

        void await() {
            long start = System.nanoTime();
            while (remaining.get() > 0) {
                if (System.nanoTime() - start < SPIN_NANOS) {
                    Thread.onSpinWait();
                } else {
                    waiter = Thread.currentThread();
                    if (remaining.get() > 0) LockSupport.parkNanos(this, 50_000);
                }
            }
            Throwable e = error.get();
            if (e instanceof RuntimeException r) throw r;
            if (e instanceof Error err) throw err;
            if (e != null) throw new IllegalStateException(e);
        }
    }

    /** A pooled helper thread (daemon, so it never keeps the JVM alive). */
    private static final class Helper extends Thread {
        private static final AtomicInteger COUNT = new AtomicInteger();

        /** Reserved by a caller (until its job is done). */
        private final AtomicBoolean busy = new AtomicBoolean();
        private volatile Job job;
        private volatile boolean parked;

        Helper() {
            super("kiln-intra-op-" + COUNT.incrementAndGet());
            setDaemon(true);
        }

        boolean claim() { return busy.compareAndSet(false, true); }

        void give(Job j) {
            job = j;
            if (parked) LockSupport.unpark(this);
        }

        @Override
        public void run() {
            long idleSince = System.nanoTime();
            while (true) {
                Job j = job;
                if (j != null) {
                    job = null;
                    j.run();
                    busy.set(false);
                    idleSince = System.nanoTime();
                } else if (System.nanoTime() - idleSince < SPIN_NANOS) {
                    Thread.onSpinWait();
                } else {
                    parked = true;
                    if (job == null) LockSupport.park(this);
                    parked = false;
                    idleSince = System.nanoTime();
                }
            }
        }
    }
}
