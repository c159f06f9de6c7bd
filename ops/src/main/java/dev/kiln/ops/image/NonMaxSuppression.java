package dev.kiln.ops.image;

import dev.kiln.runtime.graph.Node;
import dev.kiln.runtime.op.TensorOp;
import dev.kiln.runtime.tensor.DType;
import dev.kiln.runtime.tensor.Shape;
import dev.kiln.runtime.tensor.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * NonMaxSuppression (opset 10, 11): per batch and class, greedily keeps the highest-scoring boxes
 * above {@code score_threshold}, dropping any box whose IoU with a kept box is strictly greater than
 * {@code iou_threshold}, up to {@code max_output_boxes_per_class} boxes.
 *
 * <p>Letters: B batches, K classes, S boxes. {@code boxes: (B, S, 4)} as corners (y1, x1, y2, x2)
 * or, with {@code center_point_box}, as (x_center, y_center, width, height);
 * {@code scores: (B, K, S)}; output {@code (M, 3)} int64 rows (batch, class, box) in batch, class,
 * then selection order.
 */
public final class NonMaxSuppression extends TensorOp {
    private final boolean centerPoint;

    public NonMaxSuppression(Node node) {
        long cpb = node.attributes().getInt("center_point_box", 0);
        if (cpb != 0 && cpb != 1) {
            throw new IllegalArgumentException("attribute 'center_point_box' must be 0 or 1, got " + cpb);
        }
        this.centerPoint = cpb == 1;
    }

    @Override
    protected Tensor[] compute(Tensor[] in) {
        Tensor boxes = in[0], scores = in[1];
        Tensor maxT = in.length > 2 ? in[2] : null, iouT = in.length > 3 ? in[3] : null;
        Tensor scoreT = in.length > 4 ? in[4] : null;
        if (boxes.rank() != 3 || boxes.shape().dim(2) != 4) {
            throw new IllegalArgumentException("input 'boxes' must have shape (B, S, 4), got " + boxes.describe());
        }
        int b = boxes.shape().dimInt(0), s = boxes.shape().dimInt(1);
        if (scores.rank() != 3 || scores.shape().dim(0) != b || scores.shape().dim(2) != s) {
            throw new IllegalArgumentException("input 'scores' must have shape (" + b + ", K, " + s + "), got "
                    + scores.describe());
        }
        int k = scores.shape().dimInt(1);
        long maxOut = maxT == null || maxT.size() == 0 ? 0 : maxT.getLong(0);
        double iouThreshold = iouT == null || iouT.size() == 0 ? 0 : iouT.getDouble(0);
        boolean hasScoreThreshold = scoreT != null && scoreT.size() > 0;
        double scoreThreshold = hasScoreThreshold ? scoreT.getDouble(0) : 0;
        if (iouThreshold < 0 || iouThreshold > 1) {
            throw new IllegalArgumentException("input 'iou_threshold' must lie in [0, 1], got " + iouThreshold);
        }
        double[] bx = boxes.toDoubleArray(), sc = scores.toDoubleArray();
        // corners: (y_min, x_min, y_max, x_max) per box
        double[] corners = new double[b * s * 4];
        for (int i = 0; i < b * s; i++) toCorners(bx, i * 4, corners);
        List<long[]> selected = new ArrayList<>();
        if (maxOut > 0) {
            Integer[] order = new Integer[s];
            List<Integer> kept = new ArrayList<>();
            for (int bi = 0; bi < b; bi++) {
                for (int ki = 0; ki < k; ki++) {
                    int sOff = (bi * k + ki) * s;
                    for (int i = 0; i < s; i++) order[i] = i;
                    Arrays.sort(order, Comparator.<Integer>comparingDouble(i -> -sc[sOff + i]).thenComparingInt(i -> i));
                    kept.clear();
                    for (int idx : order) {
                        if (kept.size() >= maxOut) break;
                        double score = sc[sOff + idx];
                        if (hasScoreThreshold && !(score > scoreThreshold)) break;
                        boolean keep = true;
                        for (int j : kept) {
                            if (iou(corners, (bi * s + idx) * 4, (bi * s + j) * 4) > iouThreshold) {
                                keep = false;
                                break;
                            }
                        }
                        if (keep) {
                            kept.add(idx);
                            selected.add(new long[] {bi, ki, idx});
                        }
                    }
                }
            }
        }
        long[] out = new long[selected.size() * 3];
        for (int i = 0; i < selected.size(); i++) System.arraycopy(selected.get(i), 0, out, i * 3, 3);
        return new Tensor[] {Tensor.wrap(DType.INT64, Shape.of(selected.size(), 3), out)};
    }

    private void toCorners(double[] bx, int at, double[] out) {
        double y1, x1, y2, x2;
        if (centerPoint) {
            double xc = bx[at], yc = bx[at + 1], w = bx[at + 2], h = bx[at + 3];
            x1 = xc - w / 2;
            x2 = xc + w / 2;
            y1 = yc - h / 2;
            y2 = yc + h / 2;
        } else {
            y1 = bx[at];
            x1 = bx[at + 1];
            y2 = bx[at + 2];
            x2 = bx[at + 3];
        }
        out[at] = Math.min(y1, y2);
        out[at + 1] = Math.min(x1, x2);
        out[at + 2] = Math.max(y1, y2);
        out[at + 3] = Math.max(x1, x2);
    }

    /** Intersection over union of two corner boxes; 0 when either is empty or they do not overlap. */
    private static double iou(double[] c, int a, int b) {
        double ih = Math.min(c[a + 2], c[b + 2]) - Math.max(c[a], c[b]);
        double iw = Math.min(c[a + 3], c[b + 3]) - Math.max(c[a + 1], c[b + 1]);
        if (ih <= 0 || iw <= 0) return 0;
        double inter = ih * iw;
        double areaA = (c[a + 2] - c[a]) * (c[a + 3] - c[a + 1]);
        double areaB = (c[b + 2] - c[b]) * (c[b + 3] - c[b + 1]);
        double union = areaA + areaB - inter;
        return union <= 0 ? 0 : inter / union;
    }
}
