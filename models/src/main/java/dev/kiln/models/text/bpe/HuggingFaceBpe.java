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

/**
 * Reads and writes a Hugging Face {@code tokenizer.json} whose model is BPE. Supported: a ByteLevel
 * pre-tokenizer (alone or in a Sequence; with or without {@code add_prefix_space}) or an
 * {@code end_of_word_suffix} with WhitespaceSplit or no pre-tokenizer; merges as "a b" strings
 * or as [a, b] pairs; {@code unk_token}; added tokens, matched literally. Anything that would
 * change the result and is not supported (a normalizer, dropout, a continuing-subword prefix,
 * byte fallback) is rejected with an {@link IllegalArgumentException}.
 */
final class HuggingFaceBpe {
    private HuggingFaceBpe() {}

    static BpeTokenizer load(Path file) {
        try {
            return parse(Files.readString(file, StandardCharsets.UTF_8), file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    static BpeTokenizer parse(String json, String where) {
        Map<?, ?> root = object(JsonReader.parse(json).toPlain(), where);
        Map<?, ?> model = object(root.get("model"), where + " model");
        Object type = model.get("type");
        if (type != null && !"BPE".equals(type)) throw new IllegalArgumentException(where + ": model type is " + type + ", expected BPE");
        if (root.get("normalizer") != null) {
            throw new IllegalArgumentException(where + ": normalizer " + typeOf(root.get("normalizer")) + " is not supported");
        }
        if (model.get("dropout") instanceof Number d && d.doubleValue() > 0) {
            throw new IllegalArgumentException(where + ": BPE dropout is not supported");
        }
        if (model.get("continuing_subword_prefix") instanceof String p && !p.isEmpty()) {
            throw new IllegalArgumentException(where + ": continuing_subword_prefix is not supported");
        }
        if (Boolean.TRUE.equals(model.get("byte_fallback"))) throw new IllegalArgumentException(where + ": byte_fallback is not supported");

        Map<String, Integer> vocab = new LinkedHashMap<>(BpeFiles.vocab(model.get("vocab"), where + " model.vocab"));
        List<Merge> merges = new ArrayList<>();
        if (!(model.get("merges") instanceof List<?> ms)) throw new IllegalArgumentException(where + ": model.merges must be a list");
        for (int i = 0; i < ms.size(); i++) {
            Object m = ms.get(i);
            String at = where + " merge " + i;
            if (m instanceof String s) {
                merges.add(BpeFiles.mergeOf(s, at));
            } else if (m instanceof List<?> pair && pair.size() == 2 && pair.get(0) instanceof String a && pair.get(1) instanceof String b) {
                merges.add(new Merge(a, b));
            } else {
                throw new IllegalArgumentException(at + ": expected \"a b\" or [\"a\", \"b\"], got " + m);
            }
        }
        List<String> added = new ArrayList<>();
        if (root.get("added_tokens") instanceof List<?> list) {
            for (Object o : list) {
                Map<?, ?> t = object(o, where + " added token");
                if (!(t.get("content") instanceof String content) || !(t.get("id") instanceof Long id)) {
                    throw new IllegalArgumentException(where + ": an added token needs a string content and an integer id, got " + t);
                }
                Integer known = vocab.putIfAbsent(content, id.intValue());
                if (known != null && known != id.intValue()) {
                    throw new IllegalArgumentException(where + ": added token '" + content + "' has id " + id + " but " + known + " in the vocabulary");
                }
                added.add(content);
            }
        }
        String unk = model.get("unk_token") instanceof String u ? u : null;
        Map<?, ?> byteLevel = findByteLevel(root.get("pre_tokenizer"));
        BpeConfig cfg;
        if (byteLevel != null) {
            if (Boolean.FALSE.equals(byteLevel.get("use_regex"))) {
                throw new IllegalArgumentException(where + ": a ByteLevel pre-tokenizer without use_regex is not supported");
            }
            cfg = new BpeConfig(WordBoundary.BYTE_LEVEL, null, Boolean.TRUE.equals(byteLevel.get("add_prefix_space")), unk, added);
        } else if (model.get("end_of_word_suffix") instanceof String suffix && !suffix.isEmpty()) {
            Object pre = root.get("pre_tokenizer");
            if (pre != null && !"WhitespaceSplit".equals(typeOf(pre))) {
                throw new IllegalArgumentException(where + ": pre-tokenizer " + typeOf(pre) + " is not supported with end_of_word_suffix");
            }
            cfg = new BpeConfig(WordBoundary.END_OF_WORD, suffix, false, unk, added);
        } else {
            throw new IllegalArgumentException(where + ": need a ByteLevel pre-tokenizer or an end_of_word_suffix, found "
                    + typeOf(root.get("pre_tokenizer")));
        }
        return new BpeTokenizer(vocab, merges, cfg);
    }

    /**
     * Writes {@code t} as a {@code tokenizer.json}: a BPE model with the merges as "a b" strings,
     * the special tokens as added tokens, and a ByteLevel (or WhitespaceSplit + BPEDecoder)
     * pre-tokenizer and decoder.
     */
    static void save(BpeTokenizer t, Path file) {
        BpeConfig c = t.config();
        boolean bytes = c.boundary() == WordBoundary.BYTE_LEVEL;
        StringBuilder b = new StringBuilder("{\n  \"version\": \"1.0\",\n  \"truncation\": null,\n  \"padding\": null,\n");
        b.append("  \"added_tokens\": [");
        for (int i = 0; i < c.specialTokens().size(); i++) {
            String s = c.specialTokens().get(i);
            b.append(i == 0 ? "\n" : ",\n").append("    {\"id\": ").append(t.tokenToId(s)).append(", \"content\": ").append(JsonWriter.quote(s))
                    .append(", \"single_word\": false, \"lstrip\": false, \"rstrip\": false, \"normalized\": false, \"special\": true}");
        }
        b.append(c.specialTokens().isEmpty() ? "],\n" : "\n  ],\n");
        b.append("  \"normalizer\": null,\n");
        if (bytes) {
            String byteLevel = "{\"type\": \"ByteLevel\", \"add_prefix_space\": " + c.addPrefixSpace()
                    + ", \"trim_offsets\": true, \"use_regex\": true}";
            b.append("  \"pre_tokenizer\": ").append(byteLevel).append(",\n  \"post_processor\": null,\n");
            b.append("  \"decoder\": ").append(byteLevel).append(",\n");
        } else {
            b.append("  \"pre_tokenizer\": {\"type\": \"WhitespaceSplit\"},\n  \"post_processor\": null,\n");
            b.append("  \"decoder\": {\"type\": \"BPEDecoder\", \"suffix\": ").append(JsonWriter.quote(c.endOfWordSuffix())).append("},\n");
        }
        b.append("  \"model\": {\n    \"type\": \"BPE\",\n    \"dropout\": null,\n    \"unk_token\": ")
                .append(c.unkToken() == null ? "null" : JsonWriter.quote(c.unkToken()))
                .append(",\n    \"continuing_subword_prefix\": null,\n    \"end_of_word_suffix\": ")
                .append(bytes ? "null" : JsonWriter.quote(c.endOfWordSuffix()))
                .append(",\n    \"fuse_unk\": false,\n    \"byte_fallback\": false,\n    \"vocab\": {");
        int i = 0;
        for (Map.Entry<String, Integer> e : t.vocab().entrySet()) {
            b.append(i++ == 0 ? "\n      " : ",\n      ").append(JsonWriter.quote(e.getKey())).append(": ").append(e.getValue());
        }
        b.append("\n    },\n    \"merges\": [");
        i = 0;
        for (Merge m : t.merges()) b.append(i++ == 0 ? "\n      " : ",\n      ").append(JsonWriter.quote(m.toString()));
        b.append("\n    ]\n  }\n}\n");
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) Files.createDirectories(parent);
            Files.writeString(file, b, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    private static Map<?, ?> findByteLevel(Object pre) {
        if (!(pre instanceof Map<?, ?> m)) return null;
        if ("ByteLevel".equals(m.get("type"))) return m;
        if ("Sequence".equals(m.get("type")) && m.get("pretokenizers") instanceof List<?> l) {
            for (Object o : l) {
                Map<?, ?> found = findByteLevel(o);
                if (found != null) return found;
            }
        }
        return null;
    }

    private static Object typeOf(Object o) { return o instanceof Map<?, ?> m ? m.get("type") : o; }

    private static Map<?, ?> object(Object o, String where) {
        if (!(o instanceof Map<?, ?> m)) throw new IllegalArgumentException(where + ": expected a JSON object");
        return m;
    }
}
