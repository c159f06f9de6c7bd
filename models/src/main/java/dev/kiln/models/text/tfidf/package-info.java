/**
 * TF-IDF vectorizer: word n-gram vocabulary with document-frequency bounds, smooth IDF and L2
 * normalisation ({@link dev.kiln.models.text.tfidf.TfIdf}), exported as an ONNX graph over token
 * ids (TfIdfVectorizer, then ReduceL2/Max/Div).
 */
package dev.kiln.models.text.tfidf;
