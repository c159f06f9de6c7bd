package dev.kiln.cli;

import dev.kiln.runtime.graph.Attribute;
import dev.kiln.runtime.graph.Graph;
import dev.kiln.runtime.graph.Node;
import dev.kiln.runtime.graph.ValueInfo;
import dev.kiln.runtime.graph.ValueType;
import dev.kiln.runtime.tensor.Tensor;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Draws a graph in Graphviz DOT: one box per node (op type, name, and the initializers it reads
 * with their shapes and sizes), graph inputs and outputs as ellipses and houses, edges labelled
 * with the tensor's shape where it is known, and the bodies of If/Loop/Scan nodes as dashed
 * clusters entered from their node. One node can be highlighted: it is filled red, its input
 * edges are drawn thick and red, and the nodes producing its inputs are filled orange.
 */
final class GraphDot {
    private static final int MAX_NAME = 40;

    private final Map<String, String> shapes;
    private final String highlight;
    private final StringBuilder out = new StringBuilder();
    /** Edges leaving a subgraph's scope, written at the top level: an edge inside a cluster pulls both ends into it. */
    private final StringBuilder crossing = new StringBuilder();
    private final Set<String> highlightInputs = new HashSet<>();
    private int next;

    private GraphDot(Map<String, String> shapes, String highlight) {
        this.shapes = shapes;
        this.highlight = highlight;
    }

    /**
     * The DOT text of {@code g}.
     *
     * @param title a caption (e.g. the file name)
     * @param shapes known shapes by value name (e.g. {@code float32[1, 8, 384]}); declared
     *     value infos and initializers are added to these
     * @param highlight the name of the node to mark (or the name of its first output when the
     *     node has none), or null
     */
    static String draw(Graph g, String title, Map<String, String> shapes, String highlight) {
        Map<String, String> known = new HashMap<>();
        collectDeclared(g, known);
        known.putAll(shapes);
        GraphDot d = new GraphDot(known, highlight);
        d.out.append("digraph kiln {\n")
                .append("  graph [rankdir=TB, fontname=\"Helvetica\", fontsize=12, compound=true, label=\"")
                .append(esc(title)).append("\", labelloc=t];\n")
                .append("  node [shape=box, style=\"rounded,filled\", fillcolor=\"#eef3fb\", color=\"#5b7db1\", ")
                .append("fontname=\"Helvetica\", fontsize=10];\n")
                .append("  edge [color=\"#6b6b6b\", fontname=\"Helvetica\", fontsize=8, arrowsize=0.6];\n");
        d.scope(g, new HashMap<>(), Map.of(), "  ");
        d.out.append(d.crossing).append("}\n");
        return d.out.toString();
    }

    /**
     * Emits the inputs, nodes, outputs and subgraphs of one graph. {@code outer} maps the values
     * of enclosing graphs to the dot ids of their producers, {@code outerInit} their initializers.
     */
    private void scope(Graph g, Map<String, String> outer, Map<String, Tensor> outerInit, String indent) {
        Map<String, String> producer = new HashMap<>(outer);
        Map<String, Tensor> init = new HashMap<>(outerInit);
        init.putAll(g.initializers());
        for (ValueInfo in : g.inputs()) {
            if (g.initializers().containsKey(in.name())) continue;
            String id = id();
            producer.put(in.name(), id);
            out.append(indent).append(id).append(" [shape=ellipse, fillcolor=\"#e3f4e1\", color=\"#4f8a4b\", label=\"")
                    .append(esc(shorten(in.name()))).append("\\n").append(esc(shapeOf(in.name()))).append("\"];\n");
        }
        Map<Node, String> ids = new IdentityHashMap<>(); // nodes are records: two alike must still get two boxes
        for (Node n : g.nodes()) {
            String id = id();
            ids.put(n, id);
            for (String o : n.outputs()) if (!o.isEmpty()) producer.put(o, id);
        }
        Node marked = null;
        for (Node n : g.nodes()) {
            if (isHighlighted(n)) {
                marked = n;
                for (String in : n.inputs()) if (producer.containsKey(in)) highlightInputs.add(producer.get(in));
            }
        }
        for (Node n : g.nodes()) {
            String id = ids.get(n);
            out.append(indent).append(id).append(" [label=\"").append(esc(n.opType()));
            if (!n.name().isEmpty()) out.append("\\n").append(esc(shorten(n.name())));
            for (String in : n.inputs()) {
                Tensor t = init.get(in);
                if (t != null) out.append("\\l").append(esc(shorten(in))).append(": ").append(esc(t.describe()))
                        .append(' ').append(bytes(t));
            }
            if (n.inputs().stream().anyMatch(init::containsKey)) out.append("\\l");
            out.append('"');
            if (n == marked) out.append(", fillcolor=\"#f4a3a3\", color=\"#c00000\", penwidth=3");
            else if (highlightInputs.contains(id)) out.append(", fillcolor=\"#fbd38d\", color=\"#c05621\", penwidth=2");
            out.append("];\n");
            for (String in : n.inputs()) {
                String from = in.isEmpty() || init.containsKey(in) ? null : producer.get(in);
                if (from == null) continue;
                boolean fromOuter = from.equals(outer.get(in)); // a value of an enclosing graph
                StringBuilder to = fromOuter ? crossing : out;
                to.append(fromOuter ? "  " : indent).append(from).append(" -> ").append(id).append(" [label=\"")
                        .append(esc(shapes.getOrDefault(in, ""))).append('"');
                if (n == marked) to.append(", color=\"#c00000\", penwidth=3, fontcolor=\"#c00000\"");
                else if (fromOuter) to.append(", style=dotted");
                to.append("];\n");
            }
            subgraphs(n, id, producer, init, indent);
        }
        for (ValueInfo o : g.outputs()) {
            String id = id();
            out.append(indent).append(id).append(" [shape=house, fillcolor=\"#fdf1d6\", color=\"#b7791f\", label=\"")
                    .append(esc(shorten(o.name()))).append("\\n").append(esc(shapeOf(o.name()))).append("\"];\n");
            String from = producer.get(o.name());
            if (from == null) continue;
            if (from.equals(outer.get(o.name()))) {
                crossing.append("  ").append(from).append(" -> ").append(id).append(" [style=dotted];\n");
            } else {
                out.append(indent).append(from).append(" -> ").append(id).append(";\n");
            }
        }
    }

    /** Each graph attribute of {@code n} as a dashed cluster, entered by a dashed edge from the node. */
    private void subgraphs(Node n, String id, Map<String, String> producer, Map<String, Tensor> init, String indent) {
        for (Attribute a : n.attributes().all()) {
            List<?> graphs = a.kind() == Attribute.Kind.GRAPH ? List.of(a.value())
                    : a.kind() == Attribute.Kind.GRAPHS ? (List<?>) a.value() : List.of();
            for (Object o : graphs) {
                Graph sub = (Graph) o;
                String cluster = "cluster_" + id();
                out.append(indent).append("subgraph ").append(cluster).append(" {\n").append(indent)
                        .append("  graph [style=\"rounded,dashed\", color=\"#7f7f7f\", label=\"")
                        .append(esc(n.opType() + " " + (n.name().isEmpty() ? "" : shorten(n.name()) + " ") + "· " + a.name()))
                        .append("\"];\n");
                String entry = id();
                out.append(indent).append("  ").append(entry).append(" [shape=point, style=invis, width=0];\n");
                scope(sub, producer, init, indent + "  ");
                out.append(indent).append("}\n");
                out.append(indent).append(id).append(" -> ").append(entry).append(" [style=dashed, lhead=").append(cluster)
                        .append(", label=\"").append(esc(a.name())).append("\"];\n");
            }
        }
    }

    private boolean isHighlighted(Node n) {
        if (highlight == null) return false;
        return n.name().isEmpty() ? !n.outputs().isEmpty() && n.outputs().get(0).equals(highlight) : n.name().equals(highlight);
    }

    private String shapeOf(String value) {
        return shapes.getOrDefault(value, "");
    }

    /** Declared types of inputs, outputs, value infos and initializers, subgraphs included. */
    private static void collectDeclared(Graph g, Map<String, String> known) {
        for (List<ValueInfo> infos : List.of(g.inputs(), g.outputs(), g.valueInfos())) {
            for (ValueInfo v : infos) {
                ValueType t = v.type();
                if (t != null && t.kind() != null && t.kind() != ValueType.Kind.UNKNOWN) known.put(v.name(), t.toString());
            }
        }
        g.initializers().forEach((name, t) -> known.put(name, t.describe()));
        for (Node n : g.nodes()) {
            for (Attribute a : n.attributes().all()) {
                if (a.kind() == Attribute.Kind.GRAPH) collectDeclared((Graph) a.value(), known);
                if (a.kind() == Attribute.Kind.GRAPHS) for (Object o : (List<?>) a.value()) collectDeclared((Graph) o, known);
            }
        }
    }

    private String id() {
        return "n" + next++;
    }

    /** The size of a tensor's data, e.g. {@code 576 KiB}. */
    static String bytes(Tensor t) {
        double b = (double) t.shape().size() * Math.max(8, t.dtype().bits()) / 8;
        if (b < 1024) return String.format(Locale.ROOT, "%.0f B", b);
        if (b < 1024 * 1024) return String.format(Locale.ROOT, "%.1f KiB", b / 1024);
        return String.format(Locale.ROOT, "%.1f MiB", b / (1024 * 1024));
    }

    /** Long names keep their end, where the distinguishing part usually is. */
    private static String shorten(String s) {
        return s.length() <= MAX_NAME ? s : "…" + s.substring(s.length() - MAX_NAME + 1);
    }

    private static String esc(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", " ");
    }
}
