package dev.kiln.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonParser;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Pairing of JMH results into rows, units and formatting; no benchmark runs here. */
class ResultTableTest {
    private static String entry(String bench, String params, double score, String unit) {
        return "{\"benchmark\":\"dev.kiln.bench." + bench + "\",\"mode\":\"avgt\",\"params\":{" + params + "},"
                + "\"primaryMetric\":{\"score\":" + score + ",\"scoreError\":0.1,\"scoreUnit\":\"" + unit + "\"}}";
    }

    @Test
    void pairsKilnAndOrtAndAttachesSkips() {
        JsonArray json = JsonParser.parseString("["
                + entry("OpBench.run", "\"op\":\"GELU\",\"threads\":\"1\",\"via\":\"ort\"", 500, "us/op") + ","
                + entry("OpBench.run", "\"op\":\"GELU\",\"threads\":\"1\",\"via\":\"kiln\"", 2, "ms/op") + ","
                + entry("OpBench.run", "\"op\":\"MATMUL_128\",\"threads\":\"1\",\"via\":\"ort\"", 0.25, "ms/op")
                + "]").getAsJsonArray();
        List<Skips.Skip> skips = List.of(new Skips.Skip("OpBench", "op=MATMUL_128,threads=1", "kiln", "no MatMul"));
        List<ResultTable.Row> rows = ResultTable.build(json, skips);
        assertEquals(2, rows.size());
        // sorted by OpCase order: MATMUL_128 before GELU
        ResultTable.Row matmul = rows.get(0);
        assertEquals("MatMul 128", matmul.chartLabel);
        assertNull(matmul.kiln);
        assertEquals("no MatMul", matmul.kilnSkip);
        assertTrue(Double.isNaN(matmul.ratio()));
        assertEquals("16.8", ResultsReport.gflops(matmul.flops, matmul.ort));
        ResultTable.Row gelu = rows.get(1);
        assertEquals(0.5, gelu.ort.ms(), 1e-12);
        assertEquals(4.0, gelu.ratio(), 1e-12);
    }

    @Test
    void rowKeyLeavesOutViaAndSortsParams() {
        var params = new java.util.TreeMap<String, String>();
        params.put("via", "kiln");
        params.put("threads", "2");
        params.put("model", "int8");
        assertEquals("model=int8,threads=2", Skips.rowKey(params));
        assertEquals(params.get("model"), ResultTable.parseKey("model=int8,threads=2").get("model"));
    }

    @Test
    void stdevPoolsForks() {
        // iterations 1, 2, 3 and 6 across two forks: mean 3, sample variance 14/3
        double sd = ResultTable.stdev(JsonParser.parseString("[[1, 2], [3, 6]]"));
        assertEquals(Math.sqrt(14.0 / 3), sd, 1e-12);
        assertTrue(Double.isNaN(ResultTable.stdev(JsonParser.parseString("[[4]]"))));
    }

    @Test
    void flopCounts() {
        assertEquals(2L * 128 * 1536 * 384, OpCase.MATMUL_BERT_FFN.flops());
        assertEquals(2L * 12 * 128 * 128 * 64, OpCase.MATMUL_BERT_ATTN.flops());
        assertEquals(2L * 64 * 64 * 9 * 56 * 56, OpCase.CONV_3X3.flops());
    }

    @Test
    void timesGetAReadableUnit() {
        assertEquals("512 µs", ResultsReport.time(0.512));
        assertEquals("12.3 ms", ResultsReport.time(12.34));
        assertEquals("2.50 s", ResultsReport.time(2500));
    }
}
