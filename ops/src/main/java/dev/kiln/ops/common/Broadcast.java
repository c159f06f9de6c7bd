package dev.kiln.ops.common;

import dev.kiln.runtime.tensor.Shape;

/** numpy-style broadcasting: output shapes and the input index of every output element. */
public final class Broadcast {
    private Broadcast() {}

    /** The broadcast shape of several shapes. */
    public static Shape shape(Shape... shapes) {
        Shape out = shapes[0];
        for (int i = 1; i < shapes.length; i++) out = Shape.broadcast(out, shapes[i]);
        return out;
    }

    /**
     * For each element of {@code out} (row-major), the flat index of the element of an input of
     * shape {@code in} that broadcasts to it. {@code in} must broadcast to {@code out}.
     */
    public static int[] indexMap(Shape in, Shape out) {
        int n = out.sizeInt();
        int[] map = new int[n];
        if (in.equals(out)) {
            for (int i = 0; i < n; i++) map[i] = i;
            return map;
        }
        if (in.size() == 1) return map; // all zeros
        int r = out.rank();
        long[] od = out.dims();
        long[] inStr = new long[r];
        long[] id = in.dims();
        long[] s = in.strides();
        int off = r - id.length;
        for (int i = 0; i < id.length; i++) inStr[i + off] = id[i] == 1 ? 0 : s[i];
        int[] counter = new int[r];
        long idx = 0;
        for (int i = 0; i < n; i++) {
            map[i] = (int) idx;
            for (int d = r - 1; d >= 0; d--) {
                counter[d]++;
                idx += inStr[d];
                if (counter[d] < od[d]) break;
                idx -= inStr[d] * counter[d];
                counter[d] = 0;
            }
        }
        return map;
    }
}
