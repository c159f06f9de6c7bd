package dev.kiln.importer;

import dev.kiln.ops.StandardOps;
import dev.kiln.ops.linalg.Sgemm;
import dev.kiln.runtime.exec.Session;
import dev.kiln.runtime.exec.SessionOptions;
import java.io.InputStream;
import java.nio.file.Path;

/**
 * The entry point: loads an ONNX model into a ready-to-run {@link Session}.
 *
 * <pre>{@code
 * Session s = Kiln.load(Path.of("model.onnx"));
 * Tensor y = s.run(Map.of("x", Tensor.of(new float[] {1, 2, 3}, 1, 3))).tensor("y");
 * }</pre>
 */
public final class Kiln {
    static {
        // the GEMM kernel is chosen by timing; start that now, while the model is read
        Sgemm.prepare();
    }

    private Kiln() {}

    /** Loads a model file (external data resolved relative to its folder). */
    public static Session load(Path file) { return load(file, SessionOptions.defaults()); }

    /** Loads a model file with options. */
    public static Session load(Path file, SessionOptions options) {
        return new Session(OnnxImporter.read(file), StandardOps.registry(), options);
    }

    /**
     * Loads a model file with session and load options (folders besides the model's own that may
     * hold external data).
     */
    public static Session load(Path file, SessionOptions options, LoadOptions loadOptions) {
        return new Session(OnnxImporter.read(file, loadOptions), StandardOps.registry(), options);
    }

    /** Loads a model from bytes. */
    public static Session load(byte[] bytes) {
        return new Session(OnnxImporter.read(bytes, null), StandardOps.registry(), SessionOptions.defaults());
    }

    /** Loads a model from bytes with options (e.g. the number of intra-op threads). */
    public static Session load(byte[] bytes, SessionOptions options) {
        return new Session(OnnxImporter.read(bytes, null), StandardOps.registry(), options);
    }

    /** Loads a model from a stream. */
    public static Session load(InputStream in) {
        return new Session(OnnxImporter.read(in), StandardOps.registry(), SessionOptions.defaults());
    }
}
