package dev.kiln.runtime.tensor;

import dev.kiln.runtime.ResourceLimitException;
import java.util.IdentityHashMap;

/**
 * The bytes one run may allocate: a limit per tensor and a limit on the values a run holds at
 * once. The executor installs a budget on the thread running a graph; {@link Tensor#zeros},
 * {@link Tensor#allocate}, {@code RunBuffers} and kernels that size their output call
 * {@link #check} before they allocate, so an oversized request fails with a
 * {@link ResourceLimitException} instead of an {@link OutOfMemoryError}. Outside a run nothing
 * is checked. One budget belongs to one thread.
 */
public final class MemoryBudget {
    private static final ThreadLocal<MemoryBudget> CURRENT = new ThreadLocal<>();

    private final long maxTensorBytes;
    private final long maxRunBytes;
    /** Bytes held by the enclosing scopes when this (subgraph) budget started. */
    private final long base;
    private long live;
    /** Arrays held by values of this scope, with how many values hold each (views share one) and its bytes. */
    private final IdentityHashMap<Object, long[]> holders = new IdentityHashMap<>();

    /** A budget of {@code maxTensorBytes} per tensor and {@code maxRunBytes} held by a run. */
    public MemoryBudget(long maxTensorBytes, long maxRunBytes) { this(maxTensorBytes, maxRunBytes, 0); }

    private MemoryBudget(long maxTensorBytes, long maxRunBytes, long base) {
        this.maxTensorBytes = maxTensorBytes;
        this.maxRunBytes = maxRunBytes;
        this.base = base;
    }

    /** A budget for a subgraph run inside this one: same limits, this scope's bytes counted. */
    public MemoryBudget child() { return new MemoryBudget(maxTensorBytes, maxRunBytes, base + live); }

    /** The budget installed on this thread, or null. */
    public static MemoryBudget current() { return CURRENT.get(); }

    /** Installs {@code budget} (may be null) on this thread and returns the one it replaces. */
    public static MemoryBudget install(MemoryBudget budget) {
        MemoryBudget previous = CURRENT.get();
        if (budget == null) CURRENT.remove();
        else CURRENT.set(budget);
        return previous;
    }

    /** Bytes one element of {@code dtype} takes in its Java array (a reference for strings). */
    public static int elementBytes(DType dtype) {
        return switch (dtype.storage()) {
            case DOUBLE, LONG, STRING -> 8;
            case FLOAT, INT -> 4;
            case SHORT -> 2;
            default -> 1;
        };
    }

    /**
     * Fails when a new tensor of {@code dtype} and {@code shape} would exceed the budget of the
     * run on this thread; does nothing outside a run.
     *
     * @throws ResourceLimitException naming the shape (the executor adds the node)
     */
    public static void check(DType dtype, Shape shape) {
        MemoryBudget b = CURRENT.get();
        if (b != null) b.request(dtype, shape.size(), shape);
    }

    /** As {@link #check(DType, Shape)} for {@code elements} elements of unknown shape. */
    public static void check(DType dtype, long elements) {
        MemoryBudget b = CURRENT.get();
        if (b != null) b.request(dtype, elements, null);
    }

    private void request(DType dtype, long elements, Shape shape) {
        long bytes = elements > Long.MAX_VALUE / 8 ? Long.MAX_VALUE : elements * elementBytes(dtype);
        if (bytes <= 4096) return;
        String what = shape != null ? dtype + shape.toString() : elements + " elements of " + dtype;
        if (bytes > maxTensorBytes) {
            throw new ResourceLimitException(null, "a tensor " + what, bytes, maxTensorBytes, "per-tensor");
        }
        long total = base + live + bytes;
        if (total > maxRunBytes) {
            throw new ResourceLimitException(null, "a tensor " + what + " (with " + (base + live)
                    + " bytes already held by the run)", total, maxRunBytes, "per-run");
        }
    }

    /** A value was stored under a name of this scope: its array counts until released. */
    public void hold(Value v) {
        if (!(v instanceof Tensor t)) return;
        long[] n = holders.get(t.data());
        if (n == null) {
            long bytes = (long) t.size() * elementBytes(t.dtype());
            holders.put(t.data(), new long[] {1, bytes});
            live += bytes;
        } else {
            n[0]++;
        }
    }

    /** A value of this scope was released. */
    public void release(Value v) {
        if (!(v instanceof Tensor t)) return;
        long[] n = holders.get(t.data());
        if (n == null) return;
        if (--n[0] == 0) {
            holders.remove(t.data());
            live -= n[1];
        }
    }

    /** Bytes held by the values of this run, enclosing scopes included. */
    public long liveBytes() { return base + live; }
}
