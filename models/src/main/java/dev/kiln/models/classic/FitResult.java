package dev.kiln.models.classic;

import java.nio.file.Path;

/**
 * What {@link FitTool} did.
 *
 * @param kind the model kind fitted
 * @param metric the score's name ("accuracy", "r2" or "adjusted_rand_index")
 * @param trainScore score on the training split
 * @param testScore score on the held-out split
 * @param crossValidation 5-fold scores on all rows (null for k-means)
 * @param model the written .onnx file
 */
public record FitResult(String kind, String metric, double trainScore, double testScore, CvScores crossValidation,
                        Path model) {}
