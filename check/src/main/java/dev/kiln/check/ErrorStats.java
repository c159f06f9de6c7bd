package dev.kiln.check;

import dev.kiln.runtime.tensor.DType;
import dev.kiln.runtime.tensor.Tensor;

/**
 * How far one tensor is from a reference.
 *
 * @param maxAbs largest absolute difference (NaN when a NaN is unmatched)
 * @param maxRel largest relative difference {@code |a - e| / |e|} over elements with {@code e != 0}
 * @param outOfTolerance number of elements the tolerance rejects
 * @param total number of elements compared
 * @param problem a structural mismatch (dtype, shape), or null
 */
public record ErrorStats(double maxAbs, double maxRel, long outOfTolerance, long total, String problem) {
    /** Whether the tensors agree. */
    public boolean passed() { return problem == null && outOfTolerance == 0; }

    /** Compares {@code actual} with the reference {@code expected}. */
    public static ErrorStats of(Tensor expected, Tensor actual, Tolerance tol) {
        if (expected.dtype() != actual.dtype()) {
            return new ErrorStats(Double.NaN, Double.NaN, expected.size(), expected.size(),
                    "dtype " + actual.dtype() + ", reference " + expected.dtype());
        }
        if (!expected.shape().equals(actual.shape())) {
            return new ErrorStats(Double.NaN, Double.NaN, expected.size(), expected.size(),
                    "shape " + actual.shape() + ", reference " + expected.shape());
        }
        int n = expected.size();
        if (expected.dtype() == DType.STRING) {
            long bad = 0;
            for (int i = 0; i < n; i++) if (!expected.strings()[i].equals(actual.strings()[i])) bad++;
            return new ErrorStats(bad > 0 ? 1 : 0, bad > 0 ? 1 : 0, bad, n, null);
        }
        double maxAbs = 0;
        double maxRel = 0;
        long bad = 0;
        for (int i = 0; i < n; i++) {
            double e = expected.getDouble(i);
            double a = actual.getDouble(i);
            if (!tol.accepts(e, a)) bad++;
            if (Double.isNaN(e) || Double.isNaN(a)) {
                if (Double.isNaN(e) != Double.isNaN(a)) maxAbs = Double.NaN;
                continue;
            }
            if (e == a) continue;
            double d = Math.abs(a - e);
            if (!Double.isNaN(maxAbs)) maxAbs = Math.max(maxAbs, d);
            if (e != 0) maxRel = Math.max(maxRel, d / Math.abs(e));
        }
        return new ErrorStats(maxAbs, maxRel, bad, n, null);
    }
}
