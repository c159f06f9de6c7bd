package dev.kiln.ops.quant;

import dev.kiln.runtime.graph.Attributes;
import dev.kiln.runtime.tensor.Shape;

/**
 * Direct N-d convolution (cross-correlation) on values already shifted by their zero points, so
 * padding contributes zeros. Accumulates in double, exact for integer operands.
 *
 * <p>Letters: x (N, C, D1..Dr), w (M, C/group, K1..Kr), y (N, M, O1..Or).
 */
final class DirectConv {
    /** The convolution attributes, read once with their ONNX defaults. */
    record Params(String autoPad, long[] dilations, long group, long[] kernelShape, long[] pads, long[] strides) {
        static Params of(Attributes a) {
            return new Params(a.getString("auto_pad", "NOTSET"), a.getInts("dilations", null), a.getInt("group", 1),
                    a.getInts("kernel_shape", null), a.getInts("pads", null), a.getInts("strides", null));
        }
    }

    /** Resolved geometry: per spatial axis, kernel size, stride, dilation, leading pad and output size. */
    record Geometry(int[] kernel, int[] strides, int[] dilations, int[] padBegin, int[] out, int group) {}

    private DirectConv() {}

    static Geometry geometry(Shape x, Shape w, Params p) {
        if (x.rank() < 3 || w.rank() != x.rank()) {
            throw new IllegalArgumentException("input 'x' " + x + " and 'w' " + w
                    + " must both have rank >= 3 and equal rank (N, C, spatial...) / (M, C/group, kernel...)");
        }
        int r = x.rank() - 2;
        int group = (int) p.group();
        if (group < 1 || x.dim(1) != w.dim(1) * group || w.dim(0) % group != 0) {
            throw new IllegalArgumentException("channels do not match: x " + x + ", w " + w + ", group " + p.group());
        }
        int[] k = new int[r];
        int[] s = new int[r];
        int[] d = new int[r];
        int[] pb = new int[r];
        int[] out = new int[r];
        for (int i = 0; i < r; i++) {
            k[i] = w.dimInt(i + 2);
            if (p.kernelShape() != null && (p.kernelShape().length != r || p.kernelShape()[i] != k[i])) {
                throw new IllegalArgumentException("attribute 'kernel_shape' does not match w's shape " + w);
            }
            s[i] = (int) value(p.strides(), i, r, 1, "strides");
            d[i] = (int) value(p.dilations(), i, r, 1, "dilations");
            if (s[i] < 1 || d[i] < 1) throw new IllegalArgumentException("strides and dilations must be >= 1");
            int in = x.dimInt(i + 2);
            int span = (k[i] - 1) * d[i] + 1;
            switch (p.autoPad()) {
                case "NOTSET", "VALID" -> {
                    boolean valid = p.autoPad().equals("VALID");
                    int b = valid ? 0 : (int) pad(p.pads(), i, r);
                    int e = valid ? 0 : (int) pad(p.pads(), i + r, r);
                    pb[i] = b;
                    out[i] = Math.floorDiv(in + b + e - span, s[i]) + 1;
                }
                case "SAME_UPPER", "SAME_LOWER" -> {
                    out[i] = (in + s[i] - 1) / s[i];
                    int total = Math.max(0, (out[i] - 1) * s[i] + span - in);
                    pb[i] = p.autoPad().equals("SAME_UPPER") ? total / 2 : total - total / 2;
                }
                default -> throw new IllegalArgumentException("attribute 'auto_pad' must be NOTSET, SAME_UPPER, "
                        + "SAME_LOWER or VALID, got '" + p.autoPad() + "'");
            }
            if (out[i] < 0) out[i] = 0;
        }
        return new Geometry(k, s, d, pb, out, group);
    }

    private static long value(long[] v, int i, int r, long def, String name) {
        if (v == null) return def;
        if (v.length != r) {
            throw new IllegalArgumentException("attribute '" + name + "' needs " + r + " values, got " + v.length);
        }
        return v[i];
    }

    private static long pad(long[] pads, int i, int r) {
        if (pads == null) return 0;
        if (pads.length != 2 * r) {
            throw new IllegalArgumentException("attribute 'pads' needs " + 2 * r + " values, got " + pads.length);
        }
        if (pads[i] < 0) throw new IllegalArgumentException("attribute 'pads' must be >= 0");
        return pads[i];
    }

    /** The output shape (N, M, O1..Or). */
    static Shape outputShape(Shape x, Shape w, Geometry g) {
        long[] dims = new long[x.rank()];
        dims[0] = x.dim(0);
        dims[1] = w.dim(0);
        for (int i = 0; i < g.out().length; i++) dims[i + 2] = g.out()[i];
        return Shape.of(dims);
    }

    // x: (N, C, D...), w: (M, C/group, K...) -> y: (N, M, O...)
    static double[] conv(double[] x, Shape xs, double[] w, Shape ws, Geometry g) {
        int r = g.out().length;
        int n = xs.dimInt(0);
        int c = xs.dimInt(1);
        int m = ws.dimInt(0);
        int cg = c / g.group();
        int mg = m / g.group();
        int[] in = new int[r];
        for (int i = 0; i < r; i++) in[i] = xs.dimInt(i + 2);
        int inSp = (int) xs.sizeBetween(2, xs.rank());
        int kSp = (int) ws.sizeBetween(2, ws.rank());
        int outSp = 1;
        for (int o : g.out()) outSp *= o;
        int[] inStr = new int[r];
        for (int i = r - 1, acc = 1; i >= 0; i--) { inStr[i] = acc; acc *= in[i]; }
        // kernel offsets per spatial axis, kernel position major
        int[] kOff = new int[kSp * r];
        int[] kc = new int[r];
        for (int kk = 0; kk < kSp; kk++) {
            for (int i = 0; i < r; i++) kOff[kk * r + i] = kc[i] * g.dilations()[i];
            for (int i = r - 1; i >= 0 && ++kc[i] == g.kernel()[i]; i--) kc[i] = 0;
        }
        double[] y = new double[n * m * outSp];
        int[] oc = new int[r];
        int[] base = new int[r];
        for (int b = 0; b < n; b++) {
            for (int mo = 0; mo < m; mo++) {
                int grp = mo / mg;
                java.util.Arrays.fill(oc, 0);
                for (int op = 0; op < outSp; op++) {
                    for (int i = 0; i < r; i++) base[i] = oc[i] * g.strides()[i] - g.padBegin()[i];
                    double acc = 0;
                    for (int kk = 0; kk < kSp; kk++) {
                        int off = 0;
                        boolean inside = true;
                        for (int i = 0; i < r; i++) {
                            int ic = base[i] + kOff[kk * r + i];
                            if (ic < 0 || ic >= in[i]) { inside = false; break; }
                            off += ic * inStr[i];
                        }
                        if (!inside) continue;
                        int xo = (b * c + grp * cg) * inSp + off;
                        int wo = mo * cg * kSp + kk;
                        for (int ci = 0; ci < cg; ci++) acc += x[xo + ci * inSp] * w[wo + ci * kSp];
                    }
                    y[(b * m + mo) * outSp + op] = acc;
                    for (int i = r - 1; i >= 0 && ++oc[i] == g.out()[i]; i--) oc[i] = 0;
                }
            }
        }
        return y;
    }

    /** w shifted by a per-tensor or per-output-channel zero point. */
    static double[] shiftWeights(double[] w, Shape ws, double[] zp, String what) {
        int m = ws.dimInt(0);
        if (zp.length != 1 && zp.length != m) {
            throw new IllegalArgumentException("input '" + what + "' must be a scalar or have " + m
                    + " values (one per output channel), got " + zp.length);
        }
        int per = m == 0 ? 0 : w.length / m;
        double[] out = new double[w.length];
        for (int i = 0; i < w.length; i++) out[i] = w[i] - zp[zp.length == 1 ? 0 : i / per];
        return out;
    }

    /** x shifted by a per-tensor zero point. */
    static double[] shiftInput(double[] x, double[] zp, String what) {
        if (zp.length != 1) {
            throw new IllegalArgumentException("input '" + what + "' must be a scalar, got " + zp.length + " values");
        }
        double[] out = new double[x.length];
        for (int i = 0; i < x.length; i++) out[i] = x[i] - zp[0];
        return out;
    }
}
