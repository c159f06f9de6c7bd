package dev.kiln.langchain4j;

import dev.kiln.importer.Kiln;
import dev.kiln.models.embed.Embedder;
import dev.kiln.models.embed.Pooling;
import dev.kiln.models.text.Encoding;
import dev.kiln.models.text.Truncation;
import dev.kiln.models.text.WordPieceTokenizer;
import dev.kiln.runtime.exec.Session;
import dev.kiln.runtime.exec.SessionOptions;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.DimensionAwareEmbeddingModel;
import dev.langchain4j.model.output.Response;
import dev.langchain4j.model.output.TokenUsage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A LangChain4j {@link dev.langchain4j.model.embedding.EmbeddingModel} that runs in pure Java on
 * Kiln's {@link Embedder}: no native library, no DJL, no ONNX Runtime.
 *
 * <pre>{@code
 * EmbeddingModel model = KilnEmbeddingModel.allMiniLmL6V2();
 * Embedding e = model.embed("A man is eating food.").content();   // 384 floats, unit length
 * }</pre>
 *
 * <p>It behaves like LangChain4j's own in-process models ({@code langchain4j-embeddings-*}):
 * <ul>
 *   <li>a text is tokenized with its {@code tokenizer.json}'s truncation, or
 *       {@value #DEFAULT_MAX_TOKENS} tokens when the file sets none: LangChain4j's tokenizer (DJL)
 *       does the same, so the bundled all-MiniLM-L6-v2, whose file says 128, embeds the first 126
 *       word pieces of a long text in both;</li>
 *   <li>what remains is cut into windows of at most {@value #WINDOW_TOKENS} word pieces on word
 *       boundaries, and the windows' pooled vectors are averaged weighted by their piece counts,
 *       then normalised. LangChain4j has the same rule, but its truncation means it never
 *       meets a text that long; a model built with {@link Builder#truncate(boolean)
 *       truncate(false)} embeds texts of any length whole this way;</li>
 *   <li>empty, whitespace-only and control-character-only texts raise
 *       {@link IllegalArgumentException};</li>
 *   <li>the token usage is the number of word pieces embedded, special tokens not counted.</li>
 * </ul>
 * {@link #embedAll} runs all windows of all texts in length-sorted batches. An instance is
 * immutable and safe to share between threads; load it once.
 */
public final class KilnEmbeddingModel extends DimensionAwareEmbeddingModel {
    /** The largest number of word pieces run together (512 positions minus {@code [CLS]} and {@code [SEP]}). */
    public static final int WINDOW_TOKENS = 510;

    /**
     * The truncation a {@link Builder} applies when the {@code tokenizer.json} sets none, special
     * tokens included: what DJL's tokenizer, and so LangChain4j, assumes.
     */
    public static final int DEFAULT_MAX_TOKENS = 512;

    private final Embedder embedder;
    private final WordPieceTokenizer tokenizer;
    private final boolean normalize;
    private final String modelName;

    private KilnEmbeddingModel(Embedder embedder, WordPieceTokenizer tokenizer, boolean normalize, String modelName,
            Integer dimension) {
        this.embedder = embedder;
        this.tokenizer = tokenizer;
        this.normalize = normalize;
        this.modelName = modelName;
        this.dimension = dimension;
    }

    /** The bundled all-MiniLM-L6-v2 (fp32, 384 dimensions, mean pooling, texts truncated to 128 tokens). */
    public static KilnEmbeddingModel allMiniLmL6V2() {
        return bundled(Embedder.MINILM_MODEL_RESOURCE, "all-minilm-l6-v2", Embedder.DEFAULT_BATCH_SIZE);
    }

    /**
     * The bundled all-MiniLM-L6-v2 quantized to int8 (a quarter of the size). Texts run one at a
     * time, because the model quantizes its activations with one scale per batch: a text's vector
     * then does not depend on the other texts embedded with it.
     */
    public static KilnEmbeddingModel allMiniLmL6V2Quantized() {
        return bundled(Embedder.MINILM_QUANTIZED_MODEL_RESOURCE, "all-minilm-l6-v2-q", 1);
    }

    /** A builder for any sentence-transformers-style ONNX model with its {@code tokenizer.json}. */
    public static Builder builder() {
        return new Builder();
    }

    private static KilnEmbeddingModel bundled(String resource, String name, int batchSize) {
        Session session;
        try (InputStream in = KilnEmbeddingModel.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) throw new IllegalStateException("model resource '" + resource + "' is not on the classpath");
            session = Kiln.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read model resource '" + resource + "'", e);
        }
        WordPieceTokenizer tokenizer = WordPieceTokenizer.fromResource(WordPieceTokenizer.MINILM_TOKENIZER_RESOURCE)
                .withPadding(null);
        return new KilnEmbeddingModel(Embedder.of(session, tokenizer).withBatchSize(batchSize), tokenizer, true, name, 384);
    }

    @Override
    public Response<List<Embedding>> embedAll(List<TextSegment> segments) {
        if (segments == null) throw new IllegalArgumentException("list of text segments is null");
        List<List<Windows.Window>> perText = new ArrayList<>(segments.size());
        List<Encoding> all = new ArrayList<>();
        int tokenCount = 0;
        for (int i = 0; i < segments.size(); i++) {
            TextSegment segment = segments.get(i);
            if (segment == null) throw new IllegalArgumentException("text segment " + i + " of " + segments.size() + " is null");
            List<Windows.Window> windows = Windows.split(tokenizer.encode(segment.text()), WINDOW_TOKENS,
                    tokenizer.model().continuingSubwordPrefix());
            if (windows.isEmpty()) {
                throw new IllegalArgumentException("cannot embed empty or whitespace-only text (segment " + i + " of "
                        + segments.size() + ")");
            }
            perText.add(windows);
            for (Windows.Window w : windows) {
                all.add(w.encoding());
                tokenCount += w.weight();
            }
        }
        float[][] pooled = embedder.pool(all);
        List<Embedding> out = new ArrayList<>(segments.size());
        int next = 0;
        for (List<Windows.Window> windows : perText) {
            out.add(Embedding.from(combine(windows, pooled, next)));
            next += windows.size();
        }
        return Response.from(out, new TokenUsage(tokenCount));
    }

    /** The windows' vectors (rows {@code first...} of {@code pooled}) averaged by weight, then normalised if asked. */
    private float[] combine(List<Windows.Window> windows, float[][] pooled, int first) {
        int h = pooled[first].length;
        double[] sum = new double[h];
        double total = 0;
        for (int w = 0; w < windows.size(); w++) {
            int weight = windows.get(w).weight();
            float[] v = pooled[first + w];
            for (int k = 0; k < h; k++) sum[k] += (double) weight * v[k];
            total += weight;
        }
        double norm = 0;
        for (int k = 0; k < h; k++) {
            sum[k] /= total;
            norm += sum[k] * sum[k];
        }
        double scale = normalize && norm > 0 ? 1 / Math.sqrt(norm) : 1;
        float[] out = new float[h];
        for (int k = 0; k < h; k++) out[k] = (float) (sum[k] * scale);
        return out;
    }

    /** The number of word pieces {@code text} is embedded as (after truncation, special tokens not counted). */
    public int countTokens(String text) {
        if (text == null) throw new IllegalArgumentException("text is null");
        Encoding e = tokenizer.encode(text);
        int count = 0;
        for (long s : e.specialTokensMask()) if (s == 0) count++;
        return count;
    }

    @Override
    public String modelName() {
        return modelName;
    }

    /** The Kiln embedder doing the work (its session, tokenizer and batch size). */
    public Embedder embedder() {
        return embedder;
    }

    @Override
    public String toString() {
        return "KilnEmbeddingModel[" + modelName + ", pooling " + embedder.pooling() + ", normalize " + normalize
                + ", batch " + embedder.batchSize() + "]";
    }

    /**
     * Builds a {@link KilnEmbeddingModel} for a sentence-transformers-style ONNX export (inputs
     * {@code input_ids}, {@code attention_mask}, optionally {@code token_type_ids}) and its BERT
     * WordPiece {@code tokenizer.json}.
     *
     * <pre>{@code
     * KilnEmbeddingModel model = KilnEmbeddingModel.builder()
     *         .model(Path.of("bge-small/model.onnx")).tokenizer(Path.of("bge-small/tokenizer.json"))
     *         .pooling(Pooling.CLS).threads(4).build();
     * }</pre>
     */
    public static final class Builder {
        private Path model;
        private Path tokenizer;
        private Pooling pooling = Pooling.MEAN;
        private boolean normalize = true;
        private boolean truncate = true;
        private int threads = SessionOptions.defaultThreads();
        private int batchSize = Embedder.DEFAULT_BATCH_SIZE;
        private String modelName;

        private Builder() {}

        /** The ONNX model file (required). */
        public Builder model(Path model) {
            this.model = model;
            return this;
        }

        /** The Hugging Face {@code tokenizer.json} (BERT WordPiece) of the model (required). */
        public Builder tokenizer(Path tokenizer) {
            this.tokenizer = tokenizer;
            return this;
        }

        /** Mean over the tokens (default) or the {@code [CLS]} vector. */
        public Builder pooling(Pooling pooling) {
            if (pooling == null) throw new IllegalArgumentException("pooling is null");
            this.pooling = pooling;
            return this;
        }

        /** Whether vectors are scaled to unit length (default true). */
        public Builder normalize(boolean normalize) {
            this.normalize = normalize;
            return this;
        }

        /**
         * Whether texts are truncated (default true, as in LangChain4j): to the
         * {@code tokenizer.json}'s length, or {@value KilnEmbeddingModel#DEFAULT_MAX_TOKENS} tokens
         * when it sets none. With false, a text of any length is embedded whole, in windows of
         * {@value KilnEmbeddingModel#WINDOW_TOKENS} word pieces whose vectors are averaged.
         */
        public Builder truncate(boolean truncate) {
            this.truncate = truncate;
            return this;
        }

        /** The threads one model run may use (default: Kiln's default for this machine). */
        public Builder threads(int threads) {
            if (threads < 1) throw new IllegalArgumentException("threads must be >= 1, got " + threads);
            this.threads = threads;
            return this;
        }

        /** The number of texts (or windows) run together (default {@value Embedder#DEFAULT_BATCH_SIZE}). */
        public Builder batchSize(int batchSize) {
            if (batchSize < 1) throw new IllegalArgumentException("batch size must be >= 1, got " + batchSize);
            this.batchSize = batchSize;
            return this;
        }

        /** The name {@link KilnEmbeddingModel#modelName()} reports (default: the model file's name). */
        public Builder modelName(String modelName) {
            this.modelName = modelName;
            return this;
        }

        /**
         * Loads the model and the tokenizer.
         *
         * @throws IllegalArgumentException when a path is missing or the model's inputs cannot be fed
         * @throws UncheckedIOException when a file cannot be read
         */
        public KilnEmbeddingModel build() {
            if (model == null || tokenizer == null) throw new IllegalArgumentException("model and tokenizer paths are required");
            if (!Files.isRegularFile(model)) throw new IllegalArgumentException("model file not found: " + model);
            if (!Files.isRegularFile(tokenizer)) throw new IllegalArgumentException("tokenizer file not found: " + tokenizer);
            WordPieceTokenizer t;
            try {
                t = WordPieceTokenizer.fromFile(tokenizer).withPadding(null);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read tokenizer " + tokenizer, e);
            }
            if (!truncate) t = t.withTruncation(null);
            else if (t.truncation().isEmpty()) t = t.withTruncation(Truncation.of(DEFAULT_MAX_TOKENS));
            Session session = Kiln.load(model, SessionOptions.defaults().withThreads(threads));
            Embedder embedder = Embedder.of(session, t).withPooling(pooling).withBatchSize(batchSize);
            String name = modelName != null ? modelName : model.getFileName().toString().replaceFirst("\\.onnx$", "");
            return new KilnEmbeddingModel(embedder, t, normalize, name, null);
        }
    }
}
