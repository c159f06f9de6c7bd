package dev.kiln.models.nn;

/**
 * A value in a graph under construction.
 *
 * @param name the value name
 * @param rank its rank (number of dimensions)
 */
public record Var(String name, int rank) {}
