package dev.kiln.bench;

import dev.kiln.runtime.tensor.Tensor;
import java.util.Map;

/**
 * What one benchmark row runs: a serialized ONNX model and the inputs fed to it. Kiln and ONNX
 * Runtime receive the same bytes and the same tensor values.
 *
 * @param model the ONNX model bytes
 * @param feeds input tensors by graph input name
 */
public record Workload(byte[] model, Map<String, Tensor> feeds) {
    public Workload {
        feeds = Map.copyOf(feeds);
    }
}
