package dev.kiln.importer;

import dev.kiln.runtime.ModelLoadException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Where external data may be read from: the model's folder and the caller's extra folders.
 *
 * @param modelDir the model's folder, or null when the model did not come from a file
 * @param extra further folders the caller allows
 */
record DataFolders(Path modelDir, List<Path> extra) {
    /** No folder: external data is refused. */
    static final DataFolders NONE = new DataFolders(null, List.of());

    DataFolders {
        extra = List.copyOf(extra);
    }

    static DataFolders of(Path modelDir, LoadOptions options) {
        return modelDir == null ? NONE : new DataFolders(modelDir, options.allowedDataFolders());
    }

    /** The real paths (symbolic links followed) of every allowed folder, the model's first. */
    List<Path> realRoots() {
        List<Path> roots = new ArrayList<>();
        roots.add(real(modelDir, "the model's folder"));
        for (Path p : extra) roots.add(real(p, "allowed data folder"));
        return roots;
    }

    private static Path real(Path dir, String what) {
        try {
            return dir.toAbsolutePath().toRealPath();
        } catch (IOException | SecurityException e) {
            throw new ModelLoadException("Cannot resolve " + what + " '" + dir + "': " + e.getMessage(), e);
        }
    }
}
