package dev.kiln.springai;

import dev.kiln.models.embed.Embedder;
import dev.kiln.models.text.Encoding;
import java.util.ArrayList;
import java.util.List;
import org.springframework.ai.chat.metadata.DefaultUsage;
import org.springframework.ai.document.Document;
import org.springframework.ai.embedding.AbstractEmbeddingModel;
import org.springframework.ai.embedding.Embedding;
import org.springframework.ai.embedding.EmbeddingRequest;
import org.springframework.ai.embedding.EmbeddingResponse;
import org.springframework.ai.embedding.EmbeddingResponseMetadata;

/**
 * A Spring AI {@link org.springframework.ai.embedding.EmbeddingModel} that runs in pure Java on
 * Kiln's {@link Embedder}: no native library, no DJL, no ONNX Runtime.
 *
 * <pre>{@code
 * EmbeddingModel model = new KilnEmbeddingModel(Embedder.load(), "all-minilm-l6-v2");
 * float[] v = model.embed("A man is eating food.");   // 384 floats, unit length
 * }</pre>
 *
 * <p>In a Spring Boot app the {@link KilnEmbeddingAutoConfiguration} creates one from the
 * {@code kiln.embedding.*} properties. A request's texts are tokenized with the embedder's
 * tokenizer (the bundled all-MiniLM-L6-v2 truncates at 256 tokens, as sentence-transformers does)
 * and run in length-sorted batches. The usage reports the word pieces embedded as prompt tokens,
 * special tokens not counted. The model is immutable and safe to share between threads.
 */
public final class KilnEmbeddingModel extends AbstractEmbeddingModel {
    private final Embedder embedder;
    private final String modelName;
    private final boolean normalize;

    /** A model over {@code embedder} whose vectors are scaled to unit length. */
    public KilnEmbeddingModel(Embedder embedder, String modelName) {
        this(embedder, modelName, true);
    }

    /**
     * A model over {@code embedder}.
     *
     * @param modelName the name reported in the response metadata
     * @param normalize whether vectors are scaled to unit length
     */
    public KilnEmbeddingModel(Embedder embedder, String modelName, boolean normalize) {
        if (embedder == null) throw new IllegalArgumentException("embedder is null");
        this.embedder = embedder;
        this.modelName = modelName == null ? "kiln" : modelName;
        this.normalize = normalize;
    }

    @Override
    public EmbeddingResponse call(EmbeddingRequest request) {
        if (request == null || request.getInstructions() == null) throw new IllegalArgumentException("embedding request has no texts");
        List<String> texts = request.getInstructions();
        List<Encoding> encodings = new ArrayList<>(texts.size());
        int tokens = 0;
        for (int i = 0; i < texts.size(); i++) {
            String text = texts.get(i);
            if (text == null) throw new IllegalArgumentException("text " + i + " of " + texts.size() + " is null");
            Encoding e = embedder.tokenizer().encode(text);
            for (long special : e.specialTokensMask()) if (special == 0) tokens++;
            encodings.add(e);
        }
        float[][] vectors = normalize ? embedder.embed(texts) : embedder.pool(encodings);
        List<Embedding> results = new ArrayList<>(vectors.length);
        for (int i = 0; i < vectors.length; i++) results.add(new Embedding(vectors[i], i));
        return new EmbeddingResponse(results, new EmbeddingResponseMetadata(modelName, new DefaultUsage(tokens, 0)));
    }

    @Override
    public float[] embed(Document document) {
        if (document == null || document.getText() == null) throw new IllegalArgumentException("document has no text");
        return embed(document.getText());
    }

    @Override
    public int dimensions() {
        if (embeddingDimensions.get() < 0) embeddingDimensions.set(embed("dimensions").length);
        return embeddingDimensions.get();
    }

    /** The name reported in the response metadata. */
    public String modelName() {
        return modelName;
    }

    /** The Kiln embedder doing the work. */
    public Embedder embedder() {
        return embedder;
    }
}
