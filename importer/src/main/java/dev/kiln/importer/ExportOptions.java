package dev.kiln.importer;

/**
 * Options of {@link OnnxExporter}.
 *
 * @param opset the ai.onnx opset to declare when the graph imports none
 * @param producerName producer name written to the model
 * @param producerVersion producer version written to the model
 * @param docString model doc string
 * @param externalDataThreshold when the initializers add up to at least this many bytes, they
 *     are written to a side file next to the model (ONNX's 2 GB protobuf limit)
 */
public record ExportOptions(int opset, String producerName, String producerVersion, String docString,
                            long externalDataThreshold) {
    /** Protobuf messages cannot exceed 2 GB. */
    public static final long TWO_GB = 2L * 1024 * 1024 * 1024;

    /** Opset 17, producer "kiln", external data from 2 GB. */
    public static ExportOptions defaults() { return new ExportOptions(17, "kiln", "0.1.0", "", TWO_GB); }

    /** A copy with another opset. */
    public ExportOptions withOpset(int v) {
        return new ExportOptions(v, producerName, producerVersion, docString, externalDataThreshold);
    }

    /** A copy with another doc string. */
    public ExportOptions withDocString(String s) {
        return new ExportOptions(opset, producerName, producerVersion, s, externalDataThreshold);
    }

    /** A copy with another external-data threshold in bytes. */
    public ExportOptions withExternalDataThreshold(long bytes) {
        return new ExportOptions(opset, producerName, producerVersion, docString, bytes);
    }
}
