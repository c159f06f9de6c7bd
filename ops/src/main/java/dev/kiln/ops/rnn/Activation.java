package dev.kiln.ops.rnn;

import java.util.Locale;

/**
 * An activation function of the recurrent ops, with its alpha and beta bound. Names are matched
 * case-insensitively; alphas and betas are taken in order by the functions that use them, and
 * absent ones take the defaults of the matching ONNX operators.
 */
final class Activation {
    private enum Kind { RELU, TANH, SIGMOID, AFFINE, LEAKYRELU, THRESHOLDEDRELU, SCALEDTANH, HARDSIGMOID, ELU, SOFTSIGN, SOFTPLUS }

    private final Kind kind;
    private final double alpha;
    private final double beta;

    private Activation(Kind kind, double alpha, double beta) {
        this.kind = kind;
        this.alpha = alpha;
        this.beta = beta;
    }

    /**
     * Binds the activation functions of every direction.
     *
     * @param names the {@code activations} attribute, or null for {@code defaults}
     * @param alphas the {@code activation_alpha} attribute, or null
     * @param betas the {@code activation_beta} attribute, or null
     * @param defaults the default names of one direction
     * @param directions 1 or 2
     * @return {@code [direction][function]}
     */
    static Activation[][] parse(String[] names, float[] alphas, float[] betas, String[] defaults, int directions) {
        int per = defaults.length;
        String[] all;
        if (names == null) {
            all = new String[per * directions];
            for (int d = 0; d < directions; d++) System.arraycopy(defaults, 0, all, d * per, per);
        } else if (names.length == per * directions) {
            all = names;
        } else if (names.length == per && directions == 2) {
            all = new String[2 * per];
            System.arraycopy(names, 0, all, 0, per);
            System.arraycopy(names, 0, all, per, per);
        } else {
            throw new IllegalArgumentException("attribute 'activations' has " + names.length + " entries, expected "
                    + per * directions);
        }
        int ai = 0;
        int bi = 0;
        Activation[][] out = new Activation[directions][per];
        for (int i = 0; i < all.length; i++) {
            Kind k;
            try {
                k = Kind.valueOf(all[i].toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("attribute 'activations' has unknown function '" + all[i] + "'");
            }
            double alpha = defaultAlpha(k);
            double beta = defaultBeta(k);
            if (usesAlpha(k) && alphas != null && ai < alphas.length) alpha = alphas[ai++];
            if (usesBeta(k) && betas != null && bi < betas.length) beta = betas[bi++];
            out[i / per][i % per] = new Activation(k, alpha, beta);
        }
        return out;
    }

    private static boolean usesAlpha(Kind k) {
        return switch (k) {
            case AFFINE, LEAKYRELU, THRESHOLDEDRELU, SCALEDTANH, HARDSIGMOID, ELU -> true;
            default -> false;
        };
    }

    private static boolean usesBeta(Kind k) {
        return k == Kind.AFFINE || k == Kind.SCALEDTANH || k == Kind.HARDSIGMOID;
    }

    private static double defaultAlpha(Kind k) {
        return switch (k) {
            case LEAKYRELU -> 0.01;
            case HARDSIGMOID -> 0.2;
            default -> 1.0;
        };
    }

    private static double defaultBeta(Kind k) {
        return switch (k) {
            case HARDSIGMOID -> 0.5;
            case SCALEDTANH -> 1.0;
            default -> 0.0;
        };
    }

    /** Applies the function. */
    double apply(double x) {
        return switch (kind) {
            case RELU -> Math.max(0, x);
            case TANH -> Math.tanh(x);
            case SIGMOID -> x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x));
            case AFFINE -> alpha * x + beta;
            case LEAKYRELU -> x >= 0 ? x : alpha * x;
            case THRESHOLDEDRELU -> x >= alpha ? x : 0;
            case SCALEDTANH -> alpha * Math.tanh(beta * x);
            case HARDSIGMOID -> Math.min(Math.max(alpha * x + beta, 0), 1);
            case ELU -> x >= 0 ? x : alpha * (Math.exp(x) - 1);
            case SOFTSIGN -> x / (1 + Math.abs(x));
            case SOFTPLUS -> x > 0 ? x + Math.log1p(Math.exp(-x)) : Math.log1p(Math.exp(x));
        };
    }
}
