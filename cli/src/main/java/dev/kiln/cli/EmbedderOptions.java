package dev.kiln.cli;

import dev.kiln.models.embed.Embedder;
import java.io.IOException;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The model options shared by {@code kiln embed} and {@code kiln similar}. */
final class EmbedderOptions {
    @Option(names = "--model", description = "A sentence-transformers-style .onnx model (default: the bundled "
            + "all-MiniLM-L6-v2). Needs --tokenizer.")
    Path model;

    @Option(names = "--tokenizer", description = "The model's Hugging Face tokenizer.json (BERT WordPiece).")
    Path tokenizer;

    @Option(names = "--quantized", description = "Use the bundled int8 all-MiniLM-L6-v2 instead of the fp32 one.")
    boolean quantized;

    /** The embedder these options select. */
    Embedder load() throws IOException {
        if ((model == null) != (tokenizer == null)) {
            throw new IllegalArgumentException("--model and --tokenizer go together");
        }
        if (model != null) {
            if (quantized) throw new IllegalArgumentException("--quantized selects a bundled model; drop it with --model");
            return Embedder.load(model, tokenizer);
        }
        return quantized ? Embedder.loadQuantized() : Embedder.load();
    }

    /** A short name of the selected model, for output headers. */
    String describe() {
        if (model != null) return model.getFileName().toString();
        return quantized ? "all-MiniLM-L6-v2 (int8)" : "all-MiniLM-L6-v2";
    }
}
