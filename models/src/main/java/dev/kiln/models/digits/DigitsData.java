package dev.kiln.models.digits;

import dev.kiln.models.data.Dataset;
import dev.kiln.models.data.Datasets;
import dev.kiln.models.data.Split;
import dev.kiln.models.data.Splits;
import dev.kiln.runtime.tensor.Tensor;

/**
 * The scikit-learn digits (1797 images of 8×8 pixels, values 0..16) as tensors, scaled to
 * [0, 1], on a fixed seeded 80/20 train/test split.
 *
 * @param xTrain training images {@code (N, 1, 8, 8)}
 * @param yTrain training labels {@code (N)} int64
 * @param xTest test images
 * @param yTest test labels
 */
public record DigitsData(Tensor xTrain, Tensor yTrain, Tensor xTest, Tensor yTest) {
    /** Loads the split made with {@code seed}. */
    public static DigitsData load(long seed) {
        Dataset d = Datasets.digits();
        Split s = Splits.trainTest(d.rows(), 0.2, seed);
        Dataset train = s.trainOf(d);
        Dataset test = s.testOf(d);
        return new DigitsData(images(train), labels(train), images(test), labels(test));
    }

    private static Tensor images(Dataset d) {
        float[] v = new float[d.rows() * 64];
        for (int r = 0; r < d.rows(); r++) {
            for (int j = 0; j < 64; j++) v[r * 64 + j] = (float) (d.x()[r][j] / 16.0);
        }
        return Tensor.of(v, d.rows(), 1, 8, 8);
    }

    private static Tensor labels(Dataset d) {
        int[] l = d.labels();
        long[] v = new long[l.length];
        for (int i = 0; i < l.length; i++) v[i] = l[i];
        return Tensor.of(v, l.length);
    }

    /** The images flattened to {@code (N, 64)} for an MLP. */
    public static Tensor flat(Tensor images) {
        return images.reshape(dev.kiln.runtime.tensor.Shape.of(images.shape().dim(0), 64));
    }
}
