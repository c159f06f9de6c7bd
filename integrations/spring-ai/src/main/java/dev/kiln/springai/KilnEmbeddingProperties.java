package dev.kiln.springai;

import dev.kiln.models.embed.Embedder;
import dev.kiln.models.embed.Pooling;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.core.io.Resource;

/**
 * The {@code kiln.embedding.*} properties of {@link KilnEmbeddingAutoConfiguration}.
 *
 * <pre>
 * kiln.embedding.model=all-minilm-l6-v2          # or all-minilm-l6-v2-q (int8), ignored with model-file
 * kiln.embedding.model-file=file:models/bge-small/model.onnx     # any sentence-transformers ONNX export
 * kiln.embedding.tokenizer-file=file:models/bge-small/tokenizer.json
 * kiln.embedding.pooling=MEAN                    # or CLS
 * kiln.embedding.normalize=true
 * kiln.embedding.threads=4
 * kiln.embedding.batch-size=32
 * </pre>
 */
@ConfigurationProperties(prefix = KilnEmbeddingProperties.PREFIX)
public class KilnEmbeddingProperties {
    /** The property prefix. */
    public static final String PREFIX = "kiln.embedding";

    /** The bundled fp32 all-MiniLM-L6-v2. */
    public static final String MINILM = "all-minilm-l6-v2";

    /** The bundled int8 all-MiniLM-L6-v2. */
    public static final String MINILM_QUANTIZED = "all-minilm-l6-v2-q";

    /** Whether the auto-configuration creates an EmbeddingModel. */
    private boolean enabled = true;
    /** The bundled model, all-minilm-l6-v2 (fp32) or all-minilm-l6-v2-q (int8); unused when model-file is set. */
    private String model = MINILM;
    /** An ONNX model (sentence-transformers style) to load instead of a bundled one, with tokenizer-file. */
    private Resource modelFile;
    /** The model's Hugging Face tokenizer.json (BERT WordPiece); its truncation applies. */
    private Resource tokenizerFile;
    /** How token vectors are pooled: MEAN or CLS. */
    private Pooling pooling = Pooling.MEAN;
    /** Whether vectors are scaled to unit length. */
    private boolean normalize = true;
    /** The threads one model run may use (default: Kiln's default for the machine). */
    private Integer threads;
    /** The number of texts run together (default 32). */
    private int batchSize = Embedder.DEFAULT_BATCH_SIZE;

    /** Whether the auto-configuration creates an {@code EmbeddingModel} (default true). */
    public boolean isEnabled() {
        return enabled;
    }

    /** Sets {@link #isEnabled()}. */
    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    /** The bundled model: {@value #MINILM} (default) or {@value #MINILM_QUANTIZED}; unused when a model file is set. */
    public String getModel() {
        return model;
    }

    /** Sets {@link #getModel()}. */
    public void setModel(String model) {
        this.model = model;
    }

    /** An ONNX model to load instead of a bundled one (with {@link #getTokenizerFile()}). */
    public Resource getModelFile() {
        return modelFile;
    }

    /** Sets {@link #getModelFile()}. */
    public void setModelFile(Resource modelFile) {
        this.modelFile = modelFile;
    }

    /** The model's Hugging Face {@code tokenizer.json} (BERT WordPiece); its truncation applies. */
    public Resource getTokenizerFile() {
        return tokenizerFile;
    }

    /** Sets {@link #getTokenizerFile()}. */
    public void setTokenizerFile(Resource tokenizerFile) {
        this.tokenizerFile = tokenizerFile;
    }

    /** How token vectors are pooled: MEAN (default) or CLS. */
    public Pooling getPooling() {
        return pooling;
    }

    /** Sets {@link #getPooling()}. */
    public void setPooling(Pooling pooling) {
        this.pooling = pooling;
    }

    /** Whether vectors are scaled to unit length (default true). */
    public boolean isNormalize() {
        return normalize;
    }

    /** Sets {@link #isNormalize()}. */
    public void setNormalize(boolean normalize) {
        this.normalize = normalize;
    }

    /** The threads one model run may use (default: Kiln's default for the machine). */
    public Integer getThreads() {
        return threads;
    }

    /** Sets {@link #getThreads()}. */
    public void setThreads(Integer threads) {
        this.threads = threads;
    }

    /** The number of texts run together (default {@value Embedder#DEFAULT_BATCH_SIZE}). */
    public int getBatchSize() {
        return batchSize;
    }

    /** Sets {@link #getBatchSize()}. */
    public void setBatchSize(int batchSize) {
        this.batchSize = batchSize;
    }
}
