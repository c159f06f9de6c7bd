package dev.kiln.models.classic.linalg;

/**
 * Limited-memory BFGS minimisation of a smooth function, with a backtracking (Armijo) line
 * search. The inverse Hessian is approximated from the last {@code memory} steps by the
 * two-loop recursion; pairs with non-positive curvature are skipped.
 */
public final class Lbfgs {
    private Lbfgs() {}

    /** A smooth function to minimise. */
    @FunctionalInterface
    public interface Objective {
        /** Returns f(x) and writes ∇f(x) into {@code grad}. */
        double evaluate(double[] x, double[] grad);
    }

    /**
     * Settings.
     *
     * @param memory number of stored (s, y) pairs
     * @param maxIter iteration limit
     * @param gradTol stop when max |∇f| is at most this
     * @param relTol stop when an iteration lowers f by at most {@code relTol * max(1, |f|)}
     */
    public record Config(int memory, int maxIter, double gradTol, double relTol) {
        public Config {
            if (memory < 1) throw new IllegalArgumentException("memory is " + memory + ", expected >= 1");
            if (maxIter < 1) throw new IllegalArgumentException("maxIter is " + maxIter + ", expected >= 1");
            if (!(gradTol >= 0) || !(relTol >= 0)) throw new IllegalArgumentException("tolerances must be >= 0");
        }

        /** 10 pairs, 1000 iterations, gradient tolerance 1e-8, relative decrease 1e-14. */
        public static Config defaults() { return new Config(10, 1000, 1e-8, 1e-14); }
    }

    /**
     * Outcome.
     *
     * @param x the minimiser found
     * @param value f(x)
     * @param gradMax max |∇f(x)|
     * @param iterations iterations run
     * @param converged whether a tolerance (not the iteration limit) ended the run
     */
    public record Result(double[] x, double value, double gradMax, int iterations, boolean converged) {}

    /** Minimises {@code f} from {@code x0} (not modified). */
    public static Result minimize(Objective f, double[] x0, Config cfg) {
        int d = x0.length;
        double[] x = x0.clone();
        double[] g = new double[d];
        double fx = f.evaluate(x, g);
        if (!Double.isFinite(fx)) throw new ArithmeticException("The objective is not finite at the start: " + fx);
        double[][] s = new double[cfg.memory()][];
        double[][] y = new double[cfg.memory()][];
        double[] rho = new double[cfg.memory()];
        int stored = 0;
        int newest = -1;
        double[] xn = new double[d];
        double[] gn = new double[d];
        for (int iter = 0; iter < cfg.maxIter(); iter++) {
            double gmax = maxAbs(g);
            if (gmax <= cfg.gradTol()) return new Result(x, fx, gmax, iter, true);
            double[] dir = direction(g, s, y, rho, stored, newest);
            double slope = dot(g, dir);
            if (!(slope < 0)) {
                stored = 0;
                for (int i = 0; i < d; i++) dir[i] = -g[i];
                slope = -dot(g, g);
            }
            double step = stored == 0 ? Math.min(1, 1 / Math.sqrt(-slope)) : 1;
            double fn = Double.NaN;
            boolean accepted = false;
            for (int tries = 0; tries < 60; tries++) {
                for (int i = 0; i < d; i++) xn[i] = x[i] + step * dir[i];
                fn = f.evaluate(xn, gn);
                if (Double.isFinite(fn) && fn <= fx + 1e-4 * step * slope) {
                    accepted = true;
                    break;
                }
                step *= 0.5;
            }
            if (!accepted) return new Result(x, fx, gmax, iter, true);
            newest = (newest + 1) % cfg.memory();
            double[] sk = new double[d];
            double[] yk = new double[d];
            for (int i = 0; i < d; i++) {
                sk[i] = xn[i] - x[i];
                yk[i] = gn[i] - g[i];
            }
            double sy = dot(sk, yk);
            if (sy > 1e-12 * Math.sqrt(dot(sk, sk) * dot(yk, yk))) {
                s[newest] = sk;
                y[newest] = yk;
                rho[newest] = 1 / sy;
                stored = Math.min(stored + 1, cfg.memory());
            } else {
                newest = (newest - 1 + cfg.memory()) % cfg.memory();
            }
            double decrease = fx - fn;
            System.arraycopy(xn, 0, x, 0, d);
            System.arraycopy(gn, 0, g, 0, d);
            fx = fn;
            if (decrease <= cfg.relTol() * Math.max(1, Math.abs(fx))) return new Result(x, fx, maxAbs(g), iter + 1, true);
        }
        return new Result(x, fx, maxAbs(g), cfg.maxIter(), false);
    }

    // Two-loop recursion: returns -H g with H the L-BFGS inverse Hessian estimate.
    private static double[] direction(double[] g, double[][] s, double[][] y, double[] rho, int stored, int newest) {
        int mem = s.length;
        double[] q = g.clone();
        double[] a = new double[mem];
        for (int k = 0; k < stored; k++) {
            int i = (newest - k + mem) % mem;
            a[i] = rho[i] * dot(s[i], q);
            axpy(-a[i], y[i], q);
        }
        if (stored > 0) {
            double gamma = 1 / (rho[newest] * dot(y[newest], y[newest]));
            for (int j = 0; j < q.length; j++) q[j] *= gamma;
        }
        for (int k = stored - 1; k >= 0; k--) {
            int i = (newest - k + mem) % mem;
            double b = rho[i] * dot(y[i], q);
            axpy(a[i] - b, s[i], q);
        }
        for (int j = 0; j < q.length; j++) q[j] = -q[j];
        return q;
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) s += a[i] * b[i];
        return s;
    }

    private static void axpy(double alpha, double[] x, double[] y) {
        for (int i = 0; i < x.length; i++) y[i] += alpha * x[i];
    }

    private static double maxAbs(double[] v) {
        double m = 0;
        for (double e : v) m = Math.max(m, Math.abs(e));
        return m;
    }
}
