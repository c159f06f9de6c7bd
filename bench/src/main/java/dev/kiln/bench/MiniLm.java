package dev.kiln.bench;

import dev.kiln.runtime.tensor.Tensor;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * all-MiniLM-L6-v2 (6 layers, hidden 384), fp32 and dynamically quantized int8, read from the
 * langchain4j embedding jars on the class path, and its inputs.
 */
final class MiniLm {
    private MiniLm() {}

    /** The model bytes: {@code variant} is "fp32" or "int8". */
    static byte[] model(String variant) throws IOException {
        String resource = switch (variant) {
            case "fp32" -> "all-minilm-l6-v2.onnx";
            case "int8" -> "all-minilm-l6-v2-q.onnx";
            default -> throw new IllegalArgumentException("model must be fp32 or int8, got '" + variant + "'");
        };
        try (InputStream in = MiniLm.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) throw new IOException("Resource " + resource + " is not on the class path");
            return in.readAllBytes();
        }
    }

    /**
     * Inputs of shape (batch, seq), int64: token ids uniform in [1000, 2000), attention mask all
     * ones, token types all zero.
     */
    static Map<String, Tensor> inputs(int batch, int seq, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        long[] ids = new long[batch * seq];
        for (int i = 0; i < ids.length; i++) ids[i] = rnd.nextLong(1000, 2000);
        long[] mask = new long[ids.length];
        Arrays.fill(mask, 1);
        long[] types = new long[ids.length];
        return Map.of(
                "input_ids", Tensor.of(ids, batch, seq),
                "attention_mask", Tensor.of(mask, batch, seq),
                "token_type_ids", Tensor.of(types, batch, seq));
    }
}
