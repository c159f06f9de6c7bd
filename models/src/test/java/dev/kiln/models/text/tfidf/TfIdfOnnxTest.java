package dev.kiln.models.text.tfidf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kiln.check.OrtRunner;
import dev.kiln.importer.ExportOptions;
import dev.kiln.importer.OnnxExporter;
import dev.kiln.ops.StandardOps;
import dev.kiln.runtime.exec.Session;
import dev.kiln.runtime.graph.Model;
import dev.kiln.runtime.graph.Node;
import dev.kiln.runtime.tensor.Tensor;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** The exported graph against the Java transform, ONNX Runtime and Kiln. */
class TfIdfOnnxTest {
    private static final double TOL = 1e-5;

    static List<String> shakespeareLines(int count) throws IOException {
        try (InputStream in = TfIdfOnnxTest.class.getResourceAsStream("/datasets/tinyshakespeare/input.txt")) {
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            List<String> lines = new ArrayList<>();
            for (String l : text.split("\n")) {
                if (!l.isBlank()) lines.add(l);
                if (lines.size() == count) break;
            }
            return lines;
        }
    }

    private static double maxAbsDiff(Tensor a, Tensor b) {
        assertArrayEquals(a.shape().dims(), b.shape().dims(), "shape");
        double m = 0;
        for (int i = 0; i < a.size(); i++) m = Math.max(m, Math.abs(a.getDouble(i) - b.getDouble(i)));
        return m;
    }

    private static Tensor ort(Model model, Tensor ids) {
        byte[] bytes = OnnxExporter.toProto(model, ExportOptions.defaults()).toByteArray();
        try (OrtRunner r = new OrtRunner(bytes, 1)) {
            return r.run(Map.of("token_ids", ids), List.of("tfidf")).get("tfidf");
        }
    }

    private static boolean kilnHasAll(Model model) {
        for (Node n : model.graph().nodes()) {
            if (StandardOps.registry().resolve(n.domain(), n.opType(), model.graph().opset(n.domain())) == null) return false;
        }
        return true;
    }

    private static void check(TfIdfConfig cfg, List<String> train, List<String> test) {
        TfIdf t = TfIdf.fit(train, cfg);
        Model model = t.toModel();
        Tensor ids = t.tokenIds(test);
        Tensor expected = t.transform(test);
        Tensor fromOrt = ort(model, ids);
        double ortErr = maxAbsDiff(expected, fromOrt);
        assertTrue(ortErr <= TOL, "ORT vs Java: " + ortErr);
        System.out.printf("tfidf %d..%d idf=%s l2=%s F=%d rows=%d: |ORT-Java|=%.2e%n", cfg.minN(), cfg.maxN(),
                cfg.useIdf(), cfg.l2Normalize(), t.featureCount(), test.size(), ortErr);
        Assumptions.assumeTrue(kilnHasAll(model), "Kiln lacks an op of the normalisation (ReduceL2/Max/Div) on this branch");
        Tensor fromKiln = new Session(model, StandardOps.registry(), null).run(Map.of("token_ids", ids)).tensor("tfidf");
        double kilnErr = maxAbsDiff(expected, fromKiln);
        assertTrue(kilnErr <= TOL, "Kiln vs Java: " + kilnErr);
        System.out.printf("  |Kiln-Java|=%.2e%n", kilnErr);
    }

    @Test
    void unigramsAndBigramsOnShakespeareWithL2() throws IOException {
        List<String> lines = shakespeareLines(600);
        TfIdfConfig cfg = TfIdfConfig.builder().ngrams(1, 2).minDf(DocFrequency.count(2)).maxDf(DocFrequency.fraction(0.5)).build();
        check(cfg, lines.subList(0, 500), lines.subList(450, 600));
    }

    @Test
    void idfWeightsOnUniAndBigramsWithoutNorm() throws IOException {
        List<String> lines = shakespeareLines(400);
        check(TfIdfConfig.builder().ngrams(1, 2).minDf(DocFrequency.count(2)).l2Normalize(false).build(),
                lines, lines.subList(300, 400));
    }

    @Test
    void termFrequencyWithoutNorm() throws IOException {
        List<String> lines = shakespeareLines(300);
        check(TfIdfConfig.builder().useIdf(false).l2Normalize(false).build(), lines, lines.subList(0, 50));
    }

    @Test
    void bigramsOnlyWithUnknownWordsAndEmptyRows() throws IOException {
        List<String> lines = new ArrayList<>(shakespeareLines(200));
        List<String> test = new ArrayList<>(lines.subList(0, 20));
        test.add("zzz qqq");
        test.add("");
        test.add("First zebra Citizen first citizen");
        check(TfIdfConfig.builder().ngrams(2, 2).build(), lines, test);
    }
}
