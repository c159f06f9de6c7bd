package dev.kiln.importer;

import dev.kiln.runtime.ModelLoadException;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import onnx.OnnxMl.StringStringEntryProto;
import onnx.OnnxMl.TensorProto;

/**
 * Reads tensor data stored outside the model file. Locations are resolved relative to the
 * model's folder and refused when absolute or escaping it.
 */
final class ExternalData {
    private ExternalData() {}

    static byte[] read(TensorProto p, Path baseDir) {
        String name = p.getName();
        if (baseDir == null) {
            throw new ModelLoadException("Tensor '" + name + "' uses external data, but the model was not"
                    + " loaded from a file, so there is no folder to resolve it against");
        }
        String location = null;
        long offset = 0;
        long length = -1;
        for (StringStringEntryProto e : p.getExternalDataList()) {
            switch (e.getKey()) {
                case "location" -> location = e.getValue();
                case "offset" -> offset = parse(name, "offset", e.getValue());
                case "length" -> length = parse(name, "length", e.getValue());
                default -> { }
            }
        }
        if (location == null || location.isEmpty()) {
            throw new ModelLoadException("Tensor '" + name + "' has external data without a location");
        }
        Path rel = Path.of(location);
        if (rel.isAbsolute()) {
            throw new ModelLoadException("Tensor '" + name + "': external data location '" + location
                    + "' is absolute; only paths relative to the model's folder are allowed");
        }
        Path base = baseDir.toAbsolutePath().normalize();
        Path file = base.resolve(rel).normalize();
        if (!file.startsWith(base)) {
            throw new ModelLoadException("Tensor '" + name + "': external data location '" + location
                    + "' escapes the model's folder");
        }
        if (!Files.isRegularFile(file)) {
            throw new ModelLoadException("Tensor '" + name + "': external data file '" + location + "' not found");
        }
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "r")) {
            long size = f.length();
            if (length < 0) length = size - offset;
            if (offset < 0 || offset + length > size) {
                throw new ModelLoadException("Tensor '" + name + "': external data range [" + offset + ", "
                        + (offset + length) + ") is outside file '" + location + "' of " + size + " bytes");
            }
            if (length > Integer.MAX_VALUE - 8) {
                throw new ModelLoadException("Tensor '" + name + "' has " + length + " bytes, too many for one array");
            }
            byte[] out = new byte[(int) length];
            f.seek(offset);
            f.readFully(out);
            return out;
        } catch (IOException e) {
            throw new ModelLoadException("Tensor '" + name + "': cannot read external data '" + location + "': "
                    + e.getMessage(), e);
        }
    }

    private static long parse(String tensor, String key, String value) {
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new ModelLoadException("Tensor '" + tensor + "': external data " + key + " '" + value
                    + "' is not a number");
        }
    }
}
