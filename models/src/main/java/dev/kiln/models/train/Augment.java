package dev.kiln.models.train;

import dev.kiln.runtime.tensor.Tensor;
import java.util.SplittableRandom;
import org.joml.Matrix3x2f;
import org.joml.Vector2f;

/**
 * Random affine augmentation of images {@code (N, C, H, W)}: a small rotation, scale and shift
 * about the image centre, built as a JOML matrix and applied by bilinear resampling (samples
 * outside the image read as 0).
 *
 * @param maxRotationDegrees rotation drawn uniformly from [-max, max]
 * @param maxScale scale drawn uniformly from [1 - max, 1 + max]
 * @param maxShift shift in pixels drawn uniformly from [-max, max] per axis
 */
public record Augment(double maxRotationDegrees, double maxScale, double maxShift) {
    public Augment {
        if (maxRotationDegrees < 0 || maxScale < 0 || maxScale >= 1 || maxShift < 0) {
            throw new IllegalArgumentException("Augment ranges must be >= 0 (scale < 1)");
        }
    }

    /** A new batch with one random transform per image. */
    public Tensor apply(Tensor images, SplittableRandom rnd) {
        if (images.rank() != 4) throw new IllegalArgumentException("Augment expects (N, C, H, W), got " + images.describe());
        int n = images.shape().dimInt(0);
        int c = images.shape().dimInt(1);
        int h = images.shape().dimInt(2);
        int w = images.shape().dimInt(3);
        float[] src = images.floats();
        float[] dst = new float[src.length];
        for (int i = 0; i < n; i++) {
            float angle = (float) Math.toRadians((rnd.nextDouble() * 2 - 1) * maxRotationDegrees);
            float scale = (float) (1 + (rnd.nextDouble() * 2 - 1) * maxScale);
            float dx = (float) ((rnd.nextDouble() * 2 - 1) * maxShift);
            float dy = (float) ((rnd.nextDouble() * 2 - 1) * maxShift);
            Matrix3x2f inverse = transform(angle, scale, dx, dy, w, h).invert();
            for (int ch = 0; ch < c; ch++) {
                int plane = (i * c + ch) * h * w;
                resample(src, dst, plane, h, w, inverse);
            }
        }
        return Tensor.of(dst, images.shape().dims());
    }

    /** The forward transform: about the centre, rotate and scale, then shift. */
    static Matrix3x2f transform(float angle, float scale, float dx, float dy, int w, int h) {
        float cx = (w - 1) / 2f;
        float cy = (h - 1) / 2f;
        return new Matrix3x2f().translate(cx + dx, cy + dy).rotate(angle).scale(scale).translate(-cx, -cy);
    }

    /** dst(x, y) = bilinear src(inverse * (x, y)). */
    static void resample(float[] src, float[] dst, int plane, int h, int w, Matrix3x2f inverse) {
        Vector2f p = new Vector2f();
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                inverse.transformPosition(p.set(x, y));
                dst[plane + y * w + x] = bilinear(src, plane, h, w, p.x, p.y);
            }
        }
    }

    static float bilinear(float[] src, int plane, int h, int w, float x, float y) {
        int x0 = (int) Math.floor(x);
        int y0 = (int) Math.floor(y);
        float fx = x - x0;
        float fy = y - y0;
        return (1 - fx) * (1 - fy) * at(src, plane, h, w, x0, y0) + fx * (1 - fy) * at(src, plane, h, w, x0 + 1, y0)
                + (1 - fx) * fy * at(src, plane, h, w, x0, y0 + 1) + fx * fy * at(src, plane, h, w, x0 + 1, y0 + 1);
    }

    private static float at(float[] src, int plane, int h, int w, int x, int y) {
        return x < 0 || y < 0 || x >= w || y >= h ? 0f : src[plane + y * w + x];
    }
}
