package dev.kiln.cli;

import dev.kiln.runtime.io.Npy;
import dev.kiln.runtime.tensor.Tensor;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Parses repeated {@code --input name=file.npy} options. */
final class NpyInputs {
    private NpyInputs() {}

    static Map<String, Tensor> parse(List<String> specs) throws IOException {
        Map<String, Tensor> out = new LinkedHashMap<>();
        for (String spec : specs) {
            String[] kv = spec.split("=", 2);
            if (kv.length != 2 || kv[0].isEmpty()) {
                throw new IllegalArgumentException("--input expects name=file.npy, got '" + spec + "'");
            }
            out.put(kv[0], Npy.read(Path.of(kv[1])));
        }
        return out;
    }
}
