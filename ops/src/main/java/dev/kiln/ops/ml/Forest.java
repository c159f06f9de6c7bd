package dev.kiln.ops.ml;

import dev.kiln.runtime.graph.Attributes;
import dev.kiln.runtime.tensor.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The trees of a tree-ensemble model, compiled from the attributes of TreeEnsembleRegressor /
 * TreeEnsembleClassifier (opsets 1 and 3) or TreeEnsemble (opset 5) into flat arrays, and their
 * evaluation.
 *
 * <p>Interior nodes and leaves share one index space. A branch node compares feature
 * {@code feature[i]} of the row with {@code split[i]} and goes to {@code trueNext[i]} or
 * {@code falseNext[i]}; a NaN feature takes the true branch when {@code missingTrue[i]} is set
 * (and otherwise whatever the comparison with NaN gives). A leaf adds its (target, weight) pairs.
 */
final class Forest {
    static final byte LEQ = 0, LT = 1, GTE = 2, GT = 3, EQ = 4, NEQ = 5, MEMBER = 6, LEAF = 7;
    private static final String[] MODE_NAMES =
            {"BRANCH_LEQ", "BRANCH_LT", "BRANCH_GTE", "BRANCH_GT", "BRANCH_EQ", "BRANCH_NEQ", "BRANCH_MEMBER", "LEAF"};

    /** How the weights that several trees give one target combine. */
    enum Aggregate {
        AVERAGE, SUM, MIN, MAX;

        static Aggregate parse(String name) {
            for (Aggregate a : values()) {
                if (a.name().equals(name)) return a;
            }
            throw new IllegalArgumentException("attribute 'aggregate_function' must be one of AVERAGE, SUM,"
                    + " MIN, MAX; got '" + name + "'");
        }

        static Aggregate fromCode(long code) {
            if (code < 0 || code > 3) {
                throw new IllegalArgumentException("attribute 'aggregate_function' must be in [0, 3], got " + code);
            }
            return values()[(int) code];
        }
    }

    private final byte[] mode;
    private final int[] feature;
    private final double[] split;
    private final double[][] members;      // sorted set of a MEMBER node, else null
    private final int[] trueNext;
    private final int[] falseNext;
    private final boolean[] missingTrue;
    private final int[] leafStart;         // weights of leaf i: [leafStart[i], leafStart[i + 1])
    private final int[] weightTarget;
    private final double[] weightValue;
    private final int[] roots;
    private final int targets;
    private final int featureCount;        // 1 + the largest feature id any branch reads

    private Forest(byte[] mode, int[] feature, double[] split, double[][] members, int[] trueNext,
                   int[] falseNext, boolean[] missingTrue, int[] leafOf, int[] target, double[] weight,
                   int[] roots, int targets) {
        int n = mode.length;
        this.mode = mode;
        this.feature = feature;
        this.split = split;
        this.members = members;
        this.trueNext = trueNext;
        this.falseNext = falseNext;
        this.missingTrue = missingTrue;
        this.roots = roots;
        this.targets = targets;
        // group the (leaf, target, weight) triples by leaf
        leafStart = new int[n + 1];
        for (int l : leafOf) leafStart[l + 1]++;
        for (int i = 0; i < n; i++) leafStart[i + 1] += leafStart[i];
        weightTarget = new int[leafOf.length];
        weightValue = new double[leafOf.length];
        int[] fill = Arrays.copyOf(leafStart, n);
        for (int k = 0; k < leafOf.length; k++) {
            int at = fill[leafOf[k]]++;
            weightTarget[at] = target[k];
            weightValue[at] = weight[k];
        }
        int maxFeature = -1;
        for (int i = 0; i < n; i++) {
            if (mode[i] != LEAF) maxFeature = Math.max(maxFeature, feature[i]);
        }
        featureCount = maxFeature + 1;
        checkAcyclic();
    }

    /** Number of targets (regression) or classes (classification). */
    int targets() { return targets; }

    /** Number of trees. */
    int trees() { return roots.length; }

    /**
     * Aggregates the leaf weights every tree reaches for each row of {@code x}.
     *
     * @return scores of shape [rows, targets]; a target no leaf contributed to scores 0; AVERAGE
     *     divides the sums by the number of trees
     */
    double[] predict(MlInput x, Aggregate aggregate, String op) {
        if (x.cols() < featureCount) {
            throw new IllegalArgumentException(op + ": input X has " + x.cols()
                    + " features per row, but the trees read feature " + (featureCount - 1));
        }
        int t = targets;
        double[] out = new double[x.rows() * t];
        boolean[] seen = new boolean[t];
        for (int r = 0; r < x.rows(); r++) {
            int off = r * x.cols();
            int o = r * t;
            Arrays.fill(seen, false);
            for (int root : roots) {
                int leaf = leafOf(x.data(), off, root);
                for (int k = leafStart[leaf]; k < leafStart[leaf + 1]; k++) {
                    int j = weightTarget[k];
                    double w = weightValue[k];
                    double cur = out[o + j];
                    out[o + j] = switch (aggregate) {
                        case SUM, AVERAGE -> cur + w;
                        case MIN -> seen[j] ? Math.min(cur, w) : w;
                        case MAX -> seen[j] ? Math.max(cur, w) : w;
                    };
                    seen[j] = true;
                }
            }
            if (aggregate == Aggregate.AVERAGE) {
                for (int j = 0; j < t; j++) out[o + j] /= roots.length;
            }
        }
        return out;
    }

    private int leafOf(double[] x, int off, int node) {
        while (mode[node] != LEAF) {
            double v = x[off + feature[node]];
            double s = split[node];
            boolean go = switch (mode[node]) {
                case LEQ -> v <= s;
                case LT -> v < s;
                case GTE -> v >= s;
                case GT -> v > s;
                case EQ -> v == s;
                case NEQ -> v != s;
                default -> Arrays.binarySearch(members[node], v == 0 ? 0.0 : v) >= 0;
            };
            if (!go && missingTrue[node] && Double.isNaN(v)) go = true;
            node = go ? trueNext[node] : falseNext[node];
        }
        return node;
    }

    private void checkAcyclic() {
        // 0 = unvisited, 1 = on the current path, 2 = done
        byte[] state = new byte[mode.length];
        int[] stack = new int[mode.length * 2 + 2];
        for (int root : roots) {
            int sp = 0;
            stack[sp++] = root;
            while (sp > 0) {
                int node = stack[sp - 1];
                if (state[node] == 0) {
                    state[node] = 1;
                    if (mode[node] != LEAF) {
                        for (int child : new int[] {trueNext[node], falseNext[node]}) {
                            if (state[child] == 1) {
                                throw new IllegalArgumentException("the tree nodes form a cycle through node " + child);
                            }
                            if (state[child] == 0) stack[sp++] = child;
                        }
                    }
                } else {
                    sp--;
                    state[node] = 2;
                }
            }
        }
    }

    // ---- TreeEnsembleRegressor / TreeEnsembleClassifier (opsets 1 and 3) ----

    private record NodeId(long tree, long node) { }

    /**
     * Compiles the legacy encoding: {@code nodes_*} tuples keyed by (tree id, node id) and leaf
     * weights {@code <prefix>_treeids/_nodeids/_ids/_weights} (prefix "target" or "class").
     */
    static Forest fromLegacy(Attributes a, String prefix, int targets) {
        long[] treeIds = required(a.getInts("nodes_treeids", null), "nodes_treeids");
        int n = treeIds.length;
        long[] nodeIds = lengthOf(a.getInts("nodes_nodeids", null), n, "nodes_nodeids");
        long[] featureIds = lengthOf(a.getInts("nodes_featureids", null), n, "nodes_featureids");
        String[] modes = lengthOf(a.getStrings("nodes_modes", null), n, "nodes_modes");
        long[] trueIds = lengthOf(a.getInts("nodes_truenodeids", null), n, "nodes_truenodeids");
        long[] falseIds = lengthOf(a.getInts("nodes_falsenodeids", null), n, "nodes_falsenodeids");
        double[] values = doublesOf(a, "nodes_values", n);
        long[] missing = a.getInts("nodes_missing_value_tracks_true", new long[0]);
        if (missing.length != 0 && missing.length != n) {
            throw lengthError("nodes_missing_value_tracks_true", missing.length, n);
        }

        Map<NodeId, Integer> index = new HashMap<>();
        for (int i = 0; i < n; i++) {
            if (index.put(new NodeId(treeIds[i], nodeIds[i]), i) != null) {
                throw new IllegalArgumentException("node " + nodeIds[i] + " of tree " + treeIds[i]
                        + " is defined twice");
            }
        }
        byte[] mode = new byte[n];
        int[] feature = new int[n];
        int[] trueNext = new int[n];
        int[] falseNext = new int[n];
        boolean[] missingTrue = new boolean[n];
        boolean[] isChild = new boolean[n];
        for (int i = 0; i < n; i++) {
            mode[i] = parseMode(modes[i]);
            missingTrue[i] = missing.length > 0 && missing[i] != 0;
            if (mode[i] == LEAF) continue;
            feature[i] = featureId(featureIds[i]);
            trueNext[i] = child(index, treeIds[i], trueIds[i], "nodes_truenodeids");
            falseNext[i] = child(index, treeIds[i], falseIds[i], "nodes_falsenodeids");
            isChild[trueNext[i]] = true;
            isChild[falseNext[i]] = true;
        }
        Map<Long, Integer> rootOfTree = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            if (!isChild[i]) rootOfTree.putIfAbsent(treeIds[i], i);
        }
        for (long tree : treeIds) {
            if (!rootOfTree.containsKey(tree)) {
                throw new IllegalArgumentException("tree " + tree + " has no root: every node is the child of another");
            }
        }
        int[] roots = rootOfTree.values().stream().mapToInt(Integer::intValue).toArray();

        long[] wTrees = required(a.getInts(prefix + "_treeids", null), prefix + "_treeids");
        int m = wTrees.length;
        long[] wNodes = lengthOf(a.getInts(prefix + "_nodeids", null), m, prefix + "_nodeids");
        long[] wIds = lengthOf(a.getInts(prefix + "_ids", null), m, prefix + "_ids");
        double[] wValues = doublesOf(a, prefix + "_weights", m);
        int[] leafOf = new int[m];
        int[] target = new int[m];
        for (int k = 0; k < m; k++) {
            Integer leaf = index.get(new NodeId(wTrees[k], wNodes[k]));
            if (leaf == null || mode[leaf] != LEAF) {
                throw new IllegalArgumentException(prefix + " weight " + k + " refers to node " + wNodes[k]
                        + " of tree " + wTrees[k] + ", which is not a leaf");
            }
            if (wIds[k] < 0 || wIds[k] >= targets) {
                throw new IllegalArgumentException(prefix + "_ids[" + k + "] = " + wIds[k]
                        + " is out of range [0, " + targets + ")");
            }
            leafOf[k] = leaf;
            target[k] = (int) wIds[k];
        }
        return new Forest(mode, feature, values, new double[n][], trueNext, falseNext, missingTrue,
                leafOf, target, wValues, roots, targets);
    }

    private static byte parseMode(String s) {
        for (byte i = 0; i < MODE_NAMES.length; i++) {
            if (MODE_NAMES[i].equals(s) && i != MEMBER) return i;
        }
        throw new IllegalArgumentException("attribute 'nodes_modes' holds '" + s + "'; expected one of"
                + " BRANCH_LEQ, BRANCH_LT, BRANCH_GTE, BRANCH_GT, BRANCH_EQ, BRANCH_NEQ, LEAF");
    }

    private static int child(Map<NodeId, Integer> index, long tree, long id, String attr) {
        Integer c = index.get(new NodeId(tree, id));
        if (c == null) {
            throw new IllegalArgumentException("attribute '" + attr + "' refers to node " + id + " of tree "
                    + tree + ", which does not exist");
        }
        return c;
    }

    // ---- TreeEnsemble (opset 5) ----

    /** Compiles the TreeEnsemble encoding: interior {@code nodes_*} and separate {@code leaf_*}. */
    static Forest fromTreeEnsemble(Attributes a) {
        long[] featureIds = required(a.getInts("nodes_featureids", null), "nodes_featureids");
        int n = featureIds.length;
        Tensor modesT = a.getTensor("nodes_modes");
        if (modesT == null) throw new IllegalArgumentException("attribute 'nodes_modes' is required");
        long[] modes = lengthOf(modesT.toLongArray(), n, "nodes_modes");
        Tensor splitsT = a.getTensor("nodes_splits");
        if (splitsT == null) throw new IllegalArgumentException("attribute 'nodes_splits' is required");
        double[] splits = lengthOf(splitsT.toDoubleArray(), n, "nodes_splits");
        long[] trueIds = lengthOf(a.getInts("nodes_truenodeids", null), n, "nodes_truenodeids");
        long[] trueLeafs = lengthOf(a.getInts("nodes_trueleafs", null), n, "nodes_trueleafs");
        long[] falseIds = lengthOf(a.getInts("nodes_falsenodeids", null), n, "nodes_falsenodeids");
        long[] falseLeafs = lengthOf(a.getInts("nodes_falseleafs", null), n, "nodes_falseleafs");
        long[] missing = a.getInts("nodes_missing_value_tracks_true", new long[0]);
        if (missing.length != 0 && missing.length != n) {
            throw lengthError("nodes_missing_value_tracks_true", missing.length, n);
        }
        long[] leafTargets = required(a.getInts("leaf_targetids", null), "leaf_targetids");
        int leaves = leafTargets.length;
        Tensor weightsT = a.getTensor("leaf_weights");
        if (weightsT == null) throw new IllegalArgumentException("attribute 'leaf_weights' is required");
        double[] leafWeights = lengthOf(weightsT.toDoubleArray(), leaves, "leaf_weights");
        long[] treeRoots = required(a.getInts("tree_roots", null), "tree_roots");
        long maxTarget = -1;
        for (long t : leafTargets) {
            if (t < 0) throw new IllegalArgumentException("attribute 'leaf_targetids' holds negative id " + t);
            maxTarget = Math.max(maxTarget, t);
        }
        long targets = a.getInt("n_targets", maxTarget + 1);
        if (maxTarget >= targets) {
            throw new IllegalArgumentException("attribute 'leaf_targetids' holds " + maxTarget
                    + ", not below n_targets = " + targets);
        }

        int total = n + leaves;
        byte[] mode = new byte[total];
        int[] feature = new int[total];
        double[] split = new double[total];
        double[][] members = new double[total][];
        int[] trueNext = new int[total];
        int[] falseNext = new int[total];
        boolean[] missingTrue = new boolean[total];
        Tensor membershipT = a.getTensor("membership_values");
        double[] membership = membershipT == null ? new double[0] : membershipT.toDoubleArray();
        int memberPos = 0;
        for (int i = 0; i < n; i++) {
            if (modes[i] < LEQ || modes[i] > MEMBER) {
                throw new IllegalArgumentException("attribute 'nodes_modes' holds " + modes[i] + " at node " + i
                        + "; expected 0..6");
            }
            mode[i] = (byte) modes[i];
            feature[i] = featureId(featureIds[i]);
            split[i] = splits[i];
            missingTrue[i] = missing.length > 0 && missing[i] != 0;
            trueNext[i] = next(trueIds[i], trueLeafs[i], n, leaves, "nodes_truenodeids");
            falseNext[i] = next(falseIds[i], falseLeafs[i], n, leaves, "nodes_falsenodeids");
            if (mode[i] == MEMBER) {
                List<Double> set = new ArrayList<>();
                while (memberPos < membership.length && !Double.isNaN(membership[memberPos])) {
                    double m = membership[memberPos++];
                    set.add(m == 0 ? 0.0 : m);
                }
                if (memberPos >= membership.length) {
                    throw new IllegalArgumentException("attribute 'membership_values' must hold one NaN-terminated"
                            + " set per BRANCH_MEMBER node; node " + i + " has none");
                }
                memberPos++;
                members[i] = set.stream().mapToDouble(Double::doubleValue).sorted().toArray();
            }
        }
        int[] leafOf = new int[leaves];
        int[] target = new int[leaves];
        for (int j = 0; j < leaves; j++) {
            mode[n + j] = LEAF;
            leafOf[j] = n + j;
            target[j] = (int) leafTargets[j];
        }
        int[] roots = new int[treeRoots.length];
        for (int k = 0; k < roots.length; k++) {
            long r = treeRoots[k];
            if (r < 0 || r >= n) {
                throw new IllegalArgumentException("attribute 'tree_roots' holds " + r + ", out of range [0, " + n + ")");
            }
            int ri = (int) r;
            boolean singleLeaf = trueLeafs[ri] != 0 && falseLeafs[ri] != 0 && trueIds[ri] == falseIds[ri];
            roots[k] = singleLeaf ? trueNext[ri] : ri;
        }
        return new Forest(mode, feature, split, members, trueNext, falseNext, missingTrue, leafOf, target,
                leafWeights, roots, Math.toIntExact(targets));
    }

    private static int next(long id, long isLeaf, int nodes, int leaves, String attr) {
        long limit = isLeaf != 0 ? leaves : nodes;
        if (id < 0 || id >= limit) {
            throw new IllegalArgumentException("attribute '" + attr + "' holds " + id + ", out of range [0, "
                    + limit + ") of the " + (isLeaf != 0 ? "leaves" : "nodes"));
        }
        return (int) (isLeaf != 0 ? nodes + id : id);
    }

    // ---- attribute helpers ----

    private static int featureId(long f) {
        if (f < 0 || f > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("attribute 'nodes_featureids' holds invalid feature id " + f);
        }
        return (int) f;
    }

    /** {@code <name>_as_tensor} when present, else the float list {@code <name>}, checked to length n. */
    static double[] doublesOf(Attributes a, String name, int n) {
        Tensor t = a.getTensor(name + "_as_tensor");
        double[] v = t != null ? t.toDoubleArray() : MlInput.floatList(a.getFloats(name, null));
        if (t == null && a.getFloats(name, null) == null) {
            throw new IllegalArgumentException("attribute '" + name + "' (or '" + name + "_as_tensor') is required");
        }
        return lengthOf(v, n, name);
    }

    private static <T> T required(T v, String name) {
        if (v == null) throw new IllegalArgumentException("attribute '" + name + "' is required");
        return v;
    }

    private static long[] lengthOf(long[] v, int n, String name) {
        if (required(v, name).length != n) throw lengthError(name, v.length, n);
        return v;
    }

    private static double[] lengthOf(double[] v, int n, String name) {
        if (v.length != n) throw lengthError(name, v.length, n);
        return v;
    }

    private static String[] lengthOf(String[] v, int n, String name) {
        if (required(v, name).length != n) throw lengthError(name, v.length, n);
        return v;
    }

    private static IllegalArgumentException lengthError(String name, int got, int expected) {
        return new IllegalArgumentException("attribute '" + name + "' has " + got + " entries, expected "
                + expected);
    }
}
