package dev.kiln.ops.random;

import dev.kiln.runtime.op.OpRegistry;

/** Random generators: uniform, normal, Bernoulli, multinomial. */
public final class RandomOps {
    private RandomOps() {}

    /** Registers this family's ops. */
    public static void register(OpRegistry r) {
        r.add("RandomUniform", 1, 0, 0, RandomUniform::new);
        r.add("RandomNormal", 1, 0, 0, RandomNormal::new);
        r.add("RandomUniformLike", 1, 1, 1, RandomUniformLike::new);
        r.add("RandomNormalLike", 1, 1, 1, RandomNormalLike::new);
        r.add("Bernoulli", 15, 1, 1, Bernoulli::new);
        r.add("Multinomial", 7, 1, 1, Multinomial::new);
    }
}
