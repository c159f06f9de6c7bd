package dev.kiln.models.classic;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kiln.check.OrtRunner;
import dev.kiln.ops.StandardOps;
import dev.kiln.runtime.exec.Session;
import dev.kiln.runtime.graph.Graph;
import dev.kiln.runtime.graph.Model;
import dev.kiln.runtime.graph.Node;
import dev.kiln.runtime.op.OpRegistry;
import dev.kiln.runtime.tensor.DType;
import dev.kiln.runtime.tensor.Tensor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Runs exported graphs in ONNX Runtime and in Kiln (both must load them) and compares their
 * outputs with the Java predictions.
 */
final class OnnxAgreement {
    /** Values agree when |a - b| <= TOL * max(1, |b|): absolute for probabilities, relative for large values. */
    static final double TOL = 1e-5;

    private OnnxAgreement() {}

    /** The feature rows as a float32 (N, F) tensor. */
    static Tensor input(double[][] x) {
        int f = x[0].length;
        float[] data = new float[x.length * f];
        for (int i = 0; i < x.length; i++) for (int j = 0; j < f; j++) data[i * f + j] = (float) x[i][j];
        return Tensor.of(data, x.length, f);
    }

    /** The outputs of both engines: "ort" and "kiln". */
    static Map<String, Map<String, Tensor>> run(Graph g, double[][] x) {
        Map<String, Map<String, Tensor>> out = new LinkedHashMap<>();
        Map<String, Tensor> feeds = Map.of(OnnxBuilder.INPUT, input(x));
        try (OrtRunner ort = new OrtRunner(OnnxBuilder.toBytes(g), 1)) {
            out.put("ort", ort.run(feeds, null));
        }
        List<String> missing = missingKilnOps(g);
        assertTrue(missing.isEmpty(), "[" + g.name() + "] ops missing from Kiln's registry: " + missing);
        Session s = new Session(Model.of(g), StandardOps.registry(), null);
        Map<String, Tensor> k = new LinkedHashMap<>();
        var res = s.run(feeds);
        for (var o : g.outputs()) k.put(o.name(), res.tensor(o.name()));
        out.put("kiln", k);
        return out;
    }

    static List<String> missingKilnOps(Graph g) {
        OpRegistry r = StandardOps.registry();
        List<String> missing = new ArrayList<>();
        for (Node n : g.nodes()) {
            if (r.resolve(n.domain(), n.opType(), g.opset(n.domain())) == null) {
                String name = (n.domain().isEmpty() ? "" : n.domain() + ":") + n.opType();
                if (!missing.contains(name)) missing.add(name);
            }
        }
        return missing;
    }

    /** Asserts int64 labels equal {@code expected}. */
    static void assertLabels(String engine, int[] expected, Tensor t) {
        assertEquals(DType.INT64, t.dtype(), engine + " label dtype");
        long[] got = t.longs();
        long[] want = new long[expected.length];
        for (int i = 0; i < want.length; i++) want[i] = expected[i];
        assertArrayEquals(want, got, engine + " labels differ from the Java predictions");
    }

    /** Asserts float values match {@code expected} (N, K); returns the largest scaled error. */
    static double assertClose(String engine, double[][] expected, Tensor t) {
        assertEquals(DType.FLOAT32, t.dtype(), engine + " dtype");
        int k = expected[0].length;
        assertEquals(expected.length * k, t.size(), engine + " output size");
        float[] got = t.floats();
        double worst = 0;
        for (int i = 0; i < expected.length; i++) {
            for (int j = 0; j < k; j++) {
                double want = expected[i][j];
                double err = Math.abs(got[i * k + j] - want) / Math.max(1, Math.abs(want));
                worst = Math.max(worst, err);
            }
        }
        assertTrue(worst <= TOL, engine + ": max scaled error " + worst + " > " + TOL);
        return worst;
    }

    /** A column vector as an (N, 1) matrix. */
    static double[][] column(double[] v) {
        double[][] m = new double[v.length][1];
        for (int i = 0; i < v.length; i++) m[i][0] = v[i];
        return m;
    }

    static String fmt(double v) { return String.format(Locale.ROOT, "%.3g", v); }
}
