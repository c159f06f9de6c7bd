package dev.kiln.models.text.tfidf;

import dev.kiln.runtime.graph.Attribute;
import dev.kiln.runtime.graph.Attributes;
import dev.kiln.runtime.graph.Dim;
import dev.kiln.runtime.graph.Graph;
import dev.kiln.runtime.graph.Model;
import dev.kiln.runtime.graph.Node;
import dev.kiln.runtime.graph.ValueInfo;
import dev.kiln.runtime.graph.ValueType;
import dev.kiln.runtime.tensor.DType;
import dev.kiln.runtime.tensor.Tensor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds the ONNX graph of a fitted {@link TfIdf}:
 *
 * <pre>
 * token_ids (N, L) int64 -> TfIdfVectorizer -> raw (N, F)
 * raw -> ReduceL2(axes=[1], keepdims=1) -> norm (N, 1) -> Max(norm, 1e-12) -> Div(raw, .) -> tfidf (N, F)
 * </pre>
 *
 * The vectorizer's pool lists the token ids of the vocabulary's n-grams in column order, which
 * is shortest first ({@code ngram_counts[k]} is where the (k+1)-grams start), so
 * {@code ngram_indexes} is the identity. Mode TFIDF with {@code weights = idf}, or TF without IDF. The
 * normalisation nodes are left out when the config does not L2-normalize; the Max keeps an
 * all-zero row at zero instead of 0/0.
 */
final class TfIdfOnnx {
    static final int OPSET = 17;

    private TfIdfOnnx() {}

    static Model build(TfIdf tfidf) {
        TfIdfConfig cfg = tfidf.config();
        Map<String, Integer> tokens = tfidf.tokenIndex();
        List<List<String>> ngrams = tfidf.ngrams();
        double[] idf = tfidf.idf();
        // Columns are sorted by n-gram length, so the pool in column order groups the 1-grams,
        // then the 2-grams, ...: ngram_indexes is the identity and weights[i] is column i's idf.
        List<Long> pool = new ArrayList<>();
        long[] counts = new long[cfg.maxN()];
        long[] indexes = new long[ngrams.size()];
        float[] weights = new float[ngrams.size()];
        int len = 0;
        for (int j = 0; j < ngrams.size(); j++) {
            List<String> g = ngrams.get(j);
            while (len < g.size()) counts[len++] = pool.size();
            for (String w : g) pool.add((long) tokens.get(w));
            indexes[j] = j;
            weights[j] = (float) idf[j];
        }
        while (len < cfg.maxN()) counts[len++] = pool.size();
        long[] poolArr = pool.stream().mapToLong(Long::longValue).toArray();
        List<Attribute> attrs = new ArrayList<>(List.of(
                Attribute.of("mode", cfg.useIdf() ? "TFIDF" : "TF"),
                Attribute.of("min_gram_length", (long) cfg.minN()),
                Attribute.of("max_gram_length", (long) cfg.maxN()),
                Attribute.of("max_skip_count", 0L),
                Attribute.ofInts("ngram_counts", counts),
                Attribute.ofInts("ngram_indexes", indexes),
                Attribute.ofInts("pool_int64s", poolArr)));
        if (cfg.useIdf()) attrs.add(Attribute.ofFloats("weights", weights));

        List<Node> nodes = new ArrayList<>();
        Map<String, Tensor> inits = new LinkedHashMap<>();
        String raw = cfg.l2Normalize() ? "raw" : "tfidf";
        nodes.add(new Node("vectorize", "", "TfIdfVectorizer", List.of("token_ids"), List.of(raw), new Attributes(attrs)));
        if (cfg.l2Normalize()) {
            inits.put("eps", Tensor.scalar(1e-12f));
            nodes.add(new Node("l2", "", "ReduceL2", List.of(raw), List.of("norm"),
                    new Attributes(List.of(Attribute.ofInts("axes", 1), Attribute.of("keepdims", 1L)))));
            nodes.add(new Node("safe_norm", "", "Max", List.of("norm", "eps"), List.of("safe_norm"), null));
            nodes.add(new Node("normalize", "", "Div", List.of(raw, "safe_norm"), List.of("tfidf"), null));
        }
        ValueInfo in = ValueInfo.of("token_ids", ValueType.tensor(DType.INT64, List.of(Dim.symbolic("N"), Dim.symbolic("L"))));
        ValueInfo out = ValueInfo.of("tfidf", ValueType.tensor(DType.FLOAT32, List.of(Dim.symbolic("N"), Dim.of(ngrams.size()))));
        Graph g = new Graph("tfidf", List.of(in), List.of(out), inits, nodes, List.of(), Map.of("", OPSET));
        return Model.of(g);
    }
}
