package dev.kiln.ops.ml;

import dev.kiln.runtime.graph.Attributes;
import dev.kiln.runtime.graph.Node;
import dev.kiln.runtime.op.TensorOp;
import dev.kiln.runtime.tensor.DType;
import dev.kiln.runtime.tensor.Shape;
import dev.kiln.runtime.tensor.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * TfIdfVectorizer (ai.onnx, opset 9): counts, in each row of X ([C] or [N, C]; int32, int64 or
 * string), the n-grams of the pool with length in [min_gram_length, max_gram_length], whose items
 * may be up to {@code max_skip_count} positions apart (the same gap between all items of one
 * n-gram). Unigrams are counted once. Y[ngram_indexes[i]] is the count of pool n-gram i (TF), its
 * presence times weights[i] (IDF), or its count times weights[i] (TFIDF); Y is float32 of shape
 * [max(ngram_indexes) + 1] or [N, max(ngram_indexes) + 1].
 *
 * <p>The pool lists the 1-grams, then the 2-grams, ...; ngram_counts[k] is where the
 * (k + 1)-grams start.
 */
public final class TfIdfVectorizer extends TensorOp {
    private enum Mode { TF, IDF, TFIDF }

    private final int minGram;
    private final int maxGram;
    private final int maxSkip;
    private final Mode mode;
    private final boolean strings;
    private final long[] ngramIndexes;
    private final float[] weights;
    private final int outSize;
    /** grams.get(n - 1): n-gram (as a list of Long or String) to its position in the pool. */
    private final List<Map<List<Object>, Integer>> grams;

    public TfIdfVectorizer(Node node) {
        Attributes a = node.attributes();
        maxGram = (int) a.requireInt("max_gram_length");
        minGram = (int) a.requireInt("min_gram_length");
        maxSkip = (int) a.requireInt("max_skip_count");
        if (minGram < 1 || maxGram < minGram || maxSkip < 0) {
            throw new IllegalArgumentException("need 1 <= min_gram_length <= max_gram_length and max_skip_count >= 0,"
                    + " got " + minGram + ", " + maxGram + ", " + maxSkip);
        }
        String m = a.getString("mode", null);
        if (m == null) throw new IllegalArgumentException("attribute 'mode' is required");
        try {
            mode = Mode.valueOf(m);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("attribute 'mode' must be TF, IDF or TFIDF, got '" + m + "'");
        }
        long[] counts = a.getInts("ngram_counts", null);
        ngramIndexes = a.getInts("ngram_indexes", null);
        if (counts == null || ngramIndexes == null) {
            throw new IllegalArgumentException("attributes 'ngram_counts' and 'ngram_indexes' are required");
        }
        long[] poolInts = a.getInts("pool_int64s", null);
        String[] poolStrings = a.getStrings("pool_strings", null);
        if ((poolInts == null) == (poolStrings == null)) {
            throw new IllegalArgumentException("exactly one of 'pool_int64s' and 'pool_strings' must be set");
        }
        strings = poolStrings != null;
        Object[] pool = strings ? poolStrings : Arrays.stream(poolInts).boxed().toArray();
        grams = new ArrayList<>();
        int ordinal = 0;
        for (int g = 0; g < counts.length; g++) {
            int n = g + 1;
            long start = counts[g];
            long end = g + 1 < counts.length ? counts[g + 1] : pool.length;
            if (start < 0 || end < start || end > pool.length || (end - start) % n != 0) {
                throw new IllegalArgumentException("attribute 'ngram_counts' does not split the pool of " + pool.length
                        + " items into whole " + n + "-grams at [" + start + ", " + end + ")");
            }
            Map<List<Object>, Integer> map = new HashMap<>();
            for (long p = start; p < end; p += n) {
                map.putIfAbsent(List.of(Arrays.copyOfRange(pool, (int) p, (int) p + n)), ordinal++);
            }
            grams.add(map);
        }
        if (ngramIndexes.length != ordinal) {
            throw new IllegalArgumentException("attribute 'ngram_indexes' has " + ngramIndexes.length
                    + " entries, but the pool holds " + ordinal + " n-grams");
        }
        long max = -1;
        for (long i : ngramIndexes) {
            if (i < 0) throw new IllegalArgumentException("attribute 'ngram_indexes' holds negative index " + i);
            max = Math.max(max, i);
        }
        outSize = Math.toIntExact(max + 1);
        weights = a.getFloats("weights", null);
        if (weights != null && weights.length != ordinal) {
            throw new IllegalArgumentException("attribute 'weights' has " + weights.length + " entries, expected "
                    + ordinal);
        }
    }

    @Override
    protected Tensor[] compute(Tensor[] inputs) {
        // x: (C) or (N, C) -> y: (outSize) or (N, outSize)
        Tensor x = inputs[0];
        boolean xString = x.dtype() == DType.STRING;
        if (xString != strings || x.dtype().isFloatingPoint() || x.dtype() == DType.BOOL) {
            throw new IllegalArgumentException("TfIdfVectorizer: input X is " + x.describe() + " but the pool holds "
                    + (strings ? "strings" : "int64s"));
        }
        if (x.rank() != 1 && x.rank() != 2) {
            throw new IllegalArgumentException("TfIdfVectorizer: input X must have shape [C] or [N, C], got "
                    + x.describe());
        }
        int rows = x.rank() == 1 ? 1 : x.shape().dimInt(0);
        int c = x.shape().dimInt(-1);
        Object[] items = new Object[x.size()];
        for (int i = 0; i < items.length; i++) items[i] = xString ? x.strings()[i] : (Object) x.getLong(i);
        float[] y = new float[rows * outSize];
        int[] count = new int[ngramIndexes.length];
        for (int r = 0; r < rows; r++) {
            Arrays.fill(count, 0);
            countRow(items, r * c, c, count);
            for (int i = 0; i < count.length; i++) {
                if (count[i] == 0) continue;
                float w = weights == null ? 1f : weights[i];
                float v = switch (mode) {
                    case TF -> count[i];
                    case IDF -> w;
                    case TFIDF -> count[i] * w;
                };
                y[r * outSize + (int) ngramIndexes[i]] += v;
            }
        }
        Shape shape = x.rank() == 1 ? Shape.of(outSize) : Shape.of(rows, outSize);
        return new Tensor[] {Tensor.wrap(DType.FLOAT32, shape, y)};
    }

    private void countRow(Object[] items, int off, int c, int[] count) {
        int top = Math.min(maxGram, grams.size());
        for (int skip = 0; skip <= maxSkip; skip++) {
            int step = skip + 1;
            for (int start = 0; start < c; start++) {
                for (int n = minGram; n <= top; n++) {
                    if (n == 1 && skip > 0) continue;
                    if (start + (long) (n - 1) * step >= c) break;
                    Object[] gram = new Object[n];
                    for (int k = 0; k < n; k++) gram[k] = items[off + start + k * step];
                    Integer ord = grams.get(n - 1).get(List.of(gram));
                    if (ord != null) count[ord]++;
                }
            }
        }
    }
}
