package dev.kiln.models.data;

/**
 * Argument checks shared by the classic-ML code. Every failure is an
 * {@link IllegalArgumentException} naming the argument and what was expected.
 */
public final class Checks {
    private Checks() {}

    /**
     * Checks that {@code x} is a non-empty rectangular matrix of finite values.
     *
     * @return the number of columns
     */
    public static int matrix(double[][] x, String name) {
        if (x == null) throw new IllegalArgumentException(name + " is null");
        if (x.length == 0) throw new IllegalArgumentException(name + " has no rows");
        if (x[0] == null) throw new IllegalArgumentException(name + " row 0 is null");
        int cols = x[0].length;
        if (cols == 0) throw new IllegalArgumentException(name + " has no columns");
        for (int i = 0; i < x.length; i++) {
            double[] row = x[i];
            if (row == null) throw new IllegalArgumentException(name + " row " + i + " is null");
            if (row.length != cols) {
                throw new IllegalArgumentException(name + " is ragged: row " + i + " has " + row.length
                        + " columns, row 0 has " + cols);
            }
            for (int j = 0; j < cols; j++) {
                if (!Double.isFinite(row[j])) {
                    throw new IllegalArgumentException(name + "[" + i + "][" + j + "] is " + row[j]
                            + "; values must be finite (impute missing values first)");
                }
            }
        }
        return cols;
    }

    /** Checks a matrix and that it has {@code cols} columns (the count seen by {@code fit}). */
    public static void matrix(double[][] x, String name, int cols) {
        int c = matrix(x, name);
        if (c != cols) {
            throw new IllegalArgumentException(name + " has " + c + " columns, but the model was fitted on " + cols);
        }
    }

    /** Checks that {@code y} has {@code rows} finite values. */
    public static void targets(double[] y, String name, int rows) {
        if (y == null) throw new IllegalArgumentException(name + " is null");
        if (y.length != rows) {
            throw new IllegalArgumentException(name + " has " + y.length + " values, expected " + rows + " (one per row of X)");
        }
        for (int i = 0; i < y.length; i++) {
            if (!Double.isFinite(y[i])) throw new IllegalArgumentException(name + "[" + i + "] is " + y[i] + "; values must be finite");
        }
    }

    /** Checks that {@code y} has {@code rows} labels. */
    public static void labels(int[] y, String name, int rows) {
        if (y == null) throw new IllegalArgumentException(name + " is null");
        if (y.length != rows) {
            throw new IllegalArgumentException(name + " has " + y.length + " labels, expected " + rows + " (one per row of X)");
        }
    }

    /** Integer class labels from doubles, which must be whole numbers in int range. */
    public static int[] integerLabels(double[] y, String name) {
        if (y == null) throw new IllegalArgumentException(name + " is null");
        int[] out = new int[y.length];
        for (int i = 0; i < y.length; i++) {
            double v = y[i];
            if (v != Math.rint(v) || Math.abs(v) > Integer.MAX_VALUE) {
                throw new IllegalArgumentException(name + "[" + i + "] is " + v + "; class labels must be whole numbers");
            }
            out[i] = (int) v;
        }
        return out;
    }

    /** Labels as doubles. */
    public static double[] toDoubles(int[] y) {
        double[] out = new double[y.length];
        for (int i = 0; i < y.length; i++) out[i] = y[i];
        return out;
    }

    /** Checks {@code lo <= v <= hi}. */
    public static void range(String name, double v, double lo, double hi) {
        if (!(v >= lo && v <= hi)) {
            throw new IllegalArgumentException(name + " is " + v + ", expected a value in [" + lo + ", " + hi + "]");
        }
    }
}
