package dev.kiln.ops.linalg;

import dev.kiln.runtime.graph.Node;
import dev.kiln.runtime.op.TensorOp;
import dev.kiln.runtime.tensor.Shape;
import dev.kiln.runtime.tensor.Tensor;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Einsum: Einstein summation over any number of operands, as numpy defines it: implicit output
 * (ellipsis dims, then the labels used once, sorted) or explicit {@code ->} output, repeated
 * labels within an operand (diagonals), and {@code ...} with broadcasting.
 *
 * <p>Plan: each operand first takes its diagonals and sums out the labels no one else needs; the
 * operands are then contracted left to right, each pair as a batched matrix product
 * (batch labels, kept labels of each side, summed labels); the result is finally permuted.
 */
public final class Einsum extends TensorOp {
    /** Label codes at or above this are ellipsis dims (code - ELLIPSIS = index among them). */
    private static final int ELLIPSIS = 1000;

    private final String equation;

    public Einsum(Node node) {
        String eq = node.attributes().getString("equation", null);
        if (eq == null) throw new IllegalArgumentException("attribute 'equation' is required");
        this.equation = eq.replaceAll("\\s", "");
    }

    /** An intermediate operand: labels, their sizes and a row-major working array. */
    private record Operand(int[] labels, int[] dims, Object data) {}

    @Override
    protected Tensor[] compute(Tensor[] inputs) {
        int nIn = inputs.length;
        for (int i = 0; i < nIn; i++) Numeric.require(inputs, i, "Inputs[" + i + "]");
        for (int i = 1; i < nIn; i++) {
            if (inputs[i].dtype() != inputs[0].dtype()) {
                throw new IllegalArgumentException("all inputs must share one element type, got "
                        + inputs[0].dtype() + " and " + inputs[i].dtype() + " (input " + i + ")");
            }
        }
        int arrow = equation.indexOf("->");
        String lhs = arrow < 0 ? equation : equation.substring(0, arrow);
        String[] terms = lhs.split(",", -1);
        if (terms.length != nIn) {
            throw new IllegalArgumentException("equation '" + equation + "' has " + terms.length
                    + " operand terms, but the node has " + nIn + " inputs");
        }
        int maxEll = 0;
        for (int i = 0; i < nIn; i++) {
            maxEll = Math.max(maxEll, ellipsisRank(terms[i], inputs[i].rank()));
        }
        int[][] labels = new int[nIn][];
        for (int i = 0; i < nIn; i++) labels[i] = parseTerm(terms[i], inputs[i].rank(), maxEll);

        // Size of every label across operands; only ellipsis dims may broadcast from 1.
        Map<Integer, Integer> size = new HashMap<>();
        TreeMap<Integer, Integer> uses = new TreeMap<>();
        for (int i = 0; i < nIn; i++) {
            long[] d = inputs[i].shape().dims();
            for (int a = 0; a < d.length; a++) {
                int l = labels[i][a];
                uses.merge(l, 1, Integer::sum);
                Integer prev = size.get(l);
                int cur = (int) d[a];
                if (prev == null || prev == cur) {
                    size.put(l, cur);
                } else if (l >= ELLIPSIS && (prev == 1 || cur == 1)) {
                    size.put(l, Math.max(prev, cur));
                } else {
                    throw new IllegalArgumentException("label '" + labelName(l) + "' has size " + prev
                            + " and " + cur + " in equation '" + equation + "'");
                }
            }
        }
        int[] outLabels = arrow < 0 ? implicitOutput(uses, maxEll)
                : parseOutput(equation.substring(arrow + 2), maxEll, size);

        Operand[] ops = new Operand[nIn];
        for (int i = 0; i < nIn; i++) {
            ops[i] = prepare(inputs[i], labels[i], i, labels, outLabels);
        }
        Operand cur = ops[0];
        for (int j = 1; j < nIn; j++) {
            boolean[] needed = new boolean[ELLIPSIS + maxEll];
            for (int l : outLabels) needed[l] = true;
            for (int q = j + 1; q < nIn; q++) for (int l : ops[q].labels) needed[l] = true;
            cur = contract(cur, ops[j], needed, size);
        }
        Operand result = reduce(cur, keepOnly(cur.labels, outLabels));
        int[] outDims = new int[outLabels.length];
        int[] strides = new int[outLabels.length];
        int[] rs = rowStrides(result.dims);
        for (int a = 0; a < outLabels.length; a++) {
            int pos = indexOf(result.labels, outLabels[a]);
            outDims[a] = size.get(outLabels[a]);
            strides[a] = result.dims[pos] == 1 ? 0 : rs[pos];
        }
        Object data = Numeric.gather(result.data, strideMap(outDims, strides));
        long[] shape = new long[outDims.length];
        for (int a = 0; a < shape.length; a++) shape[a] = outDims[a];
        return new Tensor[] {Numeric.store(inputs[0].dtype(), Shape.of(shape), data)};
    }

    // ---- parsing ----

    private int ellipsisRank(String term, int rank) {
        int dots = term.indexOf("...");
        if (dots >= 0 && term.indexOf("...", dots + 3) >= 0) {
            throw new IllegalArgumentException("term '" + term + "' of equation '" + equation
                    + "' has more than one ellipsis");
        }
        int letters = term.replace("...", "").length();
        if (dots < 0) {
            if (letters != rank) {
                throw new IllegalArgumentException("term '" + term + "' of equation '" + equation
                        + "' has " + letters + " labels, but its input has rank " + rank);
            }
            return 0;
        }
        if (letters > rank) {
            throw new IllegalArgumentException("term '" + term + "' of equation '" + equation
                    + "' has more labels than its input's rank " + rank);
        }
        return rank - letters;
    }

    private int[] parseTerm(String term, int rank, int maxEll) {
        int[] out = new int[rank];
        int ell = rank - term.replace("...", "").length();
        int pos = 0;
        for (int c = 0; c < term.length(); c++) {
            char ch = term.charAt(c);
            if (term.startsWith("...", c)) {
                for (int e = 0; e < ell; e++) out[pos++] = ELLIPSIS + maxEll - ell + e;
                c += 2;
            } else {
                out[pos++] = letter(ch);
            }
        }
        return out;
    }

    private int[] implicitOutput(TreeMap<Integer, Integer> uses, int maxEll) {
        List<Integer> out = new ArrayList<>();
        for (int e = 0; e < maxEll; e++) out.add(ELLIPSIS + e);
        for (Map.Entry<Integer, Integer> u : uses.entrySet()) {
            if (u.getKey() < ELLIPSIS && u.getValue() == 1) out.add(u.getKey());
        }
        return out.stream().mapToInt(Integer::intValue).toArray();
    }

    private int[] parseOutput(String rhs, int maxEll, Map<Integer, Integer> size) {
        int dots = rhs.indexOf("...");
        if (dots >= 0 && rhs.indexOf("...", dots + 3) >= 0) {
            throw new IllegalArgumentException("output of equation '" + equation + "' has more than one ellipsis");
        }
        List<Integer> out = new ArrayList<>();
        for (int c = 0; c < rhs.length(); c++) {
            if (rhs.startsWith("...", c)) {
                for (int e = 0; e < maxEll; e++) out.add(ELLIPSIS + e);
                c += 2;
                continue;
            }
            int l = letter(rhs.charAt(c));
            if (!size.containsKey(l)) {
                throw new IllegalArgumentException("output label '" + rhs.charAt(c)
                        + "' does not appear in the inputs of equation '" + equation + "'");
            }
            if (out.contains(l)) {
                throw new IllegalArgumentException("output label '" + rhs.charAt(c)
                        + "' is repeated in equation '" + equation + "'");
            }
            out.add(l);
        }
        return out.stream().mapToInt(Integer::intValue).toArray();
    }

    private int letter(char ch) {
        if ((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z')) return ch;
        throw new IllegalArgumentException("equation '" + equation + "' has invalid character '" + ch + "'");
    }

    private static String labelName(int l) { return l >= ELLIPSIS ? "..." : String.valueOf((char) l); }

    // ---- evaluation ----

    /** Takes the diagonals of repeated labels and sums out labels used by no one else. */
    private static Operand prepare(Tensor t, int[] labels, int self, int[][] all, int[] outLabels) {
        int[] dims = t.shape().intDims();
        int[] rs = rowStrides(dims);
        List<Integer> uniq = new ArrayList<>();
        List<Integer> uDims = new ArrayList<>();
        List<Integer> uStrides = new ArrayList<>();
        for (int a = 0; a < labels.length; a++) {
            int p = uniq.indexOf(labels[a]);
            if (p < 0) {
                uniq.add(labels[a]);
                uDims.add(dims[a]);
                uStrides.add(rs[a]);
            } else {
                if (uDims.get(p) != dims[a]) {
                    throw new IllegalArgumentException("repeated label '" + labelName(labels[a])
                            + "' has sizes " + uDims.get(p) + " and " + dims[a] + " in input " + self);
                }
                uStrides.set(p, uStrides.get(p) + rs[a]);
            }
        }
        int[] u = uniq.stream().mapToInt(Integer::intValue).toArray();
        boolean[] keep = new boolean[u.length];
        for (int a = 0; a < u.length; a++) {
            keep[a] = contains(outLabels, u[a]);
            for (int q = 0; q < all.length && !keep[a]; q++) keep[a] = q != self && contains(all[q], u[a]);
        }
        // Order: kept labels, then the ones to sum out.
        int[] order = new int[u.length];
        int n = 0;
        for (int a = 0; a < u.length; a++) if (keep[a]) order[n++] = a;
        int kept = n;
        for (int a = 0; a < u.length; a++) if (!keep[a]) order[n++] = a;
        int[] gDims = new int[u.length], gStrides = new int[u.length];
        int outer = 1, inner = 1;
        for (int a = 0; a < u.length; a++) {
            gDims[a] = uDims.get(order[a]);
            gStrides[a] = uStrides.get(order[a]);
            if (a < kept) outer *= gDims[a]; else inner *= gDims[a];
        }
        Object data = Numeric.load(t, "input " + self);
        boolean identity = kept == labels.length && isSorted(order);
        if (!identity) data = Numeric.gather(data, strideMap(gDims, gStrides));
        if (kept < u.length) data = Numeric.sumInner(data, outer, inner);
        int[] kl = new int[kept], kd = new int[kept];
        for (int a = 0; a < kept; a++) {
            kl[a] = u[order[a]];
            kd[a] = gDims[a];
        }
        return new Operand(kl, kd, data);
    }

    /** Contracts two operands as a batched product: (batch, xOnly, sum) x (batch, sum, yOnly). */
    private static Operand contract(Operand x, Operand y, boolean[] needed, Map<Integer, Integer> size) {
        List<Integer> batch = new ArrayList<>(), xOnly = new ArrayList<>(), yOnly = new ArrayList<>();
        List<Integer> summed = new ArrayList<>();
        for (int l : x.labels) {
            if (contains(y.labels, l)) (needed[l] ? batch : summed).add(l);
            else if (needed[l]) xOnly.add(l);
            else summed.add(l);
        }
        for (int l : y.labels) {
            if (!contains(x.labels, l)) (needed[l] ? yOnly : summed).add(l);
        }
        // A label in only one side that nobody needs is summed there before the product.
        x = reduce(x, keepOnly(x.labels, concat(batch, xOnly, summedShared(summed, y.labels))));
        y = reduce(y, keepOnly(y.labels, concat(batch, yOnly, summedShared(summed, x.labels))));
        List<Integer> shared = summedShared(summed, y.labels);
        Object xd = arrange(x, concat(batch, xOnly, shared), batch, shared, size);
        Object yd = arrange(y, concat(batch, shared, yOnly), batch, shared, size);
        int nb = product(batch, size), m = product(xOnly, x), k = product(shared, size), n = product(yOnly, y);
        Object out = Numeric.alloc(xd, nb * m * n);
        for (int b = 0; b < nb; b++) {
            Numeric.matmul(xd, b * m * k, yd, b * k * n, out, b * m * n, m, n, k);
        }
        List<Integer> ol = concat(batch, xOnly, yOnly);
        int[] od = new int[ol.size()];
        for (int a = 0; a < od.length; a++) {
            int l = ol.get(a);
            od[a] = a < batch.size() ? size.get(l)
                    : a < batch.size() + xOnly.size() ? x.dims[indexOf(x.labels, l)] : y.dims[indexOf(y.labels, l)];
        }
        return new Operand(ol.stream().mapToInt(Integer::intValue).toArray(), od, out);
    }

    private static List<Integer> summedShared(List<Integer> summed, int[] other) {
        List<Integer> s = new ArrayList<>();
        for (int l : summed) if (contains(other, l)) s.add(l);
        return s;
    }

    /** The operand's data laid out in {@code order}; batch and summed labels broadcast to full size. */
    private static Object arrange(Operand o, List<Integer> order, List<Integer> batch, List<Integer> summed,
                                  Map<Integer, Integer> size) {
        int[] rs = rowStrides(o.dims);
        int[] dims = new int[order.size()], strides = new int[order.size()];
        boolean identity = order.size() == o.labels.length;
        for (int a = 0; a < dims.length; a++) {
            int l = order.get(a);
            int pos = indexOf(o.labels, l);
            boolean full = batch.contains(l) || summed.contains(l);
            dims[a] = full ? size.get(l) : o.dims[pos];
            strides[a] = o.dims[pos] == 1 && dims[a] != 1 ? 0 : rs[pos];
            identity &= pos == a && dims[a] == o.dims[pos];
        }
        return identity ? o.data : Numeric.gather(o.data, strideMap(dims, strides));
    }

    /** Sums out every label of {@code o} for which {@code keep} is false. */
    private static Operand reduce(Operand o, boolean[] keep) {
        int r = o.labels.length;
        int kept = 0;
        for (boolean k : keep) if (k) kept++;
        if (kept == r) return o;
        int[] rs = rowStrides(o.dims);
        int[] dims = new int[r], strides = new int[r], labels = new int[kept], kd = new int[kept];
        int n = 0, outer = 1, inner = 1;
        for (int a = 0; a < r; a++) {
            if (keep[a]) {
                labels[n] = o.labels[a];
                kd[n] = o.dims[a];
                dims[n] = o.dims[a];
                strides[n++] = rs[a];
                outer *= o.dims[a];
            }
        }
        for (int a = 0; a < r; a++) {
            if (!keep[a]) {
                dims[n] = o.dims[a];
                strides[n++] = rs[a];
                inner *= o.dims[a];
            }
        }
        Object data = Numeric.sumInner(Numeric.gather(o.data, strideMap(dims, strides)), outer, inner);
        return new Operand(labels, kd, data);
    }

    private static boolean[] keepOnly(int[] labels, int[] wanted) {
        boolean[] keep = new boolean[labels.length];
        for (int a = 0; a < labels.length; a++) keep[a] = contains(wanted, labels[a]);
        return keep;
    }

    private static boolean[] keepOnly(int[] labels, List<Integer> wanted) {
        return keepOnly(labels, wanted.stream().mapToInt(Integer::intValue).toArray());
    }

    // ---- small helpers ----

    /** For each element of a row-major (dims) array, the offset sum(idx[d] * strides[d]). */
    static int[] strideMap(int[] dims, int[] strides) {
        int n = 1;
        for (int d : dims) n *= d;
        int[] map = new int[n];
        int r = dims.length;
        if (n == 0) return map;
        int[] idx = new int[r];
        int off = 0;
        for (int i = 0; i < n; i++) {
            map[i] = off;
            for (int d = r - 1; d >= 0; d--) {
                idx[d]++;
                off += strides[d];
                if (idx[d] < dims[d]) break;
                off -= strides[d] * idx[d];
                idx[d] = 0;
            }
        }
        return map;
    }

    private static int[] rowStrides(int[] dims) {
        int[] s = new int[dims.length];
        int acc = 1;
        for (int i = dims.length - 1; i >= 0; i--) {
            s[i] = acc;
            acc *= dims[i];
        }
        return s;
    }

    private static boolean contains(int[] a, int v) { return indexOf(a, v) >= 0; }

    private static int indexOf(int[] a, int v) {
        for (int i = 0; i < a.length; i++) if (a[i] == v) return i;
        return -1;
    }

    private static boolean isSorted(int[] order) {
        for (int i = 0; i < order.length; i++) if (order[i] != i) return false;
        return true;
    }

    @SafeVarargs
    private static List<Integer> concat(List<Integer>... lists) {
        List<Integer> out = new ArrayList<>();
        for (List<Integer> l : lists) out.addAll(l);
        return out;
    }

    private static int product(List<Integer> labels, Map<Integer, Integer> size) {
        int p = 1;
        for (int l : labels) p *= size.get(l);
        return p;
    }

    private static int product(List<Integer> labels, Operand o) {
        int p = 1;
        for (int l : labels) p *= o.dims[indexOf(o.labels, l)];
        return p;
    }
}
