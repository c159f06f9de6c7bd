package dev.kiln.runtime.exec;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The float32 arrays a session's runs have released, by length, for kernels to take as output
 * buffers ({@link RunBuffers#floats}). Shared by the concurrent runs of one session; holds at
 * most {@link #MAX_BYTES} (arrays beyond that are left to the garbage collector).
 */
final class BufferPool {
    /** The most the pool keeps, in bytes. */
    static final long MAX_BYTES = 256L << 20;

    private final Map<Integer, ConcurrentLinkedDeque<float[]>> free = new ConcurrentHashMap<>();
    private final AtomicLong bytes = new AtomicLong();

    /** A released array of exactly {@code n} floats (any contents), or null. */
    float[] take(int n) {
        ConcurrentLinkedDeque<float[]> q = free.get(n);
        float[] a = q == null ? null : q.pollLast();
        if (a != null) bytes.addAndGet(-4L * n);
        return a;
    }

    /** Keeps {@code a} for a later {@link #take}; nothing may use it afterwards. */
    void give(float[] a) {
        long size = 4L * a.length;
        if (bytes.addAndGet(size) > MAX_BYTES) {
            bytes.addAndGet(-size);
            return;
        }
        free.computeIfAbsent(a.length, k -> new ConcurrentLinkedDeque<>()).addLast(a);
    }

    /** Bytes held now. */
    long bytes() { return bytes.get(); }
}
