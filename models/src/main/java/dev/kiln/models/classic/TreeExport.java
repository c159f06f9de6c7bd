package dev.kiln.models.classic;

import dev.kiln.runtime.graph.Attribute;
import dev.kiln.runtime.graph.ValueInfo;
import dev.kiln.runtime.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;

/** Writes a {@link Tree} as a one-tree ai.onnx.ml TreeEnsembleClassifier/Regressor (opset 3). */
final class TreeExport {
    private TreeExport() {}

    static List<ValueInfo> classifier(OnnxBuilder b, String x, Tree t, int[] classes) {
        List<Attribute> a = nodes(t);
        int c = classes.length;
        // One vote per (leaf, class): weight = the class's frequency in the leaf.
        List<long[]> votes = new ArrayList<>();
        List<Float> weights = new ArrayList<>();
        for (int leaf : leaves(t)) {
            for (int cls = 0; cls < c; cls++) {
                votes.add(new long[] {leaf, cls});
                weights.add((float) t.value()[leaf][cls]);
            }
        }
        long[] tree = new long[votes.size()];
        long[] node = new long[votes.size()];
        long[] id = new long[votes.size()];
        float[] w = new float[votes.size()];
        for (int k = 0; k < w.length; k++) {
            node[k] = votes.get(k)[0];
            id[k] = votes.get(k)[1];
            w[k] = weights.get(k);
        }
        a.add(Attribute.ofInts("class_treeids", tree));
        a.add(Attribute.ofInts("class_nodeids", node));
        a.add(Attribute.ofInts("class_ids", id));
        a.add(Attribute.ofFloats("class_weights", w));
        a.add(Attribute.ofInts("classlabels_int64s", OnnxBuilder.longs(classes)));
        a.add(Attribute.of("post_transform", "NONE"));
        if (c > 2) {
            List<String> out = b.node(OnnxBuilder.ML, "TreeEnsembleClassifier", List.of(x), List.of("label", "probabilities"),
                    a.toArray(new Attribute[0]));
            return List.of(OnnxBuilder.labelOutput(out.get(0)), OnnxBuilder.floatOutput(out.get(1), c));
        }
        // Two classes with votes for both: ORT labels a row positive when p1 > 0 rather than by
        // the larger probability, so the label is taken as ArgMax of the probabilities instead.
        List<String> out = b.node(OnnxBuilder.ML, "TreeEnsembleClassifier", List.of(x), List.of("tree_label", "probabilities"),
                a.toArray(new Attribute[0]));
        String index = b.op("ArgMax", List.of(out.get(1)), Attribute.of("axis", 1L), Attribute.of("keepdims", 0L));
        String labels = b.constant("classes", Tensor.of(OnnxBuilder.longs(classes), c));
        String label = b.node("", "Gather", List.of(labels, index), List.of("label"), Attribute.of("axis", 0L)).get(0);
        return List.of(OnnxBuilder.labelOutput(label), OnnxBuilder.floatOutput(out.get(1), c));
    }

    static List<ValueInfo> regressor(OnnxBuilder b, String x, Tree t) {
        List<Attribute> a = nodes(t);
        List<Integer> leaves = leaves(t);
        long[] node = new long[leaves.size()];
        float[] w = new float[leaves.size()];
        for (int k = 0; k < node.length; k++) {
            node[k] = leaves.get(k);
            w[k] = (float) t.value()[leaves.get(k)][0];
        }
        a.add(Attribute.ofInts("target_treeids", new long[node.length]));
        a.add(Attribute.ofInts("target_nodeids", node));
        a.add(Attribute.ofInts("target_ids", new long[node.length]));
        a.add(Attribute.ofFloats("target_weights", w));
        a.add(Attribute.of("n_targets", 1L));
        a.add(Attribute.of("aggregate_function", "SUM"));
        a.add(Attribute.of("post_transform", "NONE"));
        List<String> out = b.node(OnnxBuilder.ML, "TreeEnsembleRegressor", List.of(x), List.of("variable"),
                a.toArray(new Attribute[0]));
        return List.of(OnnxBuilder.floatOutput(out.get(0), 1));
    }

    private static List<Integer> leaves(Tree t) {
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < t.nodeCount(); i++) if (t.isLeaf(i)) out.add(i);
        return out;
    }

    // The nodes_* attributes: node i of tree 0 has id i; x <= threshold goes to the true branch.
    private static List<Attribute> nodes(Tree t) {
        int m = t.nodeCount();
        long[] ids = new long[m];
        long[] features = new long[m];
        long[] trueIds = new long[m];
        long[] falseIds = new long[m];
        float[] values = new float[m];
        String[] modes = new String[m];
        for (int i = 0; i < m; i++) {
            ids[i] = i;
            boolean leaf = t.isLeaf(i);
            modes[i] = leaf ? "LEAF" : "BRANCH_LEQ";
            features[i] = leaf ? 0 : t.feature()[i];
            trueIds[i] = leaf ? 0 : t.left()[i];
            falseIds[i] = leaf ? 0 : t.right()[i];
            values[i] = leaf ? 0 : t.threshold()[i];
        }
        List<Attribute> a = new ArrayList<>();
        a.add(Attribute.ofInts("nodes_treeids", new long[m]));
        a.add(Attribute.ofInts("nodes_nodeids", ids));
        a.add(Attribute.ofInts("nodes_featureids", features));
        a.add(Attribute.ofStrings("nodes_modes", modes));
        a.add(Attribute.ofFloats("nodes_values", values));
        a.add(Attribute.ofInts("nodes_truenodeids", trueIds));
        a.add(Attribute.ofInts("nodes_falsenodeids", falseIds));
        return a;
    }
}
