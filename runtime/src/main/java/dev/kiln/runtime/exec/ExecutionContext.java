package dev.kiln.runtime.exec;

import java.util.SplittableRandom;

/**
 * The state of one running graph execution that ops may need: the scope for subgraphs and a
 * random source. One context belongs to one thread.
 */
public final class ExecutionContext {
    final Env env;
    private final SplittableRandom random;

    ExecutionContext(Env env, SplittableRandom random) {
        this.env = env;
        this.random = random;
    }

    /** A context with an empty scope, for running ops directly (tests, tools). */
    public static ExecutionContext standalone(long seed) {
        return new ExecutionContext(new Env(null), new SplittableRandom(seed));
    }

    /** The random source of this run (seeded from the session options). */
    public SplittableRandom random() { return random; }

    ExecutionContext child(Env childEnv) { return new ExecutionContext(childEnv, random); }
}
