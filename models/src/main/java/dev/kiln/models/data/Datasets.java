package dev.kiln.models.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The scikit-learn toy datasets bundled under {@code /datasets} (BSD-3-Clause, see
 * {@code datasets/LICENSE-scikit-learn}): iris, wine, breast cancer, diabetes and digits.
 */
public final class Datasets {
    private Datasets() {}

    /** Iris: 150 flowers, 4 measurements in cm, 3 species. */
    public static Dataset iris() {
        return withHeader("iris", "iris.csv",
                List.of("sepal length", "sepal width", "petal length", "petal width"));
    }

    /** Wine: 178 wines, 13 chemical measurements, 3 cultivars. */
    public static Dataset wine() { return withHeader("wine", "wine_data.csv", null); }

    /** Breast cancer (Wisconsin diagnostic): 569 tumours, 30 features, malignant/benign. */
    public static Dataset breastCancer() { return withHeader("breast_cancer", "breast_cancer.csv", null); }

    /** Diabetes: 442 patients, 10 scaled baseline variables, disease progression after a year. */
    public static Dataset diabetes() {
        double[][] x = numbers("diabetes_data.csv.gz", "\\s+", 0);
        double[][] t = numbers("diabetes_target.csv.gz", "\\s+", 0);
        double[] y = new double[t.length];
        for (int i = 0; i < y.length; i++) y[i] = t[i][0];
        List<String> names = List.of("age", "sex", "bmi", "bp", "s1", "s2", "s3", "s4", "s5", "s6");
        return new Dataset("diabetes", x, y, names, "progression", List.of());
    }

    /** Digits: 1797 8x8 images of handwritten digits, pixel values 0..16, 10 classes. */
    public static Dataset digits() {
        double[][] rows = numbers("digits.csv.gz", ",", 0);
        List<String> classes = new ArrayList<>();
        for (int c = 0; c < 10; c++) classes.add(Integer.toString(c));
        return split("digits", rows, generic(rows[0].length - 1), classes);
    }

    private static Dataset withHeader(String name, String file, List<String> names) {
        try (BufferedReader r = Csv.open(resource(file), file)) {
            String[] head = r.readLine().split(",");
            List<String> classes = Arrays.asList(head).subList(2, head.length);
            double[][] rows = Csv.numbers(r, file, ",", 0);
            return split(name, rows, names != null ? names : generic(rows[0].length - 1), classes);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read bundled dataset " + file, e);
        }
    }

    private static Dataset split(String name, double[][] rows, List<String> names, List<String> classes) {
        double[][] x = new double[rows.length][];
        double[] y = new double[rows.length];
        for (int i = 0; i < rows.length; i++) {
            int f = rows[i].length - 1;
            x[i] = Arrays.copyOf(rows[i], f);
            y[i] = rows[i][f];
        }
        return new Dataset(name, x, y, names, "class", classes);
    }

    private static List<String> generic(int n) {
        List<String> out = new ArrayList<>();
        for (int j = 0; j < n; j++) out.add("x" + j);
        return out;
    }

    private static double[][] numbers(String file, String sep, int skip) {
        try (BufferedReader r = Csv.open(resource(file), file)) {
            return Csv.numbers(r, file, sep, skip);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read bundled dataset " + file, e);
        }
    }

    private static InputStream resource(String file) {
        InputStream in = Datasets.class.getResourceAsStream("/datasets/" + file);
        if (in == null) throw new IllegalStateException("Bundled dataset /datasets/" + file + " is missing from the classpath");
        return in;
    }
}
