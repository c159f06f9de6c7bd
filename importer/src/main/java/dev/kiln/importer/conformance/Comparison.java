package dev.kiln.importer.conformance;

import dev.kiln.runtime.tensor.DType;
import dev.kiln.runtime.tensor.OptionalValue;
import dev.kiln.runtime.tensor.SequenceValue;
import dev.kiln.runtime.tensor.Tensor;
import dev.kiln.runtime.tensor.Value;
import java.util.Arrays;

/**
 * Compares an actual value with an expected one the way the ONNX backend tests do: dtype and
 * shape exactly, strings exactly, numbers with {@code |a - e| <= atol + rtol * |e|}, NaN equal
 * to NaN, infinities only equal to themselves.
 */
public final class Comparison {
    private Comparison() {}

    /** Tolerances of the ONNX backend node tests. */
    public static final double RTOL = 1e-3;
    /** Tolerances of the ONNX backend node tests. */
    public static final double ATOL = 1e-7;

    /** Null when equal within tolerance, else the reason. */
    public static String compare(Value expected, Value actual, double rtol, double atol) {
        if (expected instanceof Tensor e) {
            if (!(actual instanceof Tensor a)) return "expected a tensor, got " + actual.describe();
            return compareTensors(e, a, rtol, atol);
        }
        if (expected instanceof SequenceValue e) {
            if (!(actual instanceof SequenceValue a)) return "expected a sequence, got " + actual.describe();
            if (e.size() != a.size()) return "sequence length " + a.size() + ", expected " + e.size();
            for (int i = 0; i < e.size(); i++) {
                String r = compare(e.elements().get(i), a.elements().get(i), rtol, atol);
                if (r != null) return "sequence element " + i + ": " + r;
            }
            return null;
        }
        OptionalValue e = (OptionalValue) expected;
        if (!(actual instanceof OptionalValue a)) {
            // the test data stores a present optional's content directly in some cases
            if (e.isPresent()) return compare(e.value(), actual, rtol, atol);
            return "expected an empty optional, got " + actual.describe();
        }
        if (e.isPresent() != a.isPresent()) return "optional presence " + a.isPresent() + ", expected " + e.isPresent();
        return e.isPresent() ? compare(e.value(), a.value(), rtol, atol) : null;
    }

    private static String compareTensors(Tensor e, Tensor a, double rtol, double atol) {
        if (e.dtype() != a.dtype()) return "dtype " + a.dtype() + ", expected " + e.dtype();
        if (!e.shape().equals(a.shape())) return "shape " + a.shape() + ", expected " + e.shape();
        int n = e.size();
        if (e.dtype() == DType.STRING) {
            String[] es = e.strings();
            String[] as = a.strings();
            for (int i = 0; i < n; i++) {
                if (!es[i].equals(as[i])) return "string at " + i + " is \"" + as[i] + "\", expected \"" + es[i] + "\"";
            }
            return null;
        }
        if (e.dtype() == DType.INT64 || e.dtype() == DType.UINT64) {
            if (Arrays.equals(e.longs(), a.longs())) return null;
        }
        double maxErr = 0;
        int bad = 0;
        int firstBad = -1;
        for (int i = 0; i < n; i++) {
            double ev = e.getDouble(i);
            double av = a.getDouble(i);
            if (Double.isNaN(ev) || Double.isNaN(av)) {
                if (Double.isNaN(ev) && Double.isNaN(av)) continue;
                bad++;
                if (firstBad < 0) firstBad = i;
                maxErr = Double.NaN;
                continue;
            }
            if (ev == av) continue;
            double err = Math.abs(av - ev);
            if (Double.isInfinite(ev) || Double.isInfinite(av) || err > atol + rtol * Math.abs(ev)) {
                bad++;
                if (firstBad < 0) firstBad = i;
            }
            if (!Double.isNaN(maxErr)) maxErr = Math.max(maxErr, err);
        }
        if (bad == 0) return null;
        return bad + " of " + n + " elements out of tolerance, max abs error " + maxErr + " (first at " + firstBad
                + ": got " + a.getDouble(firstBad) + ", expected " + e.getDouble(firstBad) + ")";
    }
}
