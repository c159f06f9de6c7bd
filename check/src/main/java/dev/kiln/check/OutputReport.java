package dev.kiln.check;

/**
 * Agreement of one model output.
 *
 * @param name output name
 * @param description dtype and shape of Kiln's value
 * @param stats the error against ONNX Runtime
 */
public record OutputReport(String name, String description, ErrorStats stats) {
    /** Whether this output agrees. */
    public boolean passed() { return stats.passed(); }
}
