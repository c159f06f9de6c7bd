package dev.kiln.models.opt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.kiln.importer.OnnxImporter;
import dev.kiln.ops.StandardOps;
import dev.kiln.runtime.exec.Session;
import dev.kiln.runtime.exec.SessionOptions;
import dev.kiln.runtime.graph.Model;
import dev.kiln.runtime.opt.OptimizationOptions;
import dev.kiln.runtime.tensor.Tensor;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** all-MiniLM-L6-v2 gives the same hidden states with the load-time optimizations on and off. */
class MiniLmOptimizationTest {
    private static Model load(String resource) throws IOException {
        try (InputStream in = MiniLmOptimizationTest.class.getClassLoader().getResourceAsStream(resource)) {
            assertNotNull(in, resource + " is on the test classpath");
            return OnnxImporter.read(in);
        }
    }

    /** Two sequences of 12 tokens, the second padded after 7. */
    private static Map<String, Tensor> batch() {
        int b = 2, t = 12;
        long[] ids = new long[b * t], mask = new long[b * t], types = new long[b * t];
        Random rnd = new Random(3);
        for (int i = 0; i < b * t; i++) {
            ids[i] = 1000 + rnd.nextInt(20000);
            mask[i] = i < t || i % t < 7 ? 1 : 0;
        }
        return Map.of("input_ids", Tensor.of(ids, b, t), "attention_mask", Tensor.of(mask, b, t),
                "token_type_ids", Tensor.of(types, b, t));
    }

    private static void assertAgree(Model m, double tol) {
        Session fused = new Session(m, StandardOps.registry(), SessionOptions.defaults(), OptimizationOptions.ALL);
        Session plain = new Session(m, StandardOps.registry(), SessionOptions.defaults(), OptimizationOptions.NONE);
        Map<String, Tensor> in = batch();
        Tensor want = plain.run(in).tensor("last_hidden_state");
        Tensor got = fused.run(in).tensor("last_hidden_state");
        assertEquals(want.shape(), got.shape());
        double worst = 0;
        for (int i = 0; i < want.size(); i++) worst = Math.max(worst, Math.abs(want.getDouble(i) - got.getDouble(i)));
        assertEquals(0, worst, tol, "largest difference of the hidden states");
    }

    @Test
    void float32ModelAgreesWithAndWithoutOptimization() throws IOException {
        Model m = load("all-minilm-l6-v2.onnx");
        Session fused = new Session(m, StandardOps.registry(), SessionOptions.defaults(), OptimizationOptions.ALL);
        // the embeddings' LayerNorm + 2 per block; per block one GELU, six dense layers, one attention
        assertEquals(13, fused.optimizations().get("layer-norm"));
        assertEquals(6, fused.optimizations().get("gelu"));
        assertEquals(36, fused.optimizations().get("matmul-add"));
        assertEquals(6, fused.optimizations().get("attention"));
        assertAgree(m, 1e-5);
    }

    /**
     * The int8 model requantizes activations at run time (DynamicQuantizeLinear), so a one-ulp
     * change before a quantizer can flip a rounding and move the output by a quantization step.
     * The dequantizing MatMulInteger tail and the attention reproduce the unfused chains bit for
     * bit; the LayerNorm and GELU kernels round differently from their chains by a few ulps, which
     * on this batch meets no rounding tie (the largest difference seen is 7e-7).
     */
    @Test
    void int8ModelAgreesWithAndWithoutOptimization() throws IOException {
        Model m = load("all-minilm-l6-v2-q.onnx");
        Session fused = new Session(m, StandardOps.registry(), SessionOptions.defaults(), OptimizationOptions.ALL);
        assertEquals(36, fused.optimizations().get("matmul-integer"));
        assertEquals(6, fused.optimizations().get("attention"));
        assertAgree(m, 1e-5);
    }

    /**
     * A fresh session gives the same bits on its first run (kernels interpreted) as after the
     * JIT has compiled them: no kernel adds vector lanes in an order that compilation changes.
     */
    @Test
    void firstRunAndWarmRunsGiveTheSameBits() throws IOException {
        for (String resource : new String[] {"all-minilm-l6-v2.onnx", "all-minilm-l6-v2-q.onnx"}) {
            Session s = new Session(load(resource), StandardOps.registry(), SessionOptions.defaults());
            float[] first = s.run(batch()).tensor("last_hidden_state").floats();
            for (int run = 0; run < 40; run++) {
                float[] again = s.run(batch()).tensor("last_hidden_state").floats();
                for (int i = 0; i < first.length; i++) {
                    assertEquals(Float.floatToRawIntBits(first[i]), Float.floatToRawIntBits(again[i]),
                            resource + ", run " + run + ", element " + i);
                }
            }
        }
    }
}
