package dev.kiln.models.text.bpe;

import dev.kiln.models.json.JsonReader;
import dev.kiln.models.json.JsonWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** GPT-2-style files: {@code vocab.json} (token to id) and {@code merges.txt} (one "left right" per line). */
final class BpeFiles {
    static final String VOCAB = "vocab.json";
    static final String MERGES = "merges.txt";
    private static final String HEADER = "#version: 0.2";

    private BpeFiles() {}

    static void save(BpeTokenizer t, Path dir) {
        StringBuilder v = new StringBuilder("{\n");
        int i = 0;
        for (Map.Entry<String, Integer> e : t.vocab().entrySet()) {
            v.append("  ").append(JsonWriter.quote(e.getKey())).append(": ").append(e.getValue());
            v.append(++i < t.vocab().size() ? ",\n" : "\n");
        }
        v.append("}\n");
        StringBuilder m = new StringBuilder(HEADER).append('\n');
        for (Merge merge : t.merges()) m.append(merge.left()).append(' ').append(merge.right()).append('\n');
        try {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve(VOCAB), v, StandardCharsets.UTF_8);
            Files.writeString(dir.resolve(MERGES), m, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the BPE files to " + dir + ": " + e.getMessage(), e);
        }
    }

    static BpeTokenizer load(Path vocabJson, Path mergesTxt, BpeConfig config) {
        try {
            Map<String, Integer> vocab = vocab(JsonReader.parse(Files.readString(vocabJson, StandardCharsets.UTF_8)).toPlain(), vocabJson.toString());
            List<Merge> merges = merges(Files.readString(mergesTxt, StandardCharsets.UTF_8), mergesTxt.toString());
            return new BpeTokenizer(vocab, merges, config);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the BPE files: " + e.getMessage(), e);
        }
    }

    /** A JSON object of token to integer id. */
    static Map<String, Integer> vocab(Object json, String where) {
        if (!(json instanceof Map<?, ?> m)) throw new IllegalArgumentException(where + ": the vocabulary must be a JSON object");
        Map<String, Integer> out = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : m.entrySet()) {
            if (!(e.getValue() instanceof Long id) || id < 0 || id > Integer.MAX_VALUE) {
                throw new IllegalArgumentException(where + ": token '" + e.getKey() + "' has id " + e.getValue()
                        + ", expected an integer >= 0");
            }
            out.put((String) e.getKey(), id.intValue());
        }
        return out;
    }

    /** Merge lines "left right", skipping a "#version" header and blank lines. */
    static List<Merge> merges(String text, String where) {
        List<Merge> out = new ArrayList<>();
        String[] lines = text.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            if (line.isEmpty() || (i == 0 && line.startsWith("#version"))) continue;
            out.add(mergeOf(line, where + " line " + (i + 1)));
        }
        return out;
    }

    static Merge mergeOf(String line, String where) {
        String[] parts = line.split(" ", -1);
        if (parts.length != 2 || parts[0].isEmpty() || parts[1].isEmpty()) {
            throw new IllegalArgumentException(where + ": expected two symbols separated by one space, got '" + line + "'");
        }
        return new Merge(parts[0], parts[1]);
    }
}
