/**
 * Classic machine learning with a small fit/predict API, every fitted model exportable to ONNX.
 *
 * <ul>
 *   <li>{@link dev.kiln.models.classic.Estimator} ({@link dev.kiln.models.classic.Classifier},
 *       {@link dev.kiln.models.classic.Regressor}) and {@link dev.kiln.models.classic.Transformer};
 *       a {@link dev.kiln.models.classic.Pipeline} chains transformers and an estimator.</li>
 *   <li>Models: {@link dev.kiln.models.classic.LinearRegression} (QR, SVD or gradient descent,
 *       optional ridge), {@link dev.kiln.models.classic.LogisticRegression} (binary and
 *       multinomial, L-BFGS), CART trees ({@link dev.kiln.models.classic.DecisionTreeClassifier},
 *       {@link dev.kiln.models.classic.DecisionTreeRegressor}), {@link dev.kiln.models.classic.KMeans},
 *       {@link dev.kiln.models.classic.Pca} and {@link dev.kiln.models.classic.TruncatedSvd}.</li>
 *   <li>Preprocessing: {@link dev.kiln.models.classic.StandardScaler},
 *       {@link dev.kiln.models.classic.MinMaxScaler}, {@link dev.kiln.models.classic.OneHotEncoder}.</li>
 *   <li>{@link dev.kiln.models.classic.CrossValidation} and {@link dev.kiln.models.classic.FitTool}
 *       (CSV in, metrics and .onnx out).</li>
 * </ul>
 *
 * <p>{@code toOnnx()} builds a graph with input {@code X}: float32 (N, F), importing ai.onnx 17 and
 * ai.onnx.ml 3. Classifiers output {@code label} int64 (N) and {@code probabilities} float32
 * (N, C); regressors {@code variable} float32 (N, 1). Tree split decisions are made on float32
 * values in Java too, so exported trees route every row exactly as the fitted ones.
 */
package dev.kiln.models.classic;
