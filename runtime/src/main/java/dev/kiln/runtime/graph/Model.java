package dev.kiln.runtime.graph;

/**
 * A loaded model: the main graph plus model metadata.
 *
 * @param graph the main graph (its opsets are the model's opset imports)
 * @param irVersion ONNX IR version
 * @param producerName producer name, may be empty
 * @param producerVersion producer version, may be empty
 * @param docString doc string, may be empty
 */
public record Model(Graph graph, long irVersion, String producerName, String producerVersion,
                    String docString) {
    /** A model around a graph, with IR version 8 and no metadata. */
    public static Model of(Graph graph) { return new Model(graph, 8, "", "", ""); }
}
