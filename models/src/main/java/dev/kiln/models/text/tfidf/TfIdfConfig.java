package dev.kiln.models.text.tfidf;

/**
 * Settings of {@link TfIdf#fit}.
 *
 * @param minN smallest n-gram length (>= 1)
 * @param maxN largest n-gram length (>= minN)
 * @param minDf drop n-grams found in fewer documents than this
 * @param maxDf drop n-grams found in more documents than this
 * @param useIdf weight term counts by the inverse document frequency (else plain counts)
 * @param smoothIdf {@code idf = ln((1 + n) / (1 + df)) + 1} when true, {@code ln(n / df) + 1} when false
 * @param l2Normalize scale each document vector to unit Euclidean length
 * @param lowercase lowercase text before matching the token pattern
 * @param tokenPattern regular expression that matches one word
 */
public record TfIdfConfig(int minN, int maxN, DocFrequency minDf, DocFrequency maxDf, boolean useIdf,
                          boolean smoothIdf, boolean l2Normalize, boolean lowercase, String tokenPattern) {
    public TfIdfConfig {
        if (minN < 1 || maxN < minN) {
            throw new IllegalArgumentException("The n-gram range must satisfy 1 <= minN <= maxN, got (" + minN + ", " + maxN + ")");
        }
        if (minDf == null || maxDf == null) throw new IllegalArgumentException("minDf and maxDf must not be null");
        if (tokenPattern == null || tokenPattern.isEmpty()) throw new IllegalArgumentException("tokenPattern must not be empty");
    }

    /** Unigrams, every term kept, smooth IDF, L2 norm, lowercase, {@link WordTokenizer#DEFAULT_PATTERN}. */
    public static TfIdfConfig defaults() { return builder().build(); }

    /** A builder starting from the defaults. */
    public static Builder builder() { return new Builder(); }

    /** The tokenizer these settings describe. */
    public WordTokenizer tokenizer() { return new WordTokenizer(tokenPattern, lowercase); }

    /** Builds a {@link TfIdfConfig}. */
    public static final class Builder {
        private int minN = 1;
        private int maxN = 1;
        private DocFrequency minDf = DocFrequency.count(1);
        private DocFrequency maxDf = DocFrequency.fraction(1.0);
        private boolean useIdf = true;
        private boolean smoothIdf = true;
        private boolean l2Normalize = true;
        private boolean lowercase = true;
        private String tokenPattern = WordTokenizer.DEFAULT_PATTERN;

        private Builder() {}

        /** N-gram lengths from {@code min} to {@code max} (default 1 to 1). */
        public Builder ngrams(int min, int max) {
            this.minN = min;
            this.maxN = max;
            return this;
        }

        /** Minimum document frequency (default 1 document). */
        public Builder minDf(DocFrequency v) {
            this.minDf = v;
            return this;
        }

        /** Maximum document frequency (default all documents). */
        public Builder maxDf(DocFrequency v) {
            this.maxDf = v;
            return this;
        }

        /** Whether to weight by IDF (default true). */
        public Builder useIdf(boolean v) {
            this.useIdf = v;
            return this;
        }

        /** Whether the IDF is smoothed (default true). */
        public Builder smoothIdf(boolean v) {
            this.smoothIdf = v;
            return this;
        }

        /** Whether to L2-normalize each row (default true). */
        public Builder l2Normalize(boolean v) {
            this.l2Normalize = v;
            return this;
        }

        /** Whether to lowercase (default true). */
        public Builder lowercase(boolean v) {
            this.lowercase = v;
            return this;
        }

        /** The word pattern (default {@link WordTokenizer#DEFAULT_PATTERN}). */
        public Builder tokenPattern(String v) {
            this.tokenPattern = v;
            return this;
        }

        /** The settings. */
        public TfIdfConfig build() {
            return new TfIdfConfig(minN, maxN, minDf, maxDf, useIdf, smoothIdf, l2Normalize, lowercase, tokenPattern);
        }
    }
}
