package dev.kiln.models.text;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** The reference tokenizer (Hugging Face {@code tokenizers} through DJL) set up like {@link WordPieceTokenizer#load()}. */
public final class DjlTokenizers {
    private DjlTokenizers() {}

    /** Copies the bundled all-MiniLM-L6-v2 {@code tokenizer.json} into {@code dir} (DJL reads files only). */
    public static Path copyMiniLmJson(Path dir) throws IOException {
        Path json = dir.resolve("tokenizer.json");
        try (InputStream in = WordPieceTokenizer.class.getClassLoader()
                .getResourceAsStream(WordPieceTokenizer.MINILM_TOKENIZER_RESOURCE)) {
            Files.copy(in, json);
        }
        return json;
    }

    /**
     * DJL on {@code json} with truncation to {@value WordPieceTokenizer#MINILM_MAX_LENGTH} and
     * padding to the longest of a batch, the settings of {@link WordPieceTokenizer#load()}.
     */
    public static HuggingFaceTokenizer truncating256(Path json) throws IOException {
        return HuggingFaceTokenizer.builder()
                .optTokenizerPath(json)
                .optMaxLength(WordPieceTokenizer.MINILM_MAX_LENGTH)
                .optTruncation(true)
                .optPadding(true)
                .build();
    }
}
