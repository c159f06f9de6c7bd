package dev.kiln.springai;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.kiln.models.embed.Embedder;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.ai.document.Document;
import org.springframework.ai.embedding.EmbeddingModel;
import org.springframework.ai.embedding.EmbeddingResponse;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.test.context.SpringBootTest;

/** A real Spring Boot context with nothing but the starter on the classpath gets a working EmbeddingModel. */
@SpringBootTest(properties = "kiln.embedding.threads=2")
class KilnEmbeddingBootTest {
    /** An application that declares no beans of its own. */
    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class App {}

    @Autowired
    EmbeddingModel model;

    @Test
    void theStarterAloneGivesAWorkingEmbeddingModelBean() {
        assertInstanceOf(KilnEmbeddingModel.class, model);
        assertEquals(384, model.dimensions());
        float[] a = model.embed("A man is eating food.");
        float[] b = model.embed(new Document("A man is eating a piece of bread."));
        assertEquals(0.7553, Embedder.cosine(a, b), 1e-3);

        EmbeddingResponse r = model.embedForResponse(List.of("first text", "second text", "first text"));
        assertEquals(3, r.getResults().size());
        assertEquals(2, r.getResults().get(2).getIndex());
        assertEquals(1, Embedder.cosine(r.getResults().get(0).getOutput(), r.getResults().get(2).getOutput()), 1e-9);
        assertEquals(6, r.getMetadata().getUsage().getPromptTokens());
        assertEquals("all-minilm-l6-v2", r.getMetadata().getModel());
    }
}
