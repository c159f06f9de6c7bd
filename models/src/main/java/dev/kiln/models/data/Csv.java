package dev.kiln.models.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads numeric CSV files (optionally gzip-compressed, recognised by a {@code .gz} suffix):
 * headed files with named columns through Apache Commons CSV, and the bundled datasets' plain
 * number tables.
 */
public final class Csv {
    private static final Pattern BLANKS = Pattern.compile("\\s+");

    private Csv() {}

    /**
     * Reads a CSV whose first line names the columns; every column but {@code labelColumn} must
     * be numeric. When every label parses as a number, {@code y} holds those numbers and the
     * dataset has no class names; otherwise the distinct labels, sorted, become classes 0..C-1.
     */
    public static Dataset read(Path file, String labelColumn) {
        try (BufferedReader r = open(Files.newInputStream(file), file.toString())) {
            return read(file.getFileName().toString(), r, labelColumn);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Reads a headed CSV from {@code r}; see {@link #read(Path, String)}. The file is parsed by
     * Apache Commons CSV (RFC 4180: quoted fields with separators, doubled quotes and line breaks
     * inside, CRLF or LF line ends), with the separator taken from the header line: a comma,
     * semicolon or tab; a header with none of them means fields separated by blanks. A leading
     * byte-order mark is skipped, fields are trimmed and blank lines ignored.
     */
    public static Dataset read(String name, BufferedReader r, String labelColumn) throws IOException {
        List<Row> table = rows(name, r);
        String[] names = table.get(0).fields();
        int label = -1;
        for (int j = 0; j < names.length; j++) if (names[j].equals(labelColumn)) label = j;
        if (label < 0) {
            throw new IllegalArgumentException(name + " has no column '" + labelColumn + "'; its columns are " + List.of(names));
        }
        List<double[]> rows = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        for (Row data : table.subList(1, table.size())) {
            String[] f = data.fields();
            if (f.length != names.length) {
                throw new IllegalArgumentException(name + " line " + data.line() + " has " + f.length + " fields, the header has " + names.length);
            }
            double[] row = new double[names.length - 1];
            for (int j = 0, k = 0; j < f.length; j++) {
                if (j == label) labels.add(f[j]);
                else row[k++] = number(f[j], name, data.line(), names[j]);
            }
            rows.add(row);
        }
        if (rows.isEmpty()) throw new IllegalArgumentException(name + " has a header but no data rows");
        List<String> features = new ArrayList<>(List.of(names));
        features.remove(label);
        double[] y = new double[labels.size()];
        List<String> classes = List.of();
        if (labels.stream().allMatch(Csv::isNumber)) {
            for (int i = 0; i < y.length; i++) y[i] = Double.parseDouble(labels.get(i));
        } else {
            classes = List.copyOf(new TreeSet<>(labels));
            for (int i = 0; i < y.length; i++) y[i] = classes.indexOf(labels.get(i));
        }
        return new Dataset(name, rows.toArray(new double[0][]), y, features, labelColumn, classes);
    }

    /** One record: its fields and the line it ends on (1-based). */
    private record Row(String[] fields, long line) {}

    /** The non-blank records of a headed CSV, header first. */
    private static List<Row> rows(String name, BufferedReader r) throws IOException {
        r.mark(1);
        if (r.read() != '\uFEFF') r.reset();
        r.mark(1 << 20);
        String header = r.readLine();
        if (header == null || header.isBlank()) throw new IllegalArgumentException(name + " is empty");
        r.reset();
        char sep = header.contains(",") ? ',' : header.contains(";") ? ';' : header.contains("\t") ? '\t' : ' ';
        List<Row> out = new ArrayList<>();
        if (sep == ' ') {
            String line;
            for (long n = 1; (line = r.readLine()) != null; n++) {
                if (!line.isBlank()) out.add(new Row(BLANKS.split(line.strip()), n));
            }
            return out;
        }
        CSVFormat format = CSVFormat.RFC4180.builder().setDelimiter(sep).setIgnoreEmptyLines(true).setTrim(true).get();
        try (CSVParser p = CSVParser.builder().setReader(r).setFormat(format).get()) {
            for (CSVRecord rec : p) {
                if (rec.size() == 1 && rec.get(0).isEmpty()) continue; // a line of blanks
                out.add(new Row(rec.values(), p.getCurrentLineNumber()));
            }
        } catch (UncheckedIOException e) {
            throw new IllegalArgumentException(name + ": malformed CSV: " + e.getCause().getMessage(), e);
        }
        return out;
    }

    /**
     * Reads every line as a row of numbers after skipping {@code skip} lines.
     *
     * @param separator a regex between fields, e.g. {@code ","} or {@code "\\s+"}
     */
    public static double[][] numbers(BufferedReader r, String name, String separator, int skip) throws IOException {
        Pattern sep = Pattern.compile(separator);
        for (int i = 0; i < skip; i++) r.readLine();
        List<double[]> rows = new ArrayList<>();
        String line;
        int lineNo = skip;
        while ((line = r.readLine()) != null) {
            lineNo++;
            if (line.isBlank()) continue;
            String[] f = split(line, sep);
            double[] row = new double[f.length];
            for (int j = 0; j < f.length; j++) row[j] = number(f[j], name, lineNo, "column " + j);
            rows.add(row);
        }
        return rows.toArray(new double[0][]);
    }

    /** A UTF-8 reader over {@code in}, gunzipped when {@code name} ends in {@code .gz}. */
    public static BufferedReader open(InputStream in, String name) throws IOException {
        InputStream s = name.endsWith(".gz") ? new GZIPInputStream(in) : in;
        return new BufferedReader(new InputStreamReader(s, StandardCharsets.UTF_8));
    }

    private static String[] split(String line, Pattern sep) {
        String[] f = sep.split(line.strip(), -1);
        for (int i = 0; i < f.length; i++) {
            String s = f[i].strip();
            if (s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"")) s = s.substring(1, s.length() - 1);
            f[i] = s;
        }
        return f;
    }

    private static boolean isNumber(String s) {
        try {
            Double.parseDouble(s);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static double number(String s, String file, long line, String column) {
        try {
            double v = Double.parseDouble(s);
            if (!Double.isFinite(v)) throw new NumberFormatException();
            return v;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(file + " line " + line + ", " + column + ": '" + s
                    + "' is not a finite number" + (s.isEmpty() ? " (missing value)" : ""));
        }
    }
}
