package dev.kiln.ops.image;

import dev.kiln.runtime.exec.ExecutionContext;
import dev.kiln.runtime.graph.Node;
import dev.kiln.runtime.op.LoadContext;
import dev.kiln.runtime.op.TensorOp;
import dev.kiln.runtime.tensor.DType;
import dev.kiln.runtime.tensor.MemoryBudget;
import dev.kiln.runtime.tensor.Shape;
import dev.kiln.runtime.tensor.Tensor;

/**
 * RoiAlign (opset 10, 16, 22): pools every region of interest into an (output_height,
 * output_width) grid of bins; each bin averages (or takes the max of) bilinear samples on a regular
 * sub-grid.
 *
 * <p>Letters: N batch, C channels, H/W input height/width, R rois, PH/PW pooled height/width.
 * {@code X: (N, C, H, W)}, {@code rois: (R, 4)} as (x1, y1, x2, y2), {@code batch_indices: (R)},
 * {@code Y: (R, C, PH, PW)}. In max mode a sample's value is the largest of its four weighted corner
 * terms, as in the reference implementation. Opset 10 has no half-pixel shift.
 */
public final class RoiAlign extends TensorOp {
    private final boolean halfPixel;
    private final boolean max;
    private final int outH;
    private final int outW;
    private final int samplingRatio;
    private final double spatialScale;

    public RoiAlign(Node node, LoadContext ctx) {
        var a = node.attributes();
        String ctm = ctx.sinceVersion() < 16 ? "output_half_pixel" : a.getString("coordinate_transformation_mode", "half_pixel");
        this.halfPixel = switch (ctm) {
            case "half_pixel" -> true;
            case "output_half_pixel" -> false;
            default -> throw new IllegalArgumentException("attribute 'coordinate_transformation_mode' must be half_pixel "
                    + "or output_half_pixel, got '" + ctm + "'");
        };
        String m = a.getString("mode", "avg");
        this.max = switch (m) {
            case "avg" -> false;
            case "max" -> true;
            default -> throw new IllegalArgumentException("attribute 'mode' must be avg or max, got '" + m + "'");
        };
        this.outH = (int) a.getInt("output_height", 1);
        this.outW = (int) a.getInt("output_width", 1);
        this.samplingRatio = (int) a.getInt("sampling_ratio", 0);
        this.spatialScale = a.getFloat("spatial_scale", 1.0f);
        if (outH <= 0 || outW <= 0 || samplingRatio < 0) {
            throw new IllegalArgumentException("attributes output_height/output_width must be positive and "
                    + "sampling_ratio non-negative");
        }
    }

    @Override
    protected Tensor[] compute(Tensor[] in) {
        Tensor x = in[0], rois = in[1], batch = in[2];
        if (x.rank() != 4 || !x.dtype().isFloatingPoint()) {
            throw new IllegalArgumentException("input X must be a 4-D float tensor, got " + x.describe());
        }
        int n = x.shape().dimInt(0), c = x.shape().dimInt(1), h = x.shape().dimInt(2), w = x.shape().dimInt(3);
        if (rois.rank() != 2 || rois.shape().dim(1) != 4) {
            throw new IllegalArgumentException("input 'rois' must have shape (R, 4), got " + rois.describe());
        }
        if (h == 0 || w == 0) throw new IllegalArgumentException("input X has an empty spatial axis: " + x.describe());
        int numRois = rois.shape().dimInt(0);
        if (batch.dtype() != DType.INT64 || batch.size() != numRois) {
            throw new IllegalArgumentException("input 'batch_indices' must be int64 of shape (" + numRois + "), got "
                    + batch.describe());
        }
        double[] xd = x.toDoubleArray(), rd = rois.toDoubleArray();
        long[] bi = batch.longs();
        long ySize = (long) numRois * c * outH * outW;
        MemoryBudget.check(DType.FLOAT64, ySize);
        double[] y = new double[Math.toIntExact(ySize)];
        double offset = halfPixel ? 0.5 : 0;
        for (int r = 0; r < numRois; r++) {
            if (bi[r] < 0 || bi[r] >= n) {
                throw new IllegalArgumentException("batch index " + bi[r] + " is out of range [0, " + n + ")");
            }
            double startW = rd[r * 4] * spatialScale - offset, startH = rd[r * 4 + 1] * spatialScale - offset;
            double roiW = rd[r * 4 + 2] * spatialScale - offset - startW;
            double roiH = rd[r * 4 + 3] * spatialScale - offset - startH;
            if (!halfPixel) {
                roiW = Math.max(roiW, 1.0);
                roiH = Math.max(roiH, 1.0);
            }
            double binH = roiH / outH, binW = roiW / outW;
            double gh = samplingRatio > 0 ? samplingRatio : Math.ceil(roiH / outH);
            double gw = samplingRatio > 0 ? samplingRatio : Math.ceil(roiW / outW);
            // per bin sample: 4 corner positions and weights, shared by all channels
            double corners = 4.0 * outH * outW * gh * gw;
            if (!(corners < Integer.MAX_VALUE - 8)) { // also NaN
                throw new IllegalArgumentException("roi " + r + " would take " + corners + " samples ("
                        + outH + " x " + outW + " bins of " + gh + " x " + gw + ")");
            }
            int gridH = (int) gh, gridW = (int) gw;
            // an empty or inverted roi (possible with half_pixel) samples nothing; without this a
            // grid of 0 columns and 10^9 rows spun through empty loops
            if (gridH <= 0 || gridW <= 0) gridH = gridW = 0;
            int count = Math.max(gridH * gridW, 1);
            int samples = outH * outW * gridH * gridW;
            MemoryBudget.check(DType.FLOAT64, 4L * samples);
            int[] pos = new int[samples * 4];
            double[] wt = new double[samples * 4];
            int s = 0;
            for (int ph = 0; ph < outH; ph++) {
                ExecutionContext.checkActiveCancelled();
                for (int pw = 0; pw < outW; pw++) {
                    for (int iy = 0; iy < gridH; iy++) {
                        double yy = startH + ph * binH + (iy + 0.5) * binH / gridH;
                        for (int ix = 0; ix < gridW; ix++, s++) {
                            if ((s & 4095) == 4095) ExecutionContext.checkActiveCancelled();
                            double xx = startW + pw * binW + (ix + 0.5) * binW / gridW;
                            bilinear(yy, xx, h, w, pos, wt, s * 4);
                        }
                    }
                }
            }
            for (int ci = 0; ci < c; ci++) {
                ExecutionContext.checkActiveCancelled();
                int base = (int) ((bi[r] * c + ci) * h * w);
                s = 0;
                for (int bin = 0; bin < outH * outW; bin++) {
                    double acc = 0;
                    boolean first = true;
                    for (int k = 0; k < gridH * gridW; k++, s++) {
                        if ((k & 4095) == 4095) ExecutionContext.checkActiveCancelled();
                        if (max) {
                            double v = Double.NEGATIVE_INFINITY;
                            for (int q = 0; q < 4; q++) v = Math.max(v, wt[s * 4 + q] * xd[base + pos[s * 4 + q]]);
                            acc = first ? v : Math.max(acc, v);
                            first = false;
                        } else {
                            for (int q = 0; q < 4; q++) acc += wt[s * 4 + q] * xd[base + pos[s * 4 + q]];
                        }
                    }
                    y[(r * c + ci) * outH * outW + bin] = max ? acc : acc / count;
                }
            }
        }
        return new Tensor[] {Tensor.fromDoubles(x.dtype(), Shape.of(numRois, c, outH, outW), y)};
    }

    /** Corner offsets and weights of a bilinear sample at (y, x); all zero outside [-1, H] x [-1, W]. */
    private static void bilinear(double y, double x, int h, int w, int[] pos, double[] wt, int at) {
        if (y < -1.0 || y > h || x < -1.0 || x > w) return;
        y = Math.max(y, 0);
        x = Math.max(x, 0);
        int yLow = (int) y, xLow = (int) x, yHigh, xHigh;
        if (yLow >= h - 1) {
            yHigh = yLow = h - 1;
            y = yLow;
        } else {
            yHigh = yLow + 1;
        }
        if (xLow >= w - 1) {
            xHigh = xLow = w - 1;
            x = xLow;
        } else {
            xHigh = xLow + 1;
        }
        double ly = y - yLow, lx = x - xLow, hy = 1 - ly, hx = 1 - lx;
        pos[at] = yLow * w + xLow;
        pos[at + 1] = yLow * w + xHigh;
        pos[at + 2] = yHigh * w + xLow;
        pos[at + 3] = yHigh * w + xHigh;
        wt[at] = hy * hx;
        wt[at + 1] = hy * lx;
        wt[at + 2] = ly * hx;
        wt[at + 3] = ly * lx;
    }
}
