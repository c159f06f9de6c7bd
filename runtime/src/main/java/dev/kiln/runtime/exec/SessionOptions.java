package dev.kiln.runtime.exec;

/**
 * Options of a {@link Session}.
 *
 * @param seed seed of the random source used by random ops (RandomUniform, Bernoulli, ...)
 */
public record SessionOptions(long seed) {
    /** The defaults: seed 0. */
    public static SessionOptions defaults() { return new SessionOptions(0); }
}
