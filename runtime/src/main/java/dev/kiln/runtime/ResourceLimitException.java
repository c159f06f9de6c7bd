package dev.kiln.runtime;

/**
 * A run asked for more memory than its budget allows ({@code SessionOptions.withMaxMemory}).
 * It is raised before the array is allocated, so the JVM never runs out of heap on its account
 * and the session stays usable for the next run.
 */
public class ResourceLimitException extends KilnException {
    private final String nodeLabel;
    private final String request;
    private final long requestedBytes;
    private final long limitBytes;
    private final String limitName;

    /**
     * @param nodeLabel the node that asked, as {@code 'name' (OpType)}, or null when not yet known
     * @param request what was asked for, e.g. {@code float32[40000, 40000]}
     * @param requestedBytes the bytes that allocation would take (with the run's live bytes for a run limit)
     * @param limitBytes the limit it exceeds
     * @param limitName which limit: "per-tensor" or "per-run"
     */
    public ResourceLimitException(String nodeLabel, String request, long requestedBytes, long limitBytes,
                                  String limitName) {
        super((nodeLabel == null ? "" : "Node " + nodeLabel + ": ") + request + " needs " + requestedBytes
                + " bytes, over the " + limitName + " memory budget of " + limitBytes
                + " bytes (SessionOptions.withMaxMemory, kiln run --max-memory)");
        this.nodeLabel = nodeLabel;
        this.request = request;
        this.requestedBytes = requestedBytes;
        this.limitBytes = limitBytes;
        this.limitName = limitName;
    }

    /** This exception with the node that asked named. */
    public ResourceLimitException atNode(String label) {
        ResourceLimitException e = new ResourceLimitException(label, request, requestedBytes, limitBytes, limitName);
        e.setStackTrace(getStackTrace());
        return e;
    }

    /** The node that asked, as {@code 'name' (OpType)}, or null outside a graph run. */
    public String nodeLabel() { return nodeLabel; }

    /** What was asked for, such as {@code float32[40000, 40000]}. */
    public String request() { return request; }

    /** Bytes the request would have brought the tensor (or the run) to. */
    public long requestedBytes() { return requestedBytes; }

    /** The limit exceeded, in bytes. */
    public long limitBytes() { return limitBytes; }
}
