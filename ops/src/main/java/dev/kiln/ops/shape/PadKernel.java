package dev.kiln.ops.shape;

import dev.kiln.runtime.tensor.DType;
import dev.kiln.runtime.tensor.MemoryBudget;
import dev.kiln.runtime.tensor.Shape;
import dev.kiln.runtime.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;

/**
 * Padding and cropping for Pad and CenterCropPad: output coordinate {@code o} on axis k reads
 * input coordinate {@code o - begins[k]}; coordinates outside the input are resolved by the
 * mode (a constant, the edge value, a mirror without repeating the edge, or a wrap-around).
 */
final class PadKernel {
    private PadKernel() {}

    /** How coordinates outside the input are filled. */
    enum Mode {
        CONSTANT, REFLECT, EDGE, WRAP;

        static Mode parse(String s) {
            return switch (s) {
                case "constant" -> CONSTANT;
                case "reflect" -> REFLECT;
                case "edge" -> EDGE;
                case "wrap" -> WRAP;
                default -> throw new IllegalArgumentException("attribute 'mode' is '" + s
                        + "', expected constant, reflect, edge or wrap");
            };
        }
    }

    /**
     * Pads (positive {@code begins}/{@code ends}) or crops (negative) every axis of {@code x}.
     *
     * @param constant a one-element array of x's storage type, used in CONSTANT mode
     */
    static Tensor pad(Tensor x, long[] begins, long[] ends, Mode mode, Object constant) {
        int r = x.rank();
        long[] dims = x.shape().dims();
        long[] out = new long[r];
        for (int k = 0; k < r; k++) {
            out[k] = dims[k] + begins[k] + ends[k];
            if (out[k] < 0) {
                throw new IllegalArgumentException("pads " + begins[k] + ", " + ends[k] + " on axis " + k
                        + " of size " + dims[k] + " give a negative size " + out[k]);
            }
        }
        Tensor y = Tensor.zeros(x.dtype(), Shape.of(out));
        int total = y.size();
        if (total == 0) return y;
        if (r == 0) {
            System.arraycopy(x.data(), 0, y.data(), 0, 1);
            return y;
        }
        int[][] maps = new int[r][];
        for (int k = 0; k < r; k++) maps[k] = axisMap(dims[k], out[k], begins[k], mode, k);
        long[] strides = x.shape().strides();
        List<int[]> segments = segments(maps[r - 1]);
        Object src = x.data();
        Object dst = y.data();
        int row = (int) out[r - 1];
        int rows = total / row;
        int[] ctr = new int[r - 1];
        for (int q = 0; q < rows; q++) {
            long base = 0;
            boolean outside = false;
            for (int k = 0; k < r - 1; k++) {
                int c = maps[k][ctr[k]];
                if (c < 0) {
                    outside = true;
                    break;
                }
                base += c * strides[k];
            }
            int o = q * row;
            if (outside) {
                Moves.fill(dst, o, o + row, constant);
            } else {
                for (int[] s : segments) {
                    if (s[2] < 0) Moves.fill(dst, o + s[0], o + s[0] + s[1], constant);
                    else if (s[1] == 1) System.arraycopy(src, (int) base + s[2], dst, o + s[0], 1);
                    else System.arraycopy(src, (int) base + s[2], dst, o + s[0], s[1]);
                }
            }
            for (int k = r - 2; k >= 0; k--) {
                if (++ctr[k] < out[k]) break;
                ctr[k] = 0;
            }
        }
        return y;
    }

    /**
     * For each output element (row-major) of {@link #pad} with these arguments, the flat index of
     * the input element it copies, or -1 where it holds the constant.
     */
    static int[] sourceMap(Shape in, long[] begins, long[] ends, Mode mode) {
        int r = in.rank();
        long[] dims = in.dims();
        long[] strides = in.strides();
        long[] out = new long[r];
        int[][] maps = new int[r][];
        for (int k = 0; k < r; k++) {
            out[k] = dims[k] + begins[k] + ends[k];
            maps[k] = axisMap(dims[k], out[k], begins[k], mode, k);
        }
        MemoryBudget.check(DType.INT32, Shape.of(out));
        int[] source = new int[Shape.of(out).sizeInt()];
        int[] ctr = new int[r];
        for (int o = 0; o < source.length; o++) {
            long at = 0;
            for (int k = 0; k < r && at >= 0; k++) {
                int c = maps[k][ctr[k]];
                at = c < 0 ? -1 : at + c * strides[k];
            }
            source[o] = (int) at;
            for (int k = r - 1; k >= 0; k--) {
                if (++ctr[k] < out[k]) break;
                ctr[k] = 0;
            }
        }
        return source;
    }

    /** For each output coordinate of one axis, the input coordinate, or -1 for the constant. */
    private static int[] axisMap(long dim, long outDim, long begin, Mode mode, int axis) {
        int[] m = new int[(int) outDim];
        for (int o = 0; o < m.length; o++) {
            long c = o - begin;
            if (c >= 0 && c < dim) {
                m[o] = (int) c;
                continue;
            }
            if (mode != Mode.CONSTANT && dim == 0) {
                throw new IllegalArgumentException("cannot pad the empty axis " + axis + " in "
                        + mode.name().toLowerCase() + " mode");
            }
            m[o] = switch (mode) {
                case CONSTANT -> -1;
                case EDGE -> (int) Math.max(0, Math.min(dim - 1, c));
                case WRAP -> (int) Math.floorMod(c, dim);
                case REFLECT -> {
                    if (dim == 1) yield 0;
                    long period = 2 * (dim - 1);
                    long p = Math.floorMod(c, period);
                    yield (int) (p < dim ? p : period - p);
                }
            };
        }
        return m;
    }

    /** Splits an axis map into runs {outStart, length, srcStart} (srcStart -1 for the constant). */
    private static List<int[]> segments(int[] map) {
        List<int[]> out = new ArrayList<>();
        int i = 0;
        while (i < map.length) {
            int j = i + 1;
            if (map[i] < 0) {
                while (j < map.length && map[j] < 0) j++;
            } else {
                while (j < map.length && map[j] == map[j - 1] + 1) j++;
            }
            out.add(new int[] {i, j - i, map[i]});
            i = j;
        }
        return out;
    }
}
