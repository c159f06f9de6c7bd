package dev.kiln.models.embed;

import dev.kiln.check.OrtRunner;
import dev.kiln.importer.Kiln;
import dev.kiln.models.text.Encoding;
import dev.kiln.runtime.exec.Session;
import dev.kiln.runtime.tensor.Tensor;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Shared fixtures of the all-MiniLM-L6-v2 tests: the bundled models loaded once per test JVM in
 * Kiln and in ONNX Runtime, inputs built from encodings or at random, and a reference pooling.
 */
final class MiniLm {
    static final String FP32 = Embedder.MINILM_MODEL_RESOURCE;
    static final String INT8 = Embedder.MINILM_QUANTIZED_MODEL_RESOURCE;
    static final String OUTPUT = "last_hidden_state";
    static final int HIDDEN = 384;
    static final int VOCAB = 30522;

    private static final Map<String, byte[]> BYTES = new HashMap<>();
    private static final Map<String, Session> KILN = new HashMap<>();
    private static final Map<String, OrtRunner> ORT = new HashMap<>();
    private static Embedder embedder;

    private MiniLm() {}

    /** The serialized model from the classpath. */
    static synchronized byte[] bytes(String resource) {
        return BYTES.computeIfAbsent(resource, r -> {
            try (InputStream in = MiniLm.class.getClassLoader().getResourceAsStream(r)) {
                if (in == null) throw new IllegalStateException(r + " is not on the test classpath");
                return in.readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /** The model loaded in Kiln from its bytes. */
    static synchronized Session kiln(String resource) {
        return KILN.computeIfAbsent(resource, r -> Kiln.load(bytes(r)));
    }

    /** The model loaded in ONNX Runtime (default optimisations, one thread); closed when the JVM exits. */
    static synchronized OrtRunner ort(String resource) {
        return ORT.computeIfAbsent(resource, r -> new OrtRunner(bytes(r), 1));
    }

    /** The default embedder over the shared fp32 session. */
    static synchronized Embedder embedder() {
        if (embedder == null) embedder = Embedder.of(kiln(FP32), dev.kiln.models.text.WordPieceTokenizer.load());
        return embedder;
    }

    /** ORT's {@code last_hidden_state} for {@code inputs}. */
    static Tensor ortHidden(String resource, Map<String, Tensor> inputs) {
        return ort(resource).run(inputs, List.of(OUTPUT)).get(OUTPUT);
    }

    /** Kiln's {@code last_hidden_state} for {@code inputs}. */
    static Tensor kilnHidden(String resource, Map<String, Tensor> inputs) {
        return kiln(resource).run(inputs, List.of(OUTPUT)).tensor(OUTPUT);
    }

    /** The three int64 inputs of a batch of equally long encodings. */
    static Map<String, Tensor> inputs(List<long[]> ids, List<long[]> masks, List<long[]> types) {
        int b = ids.size();
        int t = ids.get(0).length;
        long[] i = new long[b * t];
        long[] m = new long[b * t];
        long[] y = new long[b * t];
        for (int r = 0; r < b; r++) {
            System.arraycopy(ids.get(r), 0, i, r * t, t);
            System.arraycopy(masks.get(r), 0, m, r * t, t);
            System.arraycopy(types.get(r), 0, y, r * t, t);
        }
        Map<String, Tensor> in = new LinkedHashMap<>();
        in.put("input_ids", Tensor.of(i, b, t));
        in.put("attention_mask", Tensor.of(m, b, t));
        in.put("token_type_ids", Tensor.of(y, b, t));
        return in;
    }

    /** The inputs of encodings padded to the same length. */
    static Map<String, Tensor> inputs(List<Encoding> batch) {
        return inputs(batch.stream().map(Encoding::ids).toList(), batch.stream().map(Encoding::attentionMask).toList(),
                batch.stream().map(Encoding::typeIds).toList());
    }

    /**
     * A random batch of {@code b} rows of length {@code t}: {@code [CLS]}, random word-piece ids,
     * {@code [SEP]}, then padding. Row 0 fills the length; the other rows have random lengths, so
     * their mask ends in zeros.
     */
    static Map<String, Tensor> randomInputs(int t, int b, long seed) {
        Random rnd = new Random(seed);
        long[] ids = new long[b * t];
        long[] mask = new long[b * t];
        for (int r = 0; r < b; r++) {
            int len = r == 0 ? t : 1 + rnd.nextInt(t);
            for (int j = 0; j < len; j++) {
                ids[r * t + j] = j == 0 ? 101 : j == len - 1 ? 102 : 1996 + rnd.nextInt(VOCAB - 1996);
                mask[r * t + j] = 1;
            }
        }
        Map<String, Tensor> in = new LinkedHashMap<>();
        in.put("input_ids", Tensor.of(ids, b, t));
        in.put("attention_mask", Tensor.of(mask, b, t));
        in.put("token_type_ids", Tensor.of(new long[b * t], b, t));
        return in;
    }

    /**
     * The reference pooling, written out separately from {@link Pooling}: for each row, the
     * masked mean of the token vectors divided by its Euclidean norm.
     */
    static float[][] pooledReference(Tensor hidden, Tensor mask) {
        int b = hidden.shape().dimInt(0);
        int t = hidden.shape().dimInt(1);
        int h = hidden.shape().dimInt(2);
        float[] x = hidden.floats();
        long[] m = mask.longs();
        float[][] out = new float[b][h];
        for (int r = 0; r < b; r++) {
            double[] mean = new double[h];
            int n = 0;
            for (int j = 0; j < t; j++) {
                if (m[r * t + j] == 0) continue;
                n++;
                for (int k = 0; k < h; k++) mean[k] += x[(r * t + j) * h + k];
            }
            double sq = 0;
            for (int k = 0; k < h; k++) {
                mean[k] /= n;
                sq += mean[k] * mean[k];
            }
            for (int k = 0; k < h; k++) out[r][k] = (float) (mean[k] / Math.sqrt(sq));
        }
        return out;
    }

    /** The largest absolute difference, over all elements or only where {@code mask} is 1. */
    static double maxAbs(Tensor a, Tensor b, Tensor mask) {
        float[] x = a.floats();
        float[] y = b.floats();
        if (x.length != y.length) throw new AssertionError("sizes differ: " + a.describe() + " vs " + b.describe());
        int h = a.shape().dimInt(-1);
        double max = 0;
        for (int i = 0; i < x.length; i++) {
            if (mask != null && mask.longs()[i / h] == 0) continue;
            max = Math.max(max, Math.abs(x[i] - y[i]));
        }
        return max;
    }
}
