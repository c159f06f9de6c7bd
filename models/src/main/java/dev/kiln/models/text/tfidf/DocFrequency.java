package dev.kiln.models.text.tfidf;

/**
 * A document-frequency bound for {@link TfIdfConfig#minDf()} and {@link TfIdfConfig#maxDf()}:
 * either an absolute number of documents or a fraction of the corpus size.
 *
 * @param value a document count (when {@code fraction} is false) or a fraction in [0, 1]
 * @param fraction whether {@code value} is a fraction of the number of documents
 */
public record DocFrequency(double value, boolean fraction) {
    public DocFrequency {
        if (fraction && !(value >= 0 && value <= 1)) {
            throw new IllegalArgumentException("A document-frequency fraction must be in [0, 1], got " + value);
        }
        if (!fraction && !(value >= 0 && value == Math.rint(value))) {
            throw new IllegalArgumentException("A document-frequency count must be a whole number >= 0, got " + value);
        }
    }

    /** At least or at most {@code n} documents. */
    public static DocFrequency count(long n) { return new DocFrequency(n, false); }

    /** At least or at most this fraction of the documents. */
    public static DocFrequency fraction(double f) { return new DocFrequency(f, true); }

    /** The bound in documents for a corpus of {@code documents} documents (may be fractional). */
    public double documents(int documents) { return fraction ? value * documents : value; }

    @Override
    public String toString() { return fraction ? value + " of documents" : (long) value + " documents"; }
}
