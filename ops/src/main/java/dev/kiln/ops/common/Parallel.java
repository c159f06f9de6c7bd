package dev.kiln.ops.common;

import dev.kiln.runtime.exec.ExecutionContext;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntConsumer;

/**
 * The intra-op thread pool: a kernel splits one call into tasks and runs them on the calling
 * thread plus up to {@code threads - 1} pooled helpers. The thread budget comes from the session
 * options of the run executing on the calling thread ({@link ExecutionContext#currentThreads()}).
 *
 * <p>A call is posted as an open job with {@code threads - 1} seats; idle helpers take a seat and
 * claim tasks from the job's counter alongside the caller. The caller always takes tasks itself,
 * so a call completes even when no helper comes, and a kernel that runs inside a helper (nested
 * parallelism) runs serially. There are as many helpers as the largest budget asked for so far,
 * minus one: one run with two threads keeps exactly one helper, which joins each call as soon as
 * it is posted. A helper that finishes a job spins for a short while ({@link #SPIN_NANOS})
 * before it parks, so that the next kernel of the same run, usually microseconds later, starts
 * on it without a wake-up: waking a parked thread costs tens of microseconds, as much as a small
 * kernel. The caller likewise spins while it waits for the helpers' last tasks.
 */
public final class Parallel {
    /** How long an idle helper spins for new work before it parks. */
    static final long SPIN_NANOS = 200_000;

    /** Every helper; grows to the largest budget asked for, minus one. */
    private static final List<Helper> HELPERS = new CopyOnWriteArrayList<>();

    /** Calls that may still have seats for helpers. */
    private static final Queue<Job> OPEN = new ConcurrentLinkedQueue<>();

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
        ensureHelpers(workers - 1);
        Job job = new Job(tasks, body, workers - 1);
        OPEN.add(job);
        for (Helper h : HELPERS) h.wake();
        INSIDE.set(Boolean.TRUE);
        try {
            job.run();
        } finally {
            INSIDE.remove();
            OPEN.remove(job);
        }
        job.await();
    }

    private static void ensureHelpers(int count) {
        if (HELPERS.size() >= count) return;
        synchronized (HELPERS) {
            while (HELPERS.size() < count) {
                Helper h = new Helper();
                HELPERS.add(h);
                h.start();
            }
        }
    }

    /** An open job with a free seat, taken; or null. */
    private static Job takeSeat() {
        for (Job j : OPEN) if (j.takeSeat()) return j;
        return null;
    }

    /** One parallel call: task indices are claimed from a counter by the caller and the helpers. */
    private static final class Job implements Runnable {
        private final int tasks;
        private final IntConsumer body;
        private final AtomicInteger next = new AtomicInteger();
        private final AtomicInteger remaining;
        /** Seats left for helpers (the thread budget minus the caller). */
        private final AtomicInteger seats;
        private final AtomicReference<Throwable> error = new AtomicReference<>();
        private volatile Thread waiter;

        Job(int tasks, IntConsumer body, int seats) {
            this.tasks = tasks;
            this.body = body;
            this.remaining = new AtomicInteger(tasks);
            this.seats = new AtomicInteger(seats);
        }

        boolean takeSeat() {
            if (next.get() >= tasks) return false;
            return seats.getAndDecrement() > 0;
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

        private volatile boolean parked;

        Helper() {
            super("kiln-intra-op-" + COUNT.incrementAndGet());
            setDaemon(true);
        }

        void wake() {
            if (parked) LockSupport.unpark(this);
        }

        @Override
        public void run() {
            long idleSince = System.nanoTime();
            while (true) {
                Job j = takeSeat();
                if (j != null) {
                    j.run();
                    idleSince = System.nanoTime();
                } else if (System.nanoTime() - idleSince < SPIN_NANOS) {
                    Thread.onSpinWait();
                } else {
                    parked = true;
                    if (OPEN.isEmpty()) LockSupport.park(this);
                    parked = false;
                    idleSince = System.nanoTime();
                }
            }
        }
    }
}
