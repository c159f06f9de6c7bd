/**
 * Tabular data: the bundled scikit-learn datasets ({@link dev.kiln.models.data.Datasets}), a CSV
 * reader, seeded train/test and k-fold splits (plain and stratified), scores
 * ({@link dev.kiln.models.data.Metrics}) and argument checks.
 */
package dev.kiln.models.data;
