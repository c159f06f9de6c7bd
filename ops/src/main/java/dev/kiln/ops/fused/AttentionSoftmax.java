package dev.kiln.ops.fused;

import dev.kiln.ops.common.VectorMath;
import dev.kiln.ops.norm.SoftmaxKernel;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The middle of {@link Attention} for one head on the Vector API: each row of the score block
 * is scaled, masked and normalized in place, {@code P = softmax(S / c + mask)} (or {@code S * c}),
 * in three sweeps while the row is in cache. Only use it when
 * {@link dev.kiln.ops.common.Vectors#ENABLED}.
 */
final class AttentionSoftmax {
    private static final VectorSpecies<Float> S = VectorMath.S;

    private AttentionSoftmax() {}

    /**
     * @param scores the (rows, n) block, overwritten with the probabilities
     * @param c the scale; {@code divide} divides by it, else multiplies
     * @param mask the mask values or null; row r, column j reads {@code mask[maskOff + r *
     *     rowStride + j * colStride]} with colStride 0 or 1
     */
    static void rows(float[] scores, int rows, int n, float c, boolean divide, float[] mask, int maskOff,
                     int rowStride, int colStride) {
        // one multiply per score (dividing by c is multiplying by 1/c, within an ulp); no branch
        // inside the vector loops, so that C2 keeps every vector in registers
        float factor = divide ? 1f / c : c;
        int bound = S.loopBound(n);
        for (int r = 0; r < rows; r++) {
            int off = r * n, m = maskOff + r * rowStride;
            // x = s * factor + mask, and the row maximum (a NaN lane wins, as in Math.max)
            FloatVector vmax = FloatVector.broadcast(S, Float.NEGATIVE_INFINITY);
            int j = 0;
            if (mask != null && colStride == 1) {
                for (; j < bound; j += S.length()) {
                    FloatVector v = FloatVector.fromArray(S, scores, off + j).mul(factor)
                            .add(FloatVector.fromArray(S, mask, m + j));
                    v.intoArray(scores, off + j);
                    vmax = vmax.max(v);
                }
            } else {
                float add = mask == null ? 0f : mask[m];
                for (; j < bound; j += S.length()) {
                    FloatVector v = FloatVector.fromArray(S, scores, off + j).mul(factor).add(add);
                    v.intoArray(scores, off + j);
                    vmax = vmax.max(v);
                }
            }
            float max = vmax.reduceLanes(VectorOperators.MAX);
            for (; j < n; j++) {
                float x = scores[off + j] * factor + (mask == null ? 0f : mask[m + j * colStride]);
                scores[off + j] = x;
                max = Math.max(max, x);
            }
            // a NaN maximum (or an all -Infinity row) makes the whole row NaN, as in Softmax
            SoftmaxKernel.normalize(scores, off, max, scores, n);
        }
    }
}
