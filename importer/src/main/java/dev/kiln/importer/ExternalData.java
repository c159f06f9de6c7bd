package dev.kiln.importer;

import dev.kiln.runtime.ModelLoadException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import onnx.OnnxMl.StringStringEntryProto;
import onnx.OnnxMl.TensorProto;

/**
 * Reads tensor data stored outside the model file. A location is a relative path; it is refused
 * when absolute, when it names no regular file (a folder, a device, a pipe), and when its real
 * path, every symbolic link followed, lies outside the real path of the model's folder and of
 * the folders {@link LoadOptions#allowedDataFolders()} names. The file is then opened by that
 * real path. The declared size is checked against the file before any array is made.
 */
final class ExternalData {
    private ExternalData() {}

    /**
     * The bytes of {@code p}'s external data.
     *
     * @param expectedBytes the size the tensor's type and shape need; the range must hold exactly that
     */
    static byte[] read(TensorProto p, DataFolders folders, long expectedBytes) {
        String name = p.getName();
        if (folders.modelDir() == null) {
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
        Path file = resolve(name, location, folders);
        try (SeekableByteChannel ch = Files.newByteChannel(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
            long size = ch.size();
            if (length < 0) length = expectedBytes; // no length: the tensor's own size from the offset
            if (offset < 0 || length < 0 || offset > size || length > size - offset) {
                throw new ModelLoadException("Tensor '" + name + "': external data range [" + offset + ", "
                        + (offset + length) + ") is outside file '" + location + "' of " + size + " bytes");
            }
            if (length != expectedBytes) {
                throw new ModelLoadException("Tensor '" + name + "' needs " + expectedBytes
                        + " bytes of external data, its range in '" + location + "' holds " + length);
            }
            if (length > Integer.MAX_VALUE - 8) {
                throw new ModelLoadException("Tensor '" + name + "' has " + length + " bytes, too many for one array");
            }
            byte[] out = new byte[(int) length];
            ch.position(offset);
            ByteBuffer buf = ByteBuffer.wrap(out);
            while (buf.hasRemaining()) {
                if (ch.read(buf) < 0) {
                    throw new ModelLoadException("Tensor '" + name + "': external data file '" + location
                            + "' ended early (was it changed while loading?)");
                }
            }
            return out;
        } catch (IOException e) {
            throw new ModelLoadException("Tensor '" + name + "': cannot read external data '" + location + "': "
                    + e.getMessage(), e);
        }
    }

    /** The real path of {@code location}, checked to be a regular file inside an allowed folder. */
    private static Path resolve(String name, String location, DataFolders folders) {
        Path rel;
        try {
            rel = Path.of(location);
        } catch (InvalidPathException e) {
            throw new ModelLoadException("Tensor '" + name + "': external data location '" + location
                    + "' is not a valid path: " + e.getMessage());
        }
        if (rel.isAbsolute() || rel.getRoot() != null) {
            throw new ModelLoadException("Tensor '" + name + "': external data location '" + location
                    + "' is absolute; only paths relative to the model's folder are allowed");
        }
        List<Path> roots = folders.realRoots();
        Path modelDir = roots.get(0);
        // first by name: "a/../../x" is refused even when a link would bring it back
        if (!modelDir.resolve(rel).normalize().startsWith(modelDir)) {
            throw new ModelLoadException("Tensor '" + name + "': external data location '" + location
                    + "' escapes the model's folder");
        }
        Path real;
        try {
            real = modelDir.resolve(rel).toRealPath();
        } catch (NoSuchFileException e) {
            throw new ModelLoadException("Tensor '" + name + "': external data file '" + location + "' not found");
        } catch (IOException | SecurityException e) {
            throw new ModelLoadException("Tensor '" + name + "': cannot resolve external data location '"
                    + location + "': " + e.getMessage(), e);
        }
        boolean inside = false;
        for (Path root : roots) inside |= real.startsWith(root) && !real.equals(root);
        if (!inside) {
            throw new ModelLoadException("Tensor '" + name + "': external data location '" + location
                    + "' resolves through a symbolic link to '" + real + "', outside the model's folder"
                    + (roots.size() > 1 ? " and the allowed data folders" : "")
                    + " (LoadOptions.withAllowedDataFolder allows more)");
        }
        if (!Files.isRegularFile(real, LinkOption.NOFOLLOW_LINKS)) {
            throw new ModelLoadException("Tensor '" + name + "': external data location '" + location
                    + "' is not a regular file (" + (Files.isDirectory(real) ? "a folder" : "a device, pipe or socket")
                    + ")");
        }
        return real;
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
