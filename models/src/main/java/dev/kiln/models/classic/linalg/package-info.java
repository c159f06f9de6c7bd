/**
 * Dense double-precision numerics for classic ML: Householder QR, one-sided Jacobi SVD and
 * L-BFGS. Matrices are row-major {@code double[rows][cols]}.
 */
package dev.kiln.models.classic.linalg;
