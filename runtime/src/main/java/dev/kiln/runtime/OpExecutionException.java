package dev.kiln.runtime;

/** A node failed while running; the message names the node, its op and the cause. */
public class OpExecutionException extends KilnException {
    private final String nodeLabel;

    public OpExecutionException(String nodeLabel, String message, Throwable cause) {
        super("Node " + nodeLabel + ": " + message, cause);
        this.nodeLabel = nodeLabel;
    }

    /** The failing node, as {@code 'name' (OpType)}. */
    public String nodeLabel() { return nodeLabel; }
}
