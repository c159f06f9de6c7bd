package dev.kiln.langchain4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import dev.kiln.models.embed.Embedder;
import dev.kiln.models.text.WordPieceTokenizer;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.onnx.OnnxEmbeddingModel;
import dev.langchain4j.model.embedding.onnx.PoolingMode;
import dev.langchain4j.model.output.Response;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Texts of 511-1200 word pieces through all-MiniLM-L6-v2 with a tokenizer.json that sets no
 * truncation or padding, against LangChain4j's {@code OnnxEmbeddingModel} (ORT + DJL) on the same
 * files: by default both truncate at 512 tokens; with truncation off both cut the texts into
 * windows of at most 510 pieces on word boundaries and average the windows by length.
 */
class LongTextWindowsTest {
    @TempDir
    static Path dir;
    static Path model;
    static Path tokenizer;
    static List<TextSegment> texts = new ArrayList<>();
    static int pieces;

    @BeforeAll
    static void files() throws IOException {
        model = dir.resolve("model.onnx");
        tokenizer = dir.resolve("tokenizer.json");
        try (InputStream in = LongTextWindowsTest.class.getClassLoader().getResourceAsStream(Embedder.MINILM_MODEL_RESOURCE)) {
            Files.copy(in, model);
        }
        String json;
        try (InputStream in = LongTextWindowsTest.class.getClassLoader()
                .getResourceAsStream(WordPieceTokenizer.MINILM_TOKENIZER_RESOURCE)) {
            json = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        String bare = json.replaceFirst("\"truncation\":\\s*\\{[^}]*\\}", "\"truncation\": null")
                .replaceFirst("\"padding\":\\s*\\{\\s*\"strategy\":\\s*\\{[^}]*\\}[^}]*\\}", "\"padding\": null");
        assertNotEquals(json, bare, "tokenizer.json has truncation and padding blocks");
        Files.writeString(tokenizer, bare);
        TestTexts gen = new TestTexts(1411);
        for (int i = 0; i < 4; i++) texts.add(TextSegment.from(gen.textOfTokens(511, 1200)));
        texts.add(TextSegment.from("a short text in the same batch"));
        for (TextSegment t : texts) pieces += gen.tokens(t.text());
    }

    @Test
    void byDefaultBothTruncateAt512Tokens() {
        OnnxEmbeddingModel reference = new OnnxEmbeddingModel(model, tokenizer, PoolingMode.MEAN);
        KilnEmbeddingModel kiln = KilnEmbeddingModel.builder().model(model).tokenizer(tokenizer).build();
        compare("truncated at 512", reference.embedAll(texts), kiln.embedAll(texts));
    }

    @Test
    void withoutTruncationBothAverageWindowsOf510Pieces() throws Exception {
        OnnxEmbeddingModel reference = new OnnxEmbeddingModel(model, tokenizer, PoolingMode.MEAN);
        untruncate(reference);
        KilnEmbeddingModel kiln = KilnEmbeddingModel.builder().model(model).tokenizer(tokenizer).truncate(false).build();
        Response<List<Embedding>> ours = kiln.embedAll(texts);
        assertEquals(pieces, ours.tokenUsage().inputTokenCount(), "every piece counted, none truncated");
        compare("whole, in windows", reference.embedAll(texts), ours);
    }

    private static void compare(String what, Response<List<Embedding>> ref, Response<List<Embedding>> ours) {
        assertEquals(ref.tokenUsage().inputTokenCount(), ours.tokenUsage().inputTokenCount(), "token usage");
        double min = 1;
        for (int i = 0; i < texts.size(); i++) {
            min = Math.min(min, Embedder.cosine(ref.content().get(i).vector(), ours.content().get(i).vector()));
        }
        System.out.printf("long texts %s: %d texts, %d of %d pieces embedded, min cosine 1 - %.1e%n", what, texts.size(),
                ours.tokenUsage().inputTokenCount(), pieces, 1 - min);
        assertTrue(min >= LangChain4jAgreementTest.MIN_COSINE, "min cosine " + min);
    }

    /**
     * Swaps the reference's DJL tokenizer for one that does not truncate, so that LangChain4j's
     * own windowing code (which its tokenizer's truncation otherwise makes unreachable) runs.
     */
    private static void untruncate(OnnxEmbeddingModel reference) throws Exception {
        Object encoder = field(reference, "onnxBertBiEncoder");
        Field f = encoder.getClass().getDeclaredField("tokenizer");
        f.setAccessible(true);
        f.set(encoder, HuggingFaceTokenizer.newInstance(tokenizer, Map.of("padding", "false", "truncation", "false")));
    }

    private static Object field(Object o, String name) throws Exception {
        Field f = o.getClass().getDeclaredField(name);
        f.setAccessible(true);
        return f.get(o);
    }
}
