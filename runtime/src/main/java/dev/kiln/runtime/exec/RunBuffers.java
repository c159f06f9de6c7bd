package dev.kiln.runtime.exec;

/**
 * Output buffers for kernels that overwrite every element of their output: inside a session
 * run, an array released earlier (by this run or a previous one) is reused, so that a warm
 * model with fixed shapes allocates little beyond its outputs; elsewhere a new array.
 *
 * <p>The executor gives an array back only when no value of the run holds it any longer (views
 * such as Reshape's share it and are counted), never when it is a graph output, and never when
 * it reached a sequence, an optional or a subgraph. A kernel must write every element of the
 * array it takes (its contents are arbitrary) and must not keep a reference to it.
 */
public final class RunBuffers {
    private RunBuffers() {}

    /** An array of {@code n} floats with arbitrary contents, to be overwritten entirely. */
    public static float[] floats(int n) {
        ExecutionContext c = ExecutionContext.active();
        if (c == null) {
            dev.kiln.runtime.tensor.MemoryBudget.check(dev.kiln.runtime.tensor.DType.FLOAT32, n);
            return new float[n];
        }
        return c.takeFloats(n);
    }
}
