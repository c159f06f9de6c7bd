package dev.kiln.ops.ml;

import dev.kiln.runtime.op.OpRegistry;

/** ai.onnx.ml domain ops, and the ai.onnx TfIdfVectorizer. */
public final class MlOps {
    private static final String ML = "ai.onnx.ml";

    private MlOps() {}

    /** Registers this family's ops. */
    public static void register(OpRegistry r) {
        r.add(ML, "ArrayFeatureExtractor", 1, 2, 2, (n, c) -> new ArrayFeatureExtractor(n));
        r.add(ML, "Binarizer", 1, 1, 1, (n, c) -> new Binarizer(n));
        r.add(ML, "Imputer", 1, 1, 1, (n, c) -> new Imputer(n));
        r.add(ML, "LabelEncoder", 1, 1, 1, (n, c) -> new LabelEncoder(n, 1));
        r.add(ML, "LabelEncoder", 2, 1, 1, (n, c) -> new LabelEncoder(n, 2));
        r.add(ML, "LabelEncoder", 4, 1, 1, (n, c) -> new LabelEncoder(n, 4));
        r.add(ML, "LinearClassifier", 1, 1, 1, (n, c) -> new LinearClassifier(n));
        r.add(ML, "LinearRegressor", 1, 1, 1, (n, c) -> new LinearRegressor(n));
        r.add(ML, "Normalizer", 1, 1, 1, (n, c) -> new Normalizer(n));
        r.add(ML, "OneHotEncoder", 1, 1, 1, (n, c) -> new OneHotEncoder(n));
        r.add(ML, "Scaler", 1, 1, 1, (n, c) -> new Scaler(n));
        r.add(ML, "TreeEnsemble", 5, 1, 1, (n, c) -> new TreeEnsemble(n));
        r.add(ML, "TreeEnsembleClassifier", 1, 1, 1, (n, c) -> new TreeEnsembleClassifier(n));
        r.add(ML, "TreeEnsembleRegressor", 1, 1, 1, (n, c) -> new TreeEnsembleRegressor(n));
        r.add("TfIdfVectorizer", 9, 1, 1, TfIdfVectorizer::new);
    }
}
