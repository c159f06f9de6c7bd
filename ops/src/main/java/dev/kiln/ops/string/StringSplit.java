package dev.kiln.ops.string;

import dev.kiln.runtime.graph.Node;
import dev.kiln.runtime.op.TensorOp;
import dev.kiln.runtime.tensor.DType;
import dev.kiln.runtime.tensor.Shape;
import dev.kiln.runtime.tensor.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * StringSplit: splits every element on {@code delimiter} (or on runs of whitespace, ignoring
 * leading and trailing whitespace, when the delimiter is unset or empty), making at most
 * {@code maxsplit} splits. Output Y has shape {@code X.shape + (max parts)}, padded with empty
 * strings; Z (int64, shape of X) holds each element's number of parts.
 */
public final class StringSplit extends TensorOp {
    private final String delimiter;
    private final long maxsplit;

    public StringSplit(Node node) {
        String d = node.attributes().getString("delimiter", "");
        this.delimiter = d.isEmpty() ? null : d;
        long m = node.attributes().getInt("maxsplit", -1);
        this.maxsplit = m < 0 ? Long.MAX_VALUE : m;
    }

    @Override
    protected Tensor[] compute(Tensor[] inputs) {
        Tensor x = StringArgs.strings(inputs[0], "X");
        String[] xs = x.strings();
        List<List<String>> parts = new ArrayList<>(xs.length);
        int width = 0;
        for (String s : xs) {
            List<String> p = delimiter == null ? splitWhitespace(s) : splitOn(s);
            parts.add(p);
            width = Math.max(width, p.size());
        }
        long[] dims = x.shape().dims();
        long[] outDims = Arrays.copyOf(dims, dims.length + 1);
        outDims[dims.length] = width;
        Shape outShape = Shape.of(outDims);
        String[] y = (String[]) Tensor.allocate(DType.STRING, outShape.sizeInt());
        long[] z = new long[xs.length];
        for (int i = 0; i < xs.length; i++) {
            List<String> p = parts.get(i);
            z[i] = p.size();
            for (int k = 0; k < p.size(); k++) y[i * width + k] = p.get(k);
        }
        return new Tensor[] {Tensor.wrap(DType.STRING, outShape, y), Tensor.wrap(DType.INT64, x.shape(), z)};
    }

    // Python's s.split(delimiter, maxsplit): consecutive delimiters delimit empty strings.
    private List<String> splitOn(String s) {
        List<String> out = new ArrayList<>();
        int start = 0;
        long splits = 0;
        while (splits < maxsplit) {
            int at = s.indexOf(delimiter, start);
            if (at < 0) break;
            out.add(s.substring(start, at));
            start = at + delimiter.length();
            splits++;
        }
        out.add(s.substring(start));
        return out;
    }

    // Python's s.split(None, maxsplit): runs of whitespace separate, no empty parts.
    private List<String> splitWhitespace(String s) {
        List<String> out = new ArrayList<>();
        int n = s.length();
        int i = skipSpace(s, 0);
        long splits = 0;
        while (i < n) {
            if (splits == maxsplit) {
                out.add(s.substring(i));
                break;
            }
            int j = i;
            while (j < n && !isSpace(s.charAt(j))) j++;
            out.add(s.substring(i, j));
            splits++;
            i = skipSpace(s, j);
        }
        return out;
    }

    private static int skipSpace(String s, int i) {
        while (i < s.length() && isSpace(s.charAt(i))) i++;
        return i;
    }

    private static boolean isSpace(char c) {
        return Character.isWhitespace(c) || Character.isSpaceChar(c);
    }
}
