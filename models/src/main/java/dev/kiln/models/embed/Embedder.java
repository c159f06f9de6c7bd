package dev.kiln.models.embed;

import dev.kiln.importer.Kiln;
import dev.kiln.models.text.Encoding;
import dev.kiln.models.text.Padding;
import dev.kiln.models.text.WordPieceTokenizer;
import dev.kiln.runtime.exec.Session;
import dev.kiln.runtime.graph.ValueInfo;
import dev.kiln.runtime.tensor.DType;
import dev.kiln.runtime.tensor.Tensor;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Sentence embeddings in pure Java: a BERT-style ONNX encoder (all-MiniLM-L6-v2 by default) run
 * by Kiln, mean pooling over the attention mask (or the {@code [CLS]} vector, see
 * {@link #withPooling}), then L2 normalisation — the pipeline of sentence-transformers.
 *
 * <pre>{@code
 * Embedder embedder = Embedder.load();
 * float[] a = embedder.embed("A man is eating food.");
 * float[] b = embedder.embed("A man is eating a piece of bread.");
 * double similarity = Embedder.cosine(a, b);
 * }</pre>
 *
 * <p>An embedder holds one immutable {@link Session} and one immutable tokenizer, so it is safe
 * to call from many threads at once. {@link #embed(List)} tokenizes the texts, groups them into
 * batches of similar length (each padded to its longest text), and returns the embeddings in the
 * order of the texts.
 */
public final class Embedder {
    /** Classpath resource of the all-MiniLM-L6-v2 model, fp32 (in the model's jar). */
    public static final String MINILM_MODEL_RESOURCE = "all-minilm-l6-v2.onnx";

    /** Classpath resource of the all-MiniLM-L6-v2 model quantized to int8 (in the {@code -q} jar). */
    public static final String MINILM_QUANTIZED_MODEL_RESOURCE = "all-minilm-l6-v2-q.onnx";

    /** The default number of texts run together by {@link #embed(List)}. */
    public static final int DEFAULT_BATCH_SIZE = 32;

    private static final Set<String> KNOWN_INPUTS = Set.of("input_ids", "attention_mask", "token_type_ids");
    private static final List<String> TOKEN_OUTPUTS = List.of("last_hidden_state", "token_embeddings");

    private final Session session;
    private final WordPieceTokenizer tokenizer;
    private final String output;
    private final Set<String> inputs;
    private final int batchSize;
    private final Pooling pooling;
    private final long padId;
    private final long padTypeId;

    private Embedder(Session session, WordPieceTokenizer tokenizer, long padId, long padTypeId, int batchSize,
            Pooling pooling) {
        this.session = session;
        this.tokenizer = tokenizer;
        this.padId = padId;
        this.padTypeId = padTypeId;
        this.batchSize = batchSize;
        this.pooling = pooling;
        List<String> inputNames = session.inputs().stream().map(ValueInfo::name).toList();
        for (String name : inputNames) {
            if (!KNOWN_INPUTS.contains(name)) {
                throw new IllegalArgumentException("the model has an input '" + name + "' an embedder cannot feed; "
                        + "expected input_ids, attention_mask and optionally token_type_ids, got " + inputNames);
            }
        }
        if (!inputNames.contains("input_ids")) {
            throw new IllegalArgumentException("the model has no 'input_ids' input; its inputs are " + inputNames);
        }
        this.inputs = Set.copyOf(inputNames);
        this.output = tokenOutput(session);
    }

    /** An embedder whose tokenizer's padding, if any, only gives the padding id and type id. */
    private static Embedder create(Session session, WordPieceTokenizer tokenizer) {
        Padding p = tokenizer.padding().orElse(null);
        long padId = p != null ? p.padId() : Math.max(0, tokenizer.model().tokenToId("[PAD]"));
        long padTypeId = p != null ? p.padTypeId() : 0;
        return new Embedder(session, tokenizer.withPadding(null), padId, padTypeId, DEFAULT_BATCH_SIZE, Pooling.MEAN);
    }

    /** The bundled all-MiniLM-L6-v2 (fp32): 384 dimensions, texts truncated to 256 tokens. */
    public static Embedder load() {
        return create(loadResource(MINILM_MODEL_RESOURCE), WordPieceTokenizer.load());
    }

    /**
     * The bundled all-MiniLM-L6-v2 quantized to int8 (a quarter of the size). Its activations
     * are quantized with one scale per batch ({@code DynamicQuantizeLinear}), so a text's
     * embedding depends slightly on the other texts of its batch; {@code withBatchSize(1)} makes
     * each text's embedding independent of the others.
     */
    public static Embedder loadQuantized() {
        return create(loadResource(MINILM_QUANTIZED_MODEL_RESOURCE), WordPieceTokenizer.load());
    }

    /**
     * A sentence-transformers-style ONNX model (inputs {@code input_ids}, {@code attention_mask},
     * optionally {@code token_type_ids}; a token-embedding output such as
     * {@code last_hidden_state}) with its Hugging Face {@code tokenizer.json} (BERT WordPiece).
     * The file's truncation applies; batches are padded to their longest text.
     *
     * @throws IOException when a file cannot be read
     */
    public static Embedder load(Path model, Path tokenizerJson) throws IOException {
        if (model == null || tokenizerJson == null) throw new IllegalArgumentException("model and tokenizer paths are required");
        return load(model, WordPieceTokenizer.fromFile(tokenizerJson));
    }

    /**
     * A model file with a tokenizer set up by the caller. Its truncation applies; its padding
     * only gives the padding id (texts are always padded on the right to the longest of a batch).
     */
    public static Embedder load(Path model, WordPieceTokenizer tokenizer) {
        if (model == null || tokenizer == null) throw new IllegalArgumentException("model path and tokenizer are required");
        return of(Kiln.load(model), tokenizer);
    }

    /** An embedder over an already loaded session; the tokenizer is used as in {@link #load(Path, WordPieceTokenizer)}. */
    public static Embedder of(Session session, WordPieceTokenizer tokenizer) {
        if (session == null || tokenizer == null) throw new IllegalArgumentException("session and tokenizer are required");
        return create(session, tokenizer);
    }

    /** A copy that runs at most {@code size} texts together in {@link #embed(List)}. */
    public Embedder withBatchSize(int size) {
        if (size < 1) throw new IllegalArgumentException("batch size must be >= 1, got " + size);
        return new Embedder(session, tokenizer, padId, padTypeId, size, pooling);
    }

    /** A copy that pools token vectors as {@code mode} says (default {@link Pooling#MEAN}). */
    public Embedder withPooling(Pooling mode) {
        if (mode == null) throw new IllegalArgumentException("pooling mode is null");
        return new Embedder(session, tokenizer, padId, padTypeId, batchSize, mode);
    }

    /** How token vectors are pooled into one vector per text. */
    public Pooling pooling() {
        return pooling;
    }

    /** The number of texts run together by {@link #embed(List)}. */
    public int batchSize() {
        return batchSize;
    }

    /** The Kiln session running the model. */
    public Session session() {
        return session;
    }

    /** The tokenizer (without padding: the embedder pads each batch itself). */
    public WordPieceTokenizer tokenizer() {
        return tokenizer;
    }

    /** The model output that is pooled (e.g. {@code last_hidden_state}). */
    public String outputName() {
        return output;
    }

    /**
     * The unit-length embedding of one text.
     *
     * @throws IllegalArgumentException when {@code text} is null
     */
    public float[] embed(String text) {
        if (text == null) throw new IllegalArgumentException("text to embed is null");
        return run(List.of(tokenizer.encode(text)), true)[0];
    }

    /**
     * The unit-length embeddings of {@code texts}, in their order. Texts are sorted by token
     * count and run {@link #batchSize()} at a time, each batch padded to its longest text.
     *
     * @throws IllegalArgumentException when the list or one of its texts is null
     */
    public float[][] embed(List<String> texts) {
        if (texts == null) throw new IllegalArgumentException("list of texts to embed is null");
        List<Encoding> encodings = new ArrayList<>(texts.size());
        for (int i = 0; i < texts.size(); i++) {
            String text = texts.get(i);
            if (text == null) throw new IllegalArgumentException("text " + i + " of " + texts.size() + " is null");
            encodings.add(tokenizer.encode(text));
        }
        return batched(encodings, true);
    }

    /**
     * One pooled vector per encoding, <em>not</em> normalised, in their order: the building block
     * for callers that tokenize themselves, e.g. to split a long text into windows and average
     * the windows' vectors. Encodings are given unpadded (no mask zeros needed); they are sorted
     * by length and run {@link #batchSize()} at a time like {@link #embed(List)}.
     *
     * @throws IllegalArgumentException when the list or one of its encodings is null or empty
     */
    public float[][] pool(List<Encoding> encodings) {
        if (encodings == null) throw new IllegalArgumentException("list of encodings is null");
        for (int i = 0; i < encodings.size(); i++) {
            Encoding e = encodings.get(i);
            if (e == null || e.length() == 0) {
                throw new IllegalArgumentException("encoding " + i + " of " + encodings.size() + " is null or empty");
            }
        }
        return batched(encodings, false);
    }

    /** Runs encodings sorted by length, {@link #batchSize()} at a time, and returns vectors in their order. */
    private float[][] batched(List<Encoding> encodings, boolean normalize) {
        Integer[] order = new Integer[encodings.size()];
        for (int i = 0; i < order.length; i++) order[i] = i;
        Arrays.sort(order, Comparator.comparingInt(i -> encodings.get(i).length()));
        float[][] out = new float[order.length][];
        for (int from = 0; from < order.length; from += batchSize) {
            int to = Math.min(order.length, from + batchSize);
            List<Encoding> batch = new ArrayList<>(to - from);
            for (int k = from; k < to; k++) batch.add(encodings.get(order[k]));
            float[][] vectors = run(batch, normalize);
            for (int k = from; k < to; k++) out[order[k]] = vectors[k - from];
        }
        return out;
    }

    /**
     * The cosine similarity of two vectors, in double precision; 0 when either is all zeros.
     *
     * @throws IllegalArgumentException when a vector is null or their lengths differ
     */
    public static double cosine(float[] a, float[] b) {
        if (a == null || b == null) throw new IllegalArgumentException("cosine of a null vector");
        if (a.length != b.length) {
            throw new IllegalArgumentException("cosine of vectors of different lengths: " + a.length + " and " + b.length);
        }
        double dot = 0;
        double na = 0;
        double nb = 0;
        for (int i = 0; i < a.length; i++) {
            dot += (double) a[i] * b[i];
            na += (double) a[i] * a[i];
            nb += (double) b[i] * b[i];
        }
        if (na == 0 || nb == 0) return 0;
        return dot / Math.sqrt(na * nb);
    }

    /** Runs a batch of unpadded encodings, padded on the right to the longest, and pools it. */
    private float[][] run(List<Encoding> batch, boolean normalize) {
        int b = batch.size();
        int t = 0;
        for (Encoding e : batch) t = Math.max(t, e.length());
        // ids, mask, types: (B, T)
        long[] ids = new long[b * t];
        long[] mask = new long[b * t];
        long[] types = new long[b * t];
        Arrays.fill(ids, padId);
        Arrays.fill(types, padTypeId);
        for (int i = 0; i < b; i++) {
            Encoding e = batch.get(i);
            System.arraycopy(e.ids(), 0, ids, i * t, e.length());
            System.arraycopy(e.attentionMask(), 0, mask, i * t, e.length());
            System.arraycopy(e.typeIds(), 0, types, i * t, e.length());
        }
        Map<String, Tensor> feeds = new LinkedHashMap<>();
        feeds.put("input_ids", Tensor.of(ids, b, t));
        if (inputs.contains("attention_mask")) feeds.put("attention_mask", Tensor.of(mask, b, t));
        if (inputs.contains("token_type_ids")) feeds.put("token_type_ids", Tensor.of(types, b, t));
        Tensor hidden = session.run(feeds, List.of(output)).tensor(output);
        if (hidden.dtype() != DType.FLOAT32 || hidden.rank() != 3 || hidden.shape().dim(0) != b || hidden.shape().dim(1) != t) {
            throw new IllegalStateException("model output '" + output + "' is " + hidden.describe()
                    + "; expected float32 token embeddings of shape [" + b + ", " + t + ", hidden]");
        }
        int h = hidden.shape().dimInt(2);
        return normalize ? pooling.poolNormalized(hidden.floats(), mask, b, t, h) : pooling.pool(hidden.floats(), mask, b, t, h);
    }

    /** The output holding one vector per token: a known name, else the only output. */
    private static String tokenOutput(Session session) {
        List<String> names = session.outputs().stream().map(ValueInfo::name).toList();
        for (String name : TOKEN_OUTPUTS) {
            if (names.contains(name)) return name;
        }
        if (names.size() == 1) return names.get(0);
        throw new IllegalArgumentException("cannot tell which output holds the token embeddings: expected one of "
                + TOKEN_OUTPUTS + " or a single output, got " + names);
    }

    private static Session loadResource(String name) {
        try (InputStream in = Embedder.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) throw new IllegalStateException("model resource '" + name + "' is not on the classpath");
            return Kiln.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read model resource '" + name + "'", e);
        }
    }
}
