package dev.kiln.langchain4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kiln.models.embed.Embedder;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class KilnEmbeddingModelTest {
    static KilnEmbeddingModel model;

    @BeforeAll
    static void load() {
        model = KilnEmbeddingModel.allMiniLmL6V2();
    }

    @Test
    void isALangChain4jEmbeddingModelWithKnownDimension() {
        EmbeddingModel m = model;
        assertEquals(384, m.dimension());
        assertEquals("all-minilm-l6-v2", m.modelName());
        float[] v = m.embed("A man is eating food.").content().vector();
        assertEquals(384, v.length);
        double norm = 0;
        for (float x : v) norm += x * x;
        assertEquals(1, norm, 1e-5);
        double c = Embedder.cosine(v, m.embed("A man is eating a piece of bread.").content().vector());
        assertEquals(0.7553, c, 1e-3);
    }

    @Test
    void emptyWhitespaceAndControlOnlyTextsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> model.embed(""));
        assertThrows(IllegalArgumentException.class, () -> model.embed(" \t\n"));
        assertThrows(IllegalArgumentException.class, () -> model.embedAll(List.of(TextSegment.from("\u0001\u0002"))));
        assertThrows(IllegalArgumentException.class, () -> model.embedAll(null));
    }

    @Test
    void tokenUsageCountsWordPiecesWithoutSpecialTokens() {
        assertEquals(3, model.embed("hello world !").tokenUsage().inputTokenCount());
        assertEquals(3, model.countTokens("hello world !"));
        assertEquals(5, model.embedAll(List.of(TextSegment.from("hello world !"), TextSegment.from("good day")))
                .tokenUsage().inputTokenCount());
    }

    @Test
    void embedAllIsBatchedInOrderAndSafeFromManyThreads() throws Exception {
        TestTexts gen = new TestTexts(7);
        List<TextSegment> texts = new ArrayList<>();
        for (int i = 0; i < 12; i++) texts.add(TextSegment.from(gen.text(1 + gen.nextInt(40))));
        List<Embedding> together = model.embedAll(texts).content();
        for (int i = 0; i < texts.size(); i += 5) {
            float[] alone = model.embed(texts.get(i)).content().vector();
            assertTrue(Embedder.cosine(alone, together.get(i).vector()) > 0.999999, "text " + i);
        }
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            List<Future<List<Embedding>>> runs = new ArrayList<>();
            for (int r = 0; r < 3; r++) runs.add(pool.submit(() -> model.embedAll(texts).content()));
            for (Future<List<Embedding>> run : runs) {
                List<Embedding> got = run.get();
                for (int i = 0; i < texts.size(); i++) assertArrayEquals(together.get(i).vector(), got.get(i).vector());
            }
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void theInt8TwinIsCloseToFp32() {
        KilnEmbeddingModel q = KilnEmbeddingModel.allMiniLmL6V2Quantized();
        String text = "Kiln runs ONNX models in pure Java.";
        double c = Embedder.cosine(q.embed(text).content().vector(), model.embed(text).content().vector());
        assertTrue(c > 0.95, "int8 vs fp32 cosine " + c);
        assertEquals("all-minilm-l6-v2-q", q.modelName());
    }

    @Test
    void builderRejectsMissingFiles() {
        assertThrows(IllegalArgumentException.class, () -> KilnEmbeddingModel.builder().build());
        assertThrows(IllegalArgumentException.class, () -> KilnEmbeddingModel.builder()
                .model(java.nio.file.Path.of("no-such.onnx")).tokenizer(java.nio.file.Path.of("no-such.json")).build());
        assertThrows(IllegalArgumentException.class, () -> KilnEmbeddingModel.builder().threads(0));
    }
}
