package dev.kiln.importer;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Options for reading a model.
 *
 * <p>External data must lie inside the model's folder once every symbolic link is followed.
 * {@code allowedDataFolders} names further folders the caller trusts (for example a shared
 * weights cache); a location whose real path is inside one of them is accepted too.
 *
 * @param allowedDataFolders folders besides the model's own where external data may live
 * @param maxTensorBytes the largest tensor loading may build that the file's own bytes do not
 *     bound (a sparse initializer's dense form), in bytes
 */
public record LoadOptions(List<Path> allowedDataFolders, long maxTensorBytes) {
    public LoadOptions {
        allowedDataFolders = List.copyOf(allowedDataFolders);
        if (maxTensorBytes < 1) throw new IllegalArgumentException("maxTensorBytes must be positive, got " + maxTensorBytes);
    }

    /** External data only in the model's folder; a quarter of the heap per tensor. */
    public static LoadOptions defaults() {
        return new LoadOptions(List.of(), Runtime.getRuntime().maxMemory() / 4);
    }

    /** These options with {@code folder} also allowed to hold external data. */
    public LoadOptions withAllowedDataFolder(Path folder) {
        List<Path> folders = new ArrayList<>(allowedDataFolders);
        folders.add(folder);
        return new LoadOptions(folders, maxTensorBytes);
    }

    /** These options with another limit on tensors not bounded by the file's size. */
    public LoadOptions withMaxTensorBytes(long bytes) { return new LoadOptions(allowedDataFolders, bytes); }
}
