package dev.kiln.models.text.tfidf;

import dev.kiln.runtime.graph.Model;
import dev.kiln.runtime.tensor.DType;
import dev.kiln.runtime.tensor.Shape;
import dev.kiln.runtime.tensor.Tensor;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A fitted TF-IDF vectorizer: a vocabulary of word n-grams and their inverse document
 * frequencies. Columns are ordered by n-gram length, then lexicographically by the n-gram's
 * space-joined text (for unigrams alone this is scikit-learn's order). Grouping by length makes
 * the exported pool order equal the column order, so {@code ngram_indexes} is the identity and
 * {@code weights} means the same whether a runtime indexes it by pool position (the spec's
 * wording) or by output column (ONNX Runtime and the ONNX reference implementation).
 *
 * <p>A document becomes the row {@code tf(t) * idf(t)} over the vocabulary, where {@code tf} is
 * the raw count of n-gram {@code t} in the document; the row is then scaled to unit L2 norm
 * (an all-zero row stays zero). N-grams outside the vocabulary are ignored.
 *
 * <p>{@link #toModel()} exports the same transform as an ONNX graph over token ids (see
 * {@link #tokenIds}).
 */
public final class TfIdf {
    private final TfIdfConfig config;
    private final WordTokenizer tokenizer;
    private final List<List<String>> ngrams;
    private final Map<List<String>, Integer> column;
    private final double[] idf;
    private final Map<String, Integer> tokenIndex;

    /** By length, then by space-joined text, then word by word (for patterns that match spaces). */
    private static final Comparator<List<String>> COLUMN_ORDER = Comparator.<List<String>>comparingInt(List::size)
            .thenComparing(g -> String.join(" ", g))
            .thenComparing(g -> String.join("\u0000", g));

    private TfIdf(TfIdfConfig config, List<List<String>> ngrams, double[] idf) {
        this.config = config;
        this.tokenizer = config.tokenizer();
        this.ngrams = List.copyOf(ngrams);
        this.idf = idf;
        this.column = new HashMap<>();
        for (int j = 0; j < ngrams.size(); j++) column.put(ngrams.get(j), j);
        TreeMap<String, Integer> words = new TreeMap<>();
        for (List<String> g : ngrams) for (String w : g) words.put(w, 0);
        Map<String, Integer> ids = new LinkedHashMap<>();
        for (String w : words.keySet()) ids.put(w, ids.size());
        this.tokenIndex = Collections.unmodifiableMap(ids);
    }

    /**
     * Learns the vocabulary and IDF weights of {@code documents}.
     *
     * @throws IllegalArgumentException when the corpus is empty, the document-frequency bounds
     *     contradict each other, or no n-gram survives them
     */
    public static TfIdf fit(List<String> documents, TfIdfConfig config) {
        if (documents == null || documents.isEmpty()) throw new IllegalArgumentException("Cannot fit TF-IDF on an empty corpus");
        WordTokenizer tokenizer = config.tokenizer();
        Map<List<String>, Integer> df = new HashMap<>();
        for (String doc : documents) {
            for (List<String> g : countNgrams(tokenizer.tokenize(doc), config.minN(), config.maxN()).keySet()) {
                df.merge(g, 1, Integer::sum);
            }
        }
        int n = documents.size();
        double low = config.minDf().documents(n);
        double high = config.maxDf().documents(n);
        if (high < low) {
            throw new IllegalArgumentException("maxDf (" + config.maxDf() + " = " + high + ") is below minDf ("
                    + config.minDf() + " = " + low + ") for " + n + " documents");
        }
        List<List<String>> ngrams = new ArrayList<>();
        for (Map.Entry<List<String>, Integer> e : df.entrySet()) {
            if (e.getValue() >= low && e.getValue() <= high) ngrams.add(e.getKey());
        }
        if (ngrams.isEmpty()) {
            throw new IllegalArgumentException("No n-gram is left: the documents hold no token matching '"
                    + config.tokenPattern() + "', or minDf/maxDf removed them all");
        }
        ngrams.sort(COLUMN_ORDER);
        double[] idf = new double[ngrams.size()];
        for (int j = 0; j < idf.length; j++) {
            int d = df.get(ngrams.get(j));
            idf[j] = config.smoothIdf() ? Math.log((1.0 + n) / (1.0 + d)) + 1 : Math.log((double) n / d) + 1;
        }
        return new TfIdf(config, ngrams, idf);
    }

    /** Counts of the n-grams of length {@code minN..maxN} in {@code words}. */
    static Map<List<String>, Integer> countNgrams(List<String> words, int minN, int maxN) {
        Map<List<String>, Integer> counts = new HashMap<>();
        for (int len = minN; len <= maxN; len++) {
            for (int s = 0; s + len <= words.size(); s++) counts.merge(List.copyOf(words.subList(s, s + len)), 1, Integer::sum);
        }
        return counts;
    }

    /** The settings this vectorizer was fitted with. */
    public TfIdfConfig config() { return config; }

    /** The number of columns. */
    public int featureCount() { return ngrams.size(); }

    /** The column names: each n-gram's words joined by one space, in column order. */
    public List<String> vocabulary() { return ngrams.stream().map(g -> String.join(" ", g)).toList(); }

    /** The n-grams in column order, each as its list of words. */
    public List<List<String>> ngrams() { return ngrams; }

    /** The IDF weight of each column (all 1 when the config does not use IDF). */
    public double[] idf() {
        if (!config.useIdf()) {
            double[] ones = new double[idf.length];
            java.util.Arrays.fill(ones, 1.0);
            return ones;
        }
        return idf.clone();
    }

    /** The column of an n-gram given as space-joined words, or -1 when it is not in the vocabulary. */
    public int columnOf(String ngram) {
        Integer j = column.get(List.of(ngram.split(" ", -1)));
        return j == null ? -1 : j;
    }

    /** The words the exported model knows, with their token ids (0, 1, ... in sorted order). */
    public Map<String, Integer> tokenIndex() { return tokenIndex; }

    /** The token id that stands for padding and for words the model does not know. */
    public long unknownId() { return tokenIndex.size(); }

    /** The TF-IDF rows of {@code documents} as float32 of shape (N, F). */
    public Tensor transform(List<String> documents) {
        int f = featureCount();
        float[] y = new float[documents.size() * f];
        double[] row = new double[f];
        for (int i = 0; i < documents.size(); i++) {
            java.util.Arrays.fill(row, 0);
            List<String> words = tokenizer.tokenize(documents.get(i));
            for (Map.Entry<List<String>, Integer> e : countNgrams(words, config.minN(), config.maxN()).entrySet()) {
                Integer j = column.get(e.getKey());
                if (j != null) row[j] = e.getValue() * (config.useIdf() ? idf[j] : 1.0);
            }
            double norm = 1;
            if (config.l2Normalize()) {
                double ss = 0;
                for (double v : row) ss += v * v;
                norm = ss > 0 ? Math.sqrt(ss) : 1;
            }
            for (int j = 0; j < f; j++) y[i * f + j] = (float) (row[j] / norm);
        }
        return Tensor.wrap(DType.FLOAT32, Shape.of(documents.size(), f), y);
    }

    /**
     * The exported model's input for {@code documents}: int64 of shape (N, L) with L the longest
     * document in words (at least 1). Each word becomes its {@link #tokenIndex() token id};
     * unknown words and the padding after shorter documents become {@link #unknownId()}, which
     * no n-gram contains, so they break n-grams exactly as an unknown word does in
     * {@link #transform}.
     */
    public Tensor tokenIds(List<String> documents) {
        List<List<String>> words = new ArrayList<>();
        int len = 1;
        for (String d : documents) {
            List<String> w = tokenizer.tokenize(d);
            words.add(w);
            len = Math.max(len, w.size());
        }
        long[] ids = new long[documents.size() * len];
        java.util.Arrays.fill(ids, unknownId());
        for (int i = 0; i < words.size(); i++) {
            List<String> w = words.get(i);
            for (int k = 0; k < w.size(); k++) {
                Integer id = tokenIndex.get(w.get(k));
                if (id != null) ids[i * len + k] = id;
            }
        }
        return Tensor.wrap(DType.INT64, Shape.of(documents.size(), len), ids);
    }

    /**
     * This transform as an ONNX model (opset 17): input {@code token_ids} int64 (N, L), output
     * {@code tfidf} float32 (N, F). See {@link TfIdfOnnx}.
     */
    public Model toModel() { return TfIdfOnnx.build(this); }
}
