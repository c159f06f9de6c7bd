package dev.kiln.models.classic;

import dev.kiln.models.data.Checks;
import dev.kiln.runtime.graph.Attribute;
import dev.kiln.runtime.tensor.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Replaces chosen categorical columns (whole-number codes) by one indicator column per category
 * seen in training, in the original column order; other columns pass through unchanged. An
 * unseen category encodes as all zeros, or is rejected when {@code ignoreUnknown} is false.
 * Exports as Gather + Cast + ai.onnx.ml {@code OneHotEncoder} + Squeeze per column, then Concat.
 * (ONNX casts a fractional input code toward zero before the lookup; Java treats it as unknown.)
 */
public final class OneHotEncoder implements Transformer {
    private static final double FLOAT_EXACT = 1 << 24;

    private final int[] columns;          // null: every column
    private final boolean ignoreUnknown;
    private long[][] categories;          // per input column: sorted codes, or null when passed through

    private OneHotEncoder(int[] columns, boolean ignoreUnknown) {
        this.columns = columns;
        this.ignoreUnknown = ignoreUnknown;
    }

    /** Encodes every column; unknown categories become zeros. */
    public static OneHotEncoder allColumns() { return new OneHotEncoder(null, true); }

    /** Encodes the given columns (0-based), passing the others through. */
    public static OneHotEncoder of(int... columns) {
        if (columns.length == 0) throw new IllegalArgumentException("Give at least one column to encode");
        return new OneHotEncoder(columns.clone(), true);
    }

    /** A copy (unfitted) that encodes unknown categories as zeros, or rejects them. */
    public OneHotEncoder withIgnoreUnknown(boolean v) { return new OneHotEncoder(columns, v); }

    @Override
    public OneHotEncoder fit(double[][] x) {
        int f = Checks.matrix(x, "X");
        boolean[] encode = new boolean[f];
        if (columns == null) Arrays.fill(encode, true);
        else for (int c : columns) {
            if (c < 0 || c >= f) throw new IllegalArgumentException("Column " + c + " is out of range; X has " + f + " columns");
            encode[c] = true;
        }
        long[][] cats = new long[f][];
        for (int j = 0; j < f; j++) {
            if (!encode[j]) continue;
            final int col = j;
            for (int i = 0; i < x.length; i++) {
                double v = x[i][j];
                if (v != Math.rint(v) || Math.abs(v) > FLOAT_EXACT) {
                    throw new IllegalArgumentException("X[" + i + "][" + j + "] is " + v
                            + "; one-hot categories must be whole numbers of magnitude <= 2^24");
                }
            }
            cats[j] = Arrays.stream(x).mapToLong(row -> (long) row[col]).distinct().sorted().toArray();
        }
        categories = cats;
        return this;
    }

    @Override
    public double[][] transform(double[][] x) {
        Labels.requireFitted(categories != null, this);
        Checks.matrix(x, "X", categories.length);
        int width = outputFeatures();
        double[][] out = new double[x.length][width];
        for (int i = 0; i < x.length; i++) {
            int o = 0;
            for (int j = 0; j < categories.length; j++) {
                long[] cats = categories[j];
                if (cats == null) {
                    out[i][o++] = x[i][j];
                    continue;
                }
                double v = x[i][j];
                int pos = v == Math.rint(v) ? Arrays.binarySearch(cats, (long) v) : -1;
                if (pos >= 0) out[i][o + pos] = 1;
                else if (!ignoreUnknown) {
                    throw new IllegalArgumentException("X[" + i + "][" + j + "] is " + v + ", a category not seen in fit");
                }
                o += cats.length;
            }
        }
        return out;
    }

    /** The categories of input column {@code j}, or null when it passes through. */
    public long[] categories(int j) {
        Labels.requireFitted(categories != null, this);
        return categories[j] == null ? null : categories[j].clone();
    }

    @Override
    public OneHotEncoder unfitted() { return new OneHotEncoder(columns, ignoreUnknown); }

    @Override
    public int inputFeatures() {
        Labels.requireFitted(categories != null, this);
        return categories.length;
    }

    @Override
    public int outputFeatures() {
        Labels.requireFitted(categories != null, this);
        int w = 0;
        for (long[] c : categories) w += c == null ? 1 : c.length;
        return w;
    }

    @Override
    public String appendOnnx(OnnxBuilder b, String x) {
        Labels.requireFitted(categories != null, this);
        List<String> parts = new ArrayList<>();
        int j = 0;
        while (j < categories.length) {
            if (categories[j] == null) {
                // A run of pass-through columns: one Gather.
                int start = j;
                while (j < categories.length && categories[j] == null) j++;
                long[] idx = new long[j - start];
                for (int t = 0; t < idx.length; t++) idx[t] = start + t;
                parts.add(gather(b, x, idx));
                continue;
            }
            String code = b.op("Cast", List.of(gather(b, x, new long[] {j})), Attribute.of("to", 7L));       // (N, 1) int64
            String hot = b.node(OnnxBuilder.ML, "OneHotEncoder", List.of(code), List.of("onehot"),
                    Attribute.ofInts("cats_int64s", categories[j]), Attribute.of("zeros", ignoreUnknown ? 1L : 0L)).get(0);
            parts.add(b.op("Squeeze", List.of(hot, b.constant("axis1", Tensor.of(new long[] {1}, 1)))));  // (N, C_j)
            j++;
        }
        if (parts.size() == 1) return parts.get(0);
        return b.node("", "Concat", parts, List.of("encoded"), Attribute.of("axis", 1L)).get(0);
    }

    private static String gather(OnnxBuilder b, String x, long[] idx) {
        return b.op("Gather", List.of(x, b.constant("columns", Tensor.of(idx, idx.length))), Attribute.of("axis", 1L));
    }

    @Override
    public String toString() {
        return "OneHotEncoder(" + (columns == null ? "all columns" : "columns " + Arrays.toString(columns))
                + ", ignoreUnknown=" + ignoreUnknown + ")";
    }
}
