package dev.kiln.ops.common;

import dev.kiln.runtime.exec.ExecutionContext;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntConsumer;

/**
 * The intra-op thread pool: a kernel splits one call into tasks and runs them on the calling
 * thread plus up to {@code threads - 1} pooled helpers. The thread budget comes from the session
 * options of the run executing on the calling thread ({@link ExecutionContext#currentThreads()}).
 *
 * <p>The caller always takes tasks itself, so a call completes even when no helper is free, and
 * a kernel that runs inside a helper (nested parallelism) runs serially. Helpers are daemon
 * threads, created on demand and kept for a while when idle.
 */
public final class Parallel {
    private static final ThreadPoolExecutor POOL = new ThreadPoolExecutor(0, Integer.MAX_VALUE,
            60, TimeUnit.SECONDS, new SynchronousQueue<>(), Helper::new);

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
        for (int h = 1; h < workers; h++) {
            try {
                POOL.execute(job);
            } catch (java.util.concurrent.RejectedExecutionException e) {
                break;
            }
        }
        INSIDE.set(Boolean.TRUE);
        try {
            job.run();
        } finally {
            INSIDE.remove();
        }
        job.await();
    }

    /** One parallel call: task indices are claimed from a counter by the caller and the helpers. */
    private static final class Job implements Runnable {
        private final int tasks;
        private final IntConsumer body;
        private final AtomicInteger next = new AtomicInteger();
        private final CountDownLatch done;
        private final AtomicReference<Throwable> error = new AtomicReference<>();

        Job(int tasks, IntConsumer body) {
            this.tasks = tasks;
            this.body = body;
            this.done = new CountDownLatch(tasks);
        }

        @Override
        public void run() {
            for (int t; (t = next.getAndIncrement()) < tasks; ) {
                try {
                    body.accept(t);
                } catch (Throwable e) {
                    error.compareAndSet(null, e);
                } finally {
                    done.countDown();
                }
            }
        }

        void await() {
            boolean interrupted = false;
            while (true) {
                try {
                    done.await();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            if (interrupted) Thread.currentThread().interrupt();
            Throwable e = error.get();
            if (e instanceof RuntimeException r) throw r;
            if (e instanceof Error err) throw err;
            if (e != null) throw new IllegalStateException(e);
        }
    }

    /** A pooled helper thread (daemon, so it never keeps the JVM alive). */
    private static final class Helper extends Thread {
        private static final AtomicInteger COUNT = new AtomicInteger();

        Helper(Runnable r) {
            super(r, "kiln-intra-op-" + COUNT.incrementAndGet());
            setDaemon(true);
        }
    }
}
