package dev.kiln.check;

import java.util.List;

/**
 * The result of checking a model against ONNX Runtime.
 *
 * @param outputs one report per model output
 * @param divergence where the disagreement starts, or null when all agree (or it was not sought)
 * @param tolerance the tolerance used
 */
public record CheckReport(List<OutputReport> outputs, Divergence divergence, Tolerance tolerance) {
    /** Whether every output agrees. */
    public boolean passed() { return outputs.stream().allMatch(OutputReport::passed); }

    /** The largest absolute error over all outputs. */
    public double maxAbsError() {
        double m = 0;
        for (OutputReport o : outputs) m = Math.max(m, o.stats().maxAbs());
        return m;
    }

    /** A readable table, plus the localisation on failure. */
    public String format() {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format("%-28s %-22s %12s %12s %14s  %s%n", "output", "value", "max abs", "max rel",
                "out of tol", "result"));
        for (OutputReport o : outputs) {
            ErrorStats s = o.stats();
            sb.append(String.format("%-28s %-22s %12.3e %12.3e %14s  %s%n", o.name(), o.description(), s.maxAbs(),
                    s.maxRel(), s.outOfTolerance() + "/" + s.total(),
                    o.passed() ? "ok" : "DIFFERS" + (s.problem() == null ? "" : " (" + s.problem() + ")")));
        }
        sb.append(String.format("tolerance: rtol=%g atol=%g -> %s%n", tolerance.rtol(), tolerance.atol(),
                passed() ? "AGREE" : "DISAGREE"));
        if (divergence != null) {
            ErrorStats s = divergence.stats();
            sb.append("first diverging node: '").append(divergence.nodeName()).append("' (").append(divergence.opType())
                    .append("), inputs ").append(divergence.inputShapes()).append(", output '").append(divergence.output())
                    .append("': max abs ").append(String.format("%.3e", s.maxAbs()))
                    .append(s.problem() == null ? "" : " (" + s.problem() + ")").append(System.lineSeparator());
        }
        return sb.toString();
    }
}
