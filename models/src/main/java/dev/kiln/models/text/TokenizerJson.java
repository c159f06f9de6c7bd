package dev.kiln.models.text;

import dev.kiln.models.json.JsonException;
import dev.kiln.models.json.JsonValue;
import dev.kiln.models.json.JsonValue.JsonArray;
import dev.kiln.models.json.JsonValue.JsonObject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a Hugging Face {@code tokenizer.json} that describes a BERT WordPiece tokenizer:
 * normalizer {@code BertNormalizer} (or none), pre-tokenizer {@code BertPreTokenizer}, model
 * {@code WordPiece}, post-processor {@code TemplateProcessing} or {@code BertProcessing} (or
 * none), added tokens, truncation and padding. Anything else is rejected with a message naming
 * the part that is not supported.
 */
final class TokenizerJson {
    private TokenizerJson() {}

    static WordPieceTokenizer read(JsonValue root) {
        JsonObject doc = root.asObject("tokenizer.json");
        try {
            return new WordPieceTokenizer(
                    addedTokens(doc),
                    normalizer(doc),
                    preTokenizer(doc),
                    model(doc),
                    postProcessor(doc),
                    truncation(doc),
                    padding(doc));
        } catch (JsonException e) {
            throw new JsonException("tokenizer.json: " + e.getMessage());
        }
    }

    private static List<AddedToken> addedTokens(JsonObject doc) {
        List<AddedToken> out = new ArrayList<>();
        if (doc.opt("added_tokens").isEmpty()) return out;
        JsonArray arr = doc.getArray("added_tokens");
        for (int i = 0; i < arr.size(); i++) {
            JsonObject t = arr.get(i).asObject("added_tokens[" + i + "]");
            String content = t.getString("content");
            if (t.getBoolean("single_word", false)) {
                throw new JsonException("added token '" + content + "' has single_word = true, which is not supported");
            }
            boolean special = t.getBoolean("special", false);
            out.add(new AddedToken(
                    t.getInt("id"),
                    content,
                    t.getBoolean("lstrip", false),
                    t.getBoolean("rstrip", false),
                    t.getBoolean("normalized", !special),
                    special));
        }
        return out;
    }

    private static BertNormalizer normalizer(JsonObject doc) {
        if (doc.opt("normalizer").isEmpty()) return new BertNormalizer(false, false, false, false);
        JsonObject n = doc.getObject("normalizer");
        String type = n.getString("type");
        if (!type.equals("BertNormalizer")) {
            throw new JsonException("normalizer type '" + type + "' is not supported, expected BertNormalizer");
        }
        Boolean strip = n.opt("strip_accents").isEmpty() ? null : n.getBoolean("strip_accents", false);
        return BertNormalizer.of(
                n.getBoolean("clean_text", true),
                n.getBoolean("handle_chinese_chars", true),
                strip,
                n.getBoolean("lowercase", true));
    }

    private static BertPreTokenizer preTokenizer(JsonObject doc) {
        String type = doc.opt("pre_tokenizer").isEmpty() ? "null" : doc.getObject("pre_tokenizer").getString("type");
        if (!type.equals("BertPreTokenizer")) {
            throw new JsonException("pre_tokenizer type '" + type + "' is not supported, expected BertPreTokenizer");
        }
        return new BertPreTokenizer();
    }

    private static WordPiece model(JsonObject doc) {
        JsonObject m = doc.getObject("model");
        String type = m.getString("type", "WordPiece");
        if (!type.equals("WordPiece")) {
            throw new JsonException("model type '" + type + "' is not supported, expected WordPiece");
        }
        JsonObject vocabJson = m.getObject("vocab");
        Map<String, Integer> vocab = new HashMap<>(vocabJson.members().size() * 2);
        for (Map.Entry<String, JsonValue> e : vocabJson.members().entrySet()) {
            vocab.put(e.getKey(), e.getValue().asNumber("vocab entry '" + e.getKey() + "'").intValue());
        }
        return new WordPiece(
                vocab,
                m.getString("unk_token", "[UNK]"),
                m.getString("continuing_subword_prefix", "##"),
                m.getInt("max_input_chars_per_word", 100));
    }

    private static TemplateProcessing postProcessor(JsonObject doc) {
        if (doc.opt("post_processor").isEmpty()) {
            return new TemplateProcessing(
                    List.of(new TemplateProcessing.SequencePiece(false, 0)),
                    List.of(new TemplateProcessing.SequencePiece(false, 0), new TemplateProcessing.SequencePiece(true, 1)),
                    Map.of());
        }
        JsonObject p = doc.getObject("post_processor");
        String type = p.getString("type");
        return switch (type) {
            case "TemplateProcessing" -> template(p);
            case "BertProcessing" -> bertProcessing(p);
            default -> throw new JsonException(
                    "post_processor type '" + type + "' is not supported, expected TemplateProcessing or BertProcessing");
        };
    }

    private static TemplateProcessing template(JsonObject p) {
        Map<String, TemplateProcessing.SpecialToken> specials = new LinkedHashMap<>();
        if (p.opt("special_tokens").isPresent()) {
            for (Map.Entry<String, JsonValue> e : p.getObject("special_tokens").members().entrySet()) {
                JsonObject s = e.getValue().asObject("special token '" + e.getKey() + "'");
                List<Integer> ids = new ArrayList<>();
                for (JsonValue v : s.getArray("ids").elements()) ids.add(v.asNumber("special token id").intValue());
                List<String> tokens = new ArrayList<>();
                for (JsonValue v : s.getArray("tokens").elements()) tokens.add(v.asString("special token string"));
                specials.put(e.getKey(), new TemplateProcessing.SpecialToken(s.getString("id", e.getKey()), ids, tokens));
            }
        }
        return new TemplateProcessing(pieces(p.getArray("single")), pieces(p.getArray("pair")), specials);
    }

    private static List<TemplateProcessing.Piece> pieces(JsonArray arr) {
        List<TemplateProcessing.Piece> out = new ArrayList<>();
        for (int i = 0; i < arr.size(); i++) {
            JsonObject piece = arr.get(i).asObject("template piece " + i);
            if (piece.has("SpecialToken")) {
                JsonObject s = piece.getObject("SpecialToken");
                out.add(new TemplateProcessing.SpecialPiece(s.getString("id"), s.getInt("type_id", 0)));
            } else if (piece.has("Sequence")) {
                JsonObject s = piece.getObject("Sequence");
                String id = s.getString("id");
                if (!id.equals("A") && !id.equals("B")) throw new JsonException("template sequence id must be A or B, got '" + id + "'");
                out.add(new TemplateProcessing.SequencePiece(id.equals("B"), s.getInt("type_id", 0)));
            } else {
                throw new JsonException("template piece " + i + " must be SpecialToken or Sequence, got " + piece.members().keySet());
            }
        }
        return out;
    }

    /** {@code BertProcessing}: {@code cls A sep} and {@code cls A sep B sep}, B with type id 1. */
    private static TemplateProcessing bertProcessing(JsonObject p) {
        JsonArray sep = p.getArray("sep");
        JsonArray cls = p.getArray("cls");
        String sepTok = sep.get(0).asString("sep token");
        String clsTok = cls.get(0).asString("cls token");
        Map<String, TemplateProcessing.SpecialToken> specials = new LinkedHashMap<>();
        specials.put(clsTok, new TemplateProcessing.SpecialToken(clsTok, List.of(cls.get(1).asNumber("cls id").intValue()), List.of(clsTok)));
        specials.put(sepTok, new TemplateProcessing.SpecialToken(sepTok, List.of(sep.get(1).asNumber("sep id").intValue()), List.of(sepTok)));
        TemplateProcessing.Piece a = new TemplateProcessing.SequencePiece(false, 0);
        TemplateProcessing.Piece b = new TemplateProcessing.SequencePiece(true, 1);
        return new TemplateProcessing(
                List.of(new TemplateProcessing.SpecialPiece(clsTok, 0), a, new TemplateProcessing.SpecialPiece(sepTok, 0)),
                List.of(new TemplateProcessing.SpecialPiece(clsTok, 0), a, new TemplateProcessing.SpecialPiece(sepTok, 0),
                        b, new TemplateProcessing.SpecialPiece(sepTok, 1)),
                specials);
    }

    private static Truncation truncation(JsonObject doc) {
        if (doc.opt("truncation").isEmpty()) return null;
        JsonObject t = doc.getObject("truncation");
        String strategy = t.getString("strategy", "LongestFirst");
        Truncation.Strategy s = switch (strategy) {
            case "LongestFirst" -> Truncation.Strategy.LONGEST_FIRST;
            case "OnlyFirst" -> Truncation.Strategy.ONLY_FIRST;
            case "OnlySecond" -> Truncation.Strategy.ONLY_SECOND;
            default -> throw new JsonException("truncation strategy '" + strategy + "' is not supported");
        };
        return new Truncation(t.getInt("max_length"), s, side(t.getString("direction", "Right"), "truncation"));
    }

    private static Padding padding(JsonObject doc) {
        if (doc.opt("padding").isEmpty()) return null;
        JsonObject p = doc.getObject("padding");
        JsonValue strategy = p.require("strategy");
        int fixed = 0;
        if (strategy instanceof JsonValue.JsonObject o && o.has("Fixed")) {
            fixed = o.getInt("Fixed");
            if (fixed <= 0) return null; // Fixed(0) never pads
        } else if (!strategy.asString("padding strategy").equals("BatchLongest")) {
            throw new JsonException("padding strategy '" + strategy.asString("padding strategy") + "' is not supported");
        }
        return new Padding(
                fixed,
                side(p.getString("direction", "Right"), "padding"),
                p.getInt("pad_to_multiple_of", 0),
                p.getInt("pad_id", 0),
                p.getInt("pad_type_id", 0),
                p.getString("pad_token", "[PAD]"));
    }

    private static Side side(String direction, String what) {
        return switch (direction) {
            case "Right" -> Side.RIGHT;
            case "Left" -> Side.LEFT;
            default -> throw new JsonException(what + " direction must be Left or Right, got '" + direction + "'");
        };
    }
}
