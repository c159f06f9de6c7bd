package dev.kiln.models.embed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import dev.kiln.models.text.DjlTokenizers;
import dev.kiln.models.text.ReferenceSentences;
import dev.kiln.runtime.tensor.Tensor;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole pipeline against a reference one: Kiln's {@link Embedder} (pure-Java tokenizer,
 * Kiln, pooling) against the Hugging Face tokenizer (DJL) + ONNX Runtime + a separately written
 * pooling, on the sentences the tokenizer is checked with (hand-picked tricky cases, seeded random
 * mixes and texts truncated at 256 tokens).
 */
class EmbedderReferenceTest {
    private static final double MIN_COSINE = 0.99999;
    private static final int REFERENCE_BATCH = 16;

    @Test
    void pooledEmbeddingsMatchTokenizerPlusOnnxRuntime(@TempDir Path dir) throws IOException {
        List<String> texts = ReferenceSentences.all();
        assertTrue(texts.size() >= 200);
        long t0 = System.nanoTime();
        float[][] ours = MiniLm.embedder().embed(texts);
        long t1 = System.nanoTime();
        float[][] ref = new float[texts.size()][];
        try (HuggingFaceTokenizer djl = DjlTokenizers.truncating256(DjlTokenizers.copyMiniLmJson(dir))) {
            for (int from = 0; from < texts.size(); from += REFERENCE_BATCH) {
                List<String> batch = texts.subList(from, Math.min(texts.size(), from + REFERENCE_BATCH));
                Encoding[] enc = djl.batchEncode(batch);
                List<long[]> ids = new ArrayList<>();
                List<long[]> masks = new ArrayList<>();
                List<long[]> types = new ArrayList<>();
                for (Encoding e : enc) {
                    ids.add(e.getIds());
                    masks.add(e.getAttentionMask());
                    types.add(e.getTypeIds());
                }
                Map<String, Tensor> in = MiniLm.inputs(ids, masks, types);
                float[][] pooled = MiniLm.pooledReference(MiniLm.ortHidden(MiniLm.FP32, in), in.get("attention_mask"));
                System.arraycopy(pooled, 0, ref, from, pooled.length);
            }
        }
        double[] cos = new double[texts.size()];
        int worst = 0;
        for (int i = 0; i < texts.size(); i++) {
            assertEquals(MiniLm.HIDDEN, ours[i].length);
            cos[i] = Embedder.cosine(ours[i], ref[i]);
            if (cos[i] < cos[worst]) worst = i;
        }
        double[] sorted = cos.clone();
        Arrays.sort(sorted);
        System.out.printf("%d sentences: min cosine 1 - %.2e (text %d), median 1 - %.2e; Kiln embed %.0f ms (%.1f ms per text)%n",
                texts.size(), 1 - sorted[0], worst, 1 - sorted[sorted.length / 2], (t1 - t0) / 1e6,
                (t1 - t0) / 1e6 / texts.size());
        assertTrue(cos[worst] >= MIN_COSINE, "cosine " + cos[worst] + " < " + MIN_COSINE + " for text " + worst);
    }
}
