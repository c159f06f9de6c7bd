package dev.kiln.models.text;

import dev.kiln.models.json.JsonReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A BERT WordPiece tokenizer read from a Hugging Face {@code tokenizer.json}, in pure Java.
 *
 * <p>Encoding a text runs: added-token matching ({@code [CLS]}, {@code [SEP]}, ... typed in the
 * text) → {@link BertNormalizer} → {@link BertPreTokenizer} → {@link WordPiece} → truncation →
 * the {@link TemplateProcessing} post-processor → padding. The result is an {@link Encoding}
 * with ids, type ids, attention mask and offsets into the original text.
 *
 * <p>Instances are immutable and safe to share between threads; {@link #withTruncation} and
 * {@link #withPadding} return modified copies.
 */
public final class WordPieceTokenizer {
    /** Classpath resource of the all-MiniLM-L6-v2 tokenizer (in the model's jar). */
    public static final String MINILM_TOKENIZER_RESOURCE = "all-minilm-l6-v2-tokenizer.json";

    /**
     * The sequence length all-MiniLM-L6-v2 is used with (sentence-transformers'
     * {@code max_seq_length}). The bundled {@code tokenizer.json} says 128, the length the model
     * was fine-tuned with; the position embeddings go to 512.
     */
    public static final int MINILM_MAX_LENGTH = 256;

    private final AddedTokens addedTokens;
    private final List<AddedToken> addedTokenList;
    private final BertNormalizer normalizer;
    private final BertPreTokenizer preTokenizer;
    private final WordPiece model;
    private final TemplateProcessing postProcessor;
    private final Truncation truncation;
    private final Padding padding;

    WordPieceTokenizer(List<AddedToken> addedTokens, BertNormalizer normalizer, BertPreTokenizer preTokenizer,
            WordPiece model, TemplateProcessing postProcessor, Truncation truncation, Padding padding) {
        this.addedTokenList = List.copyOf(addedTokens);
        this.addedTokens = new AddedTokens(addedTokenList);
        this.normalizer = normalizer;
        this.preTokenizer = preTokenizer;
        this.model = model;
        this.postProcessor = postProcessor;
        this.truncation = truncation;
        this.padding = padding;
    }

    /**
     * The all-MiniLM-L6-v2 tokenizer from the classpath, set up the way sentence-transformers
     * runs the model: truncation to {@value #MINILM_MAX_LENGTH} tokens ({@code [CLS]} and
     * {@code [SEP]} included) and padding to the longest encoding of a batch. (The file itself
     * asks for truncation to 128 and fixed padding to 128; {@link #fromResource} keeps that.)
     */
    public static WordPieceTokenizer load() {
        WordPieceTokenizer t = fromResource(MINILM_TOKENIZER_RESOURCE);
        int padId = t.model.tokenToId("[PAD]");
        return t.withTruncation(Truncation.of(MINILM_MAX_LENGTH))
                .withPadding(Padding.batchLongest(padId < 0 ? 0 : padId, "[PAD]"));
    }

    /** A tokenizer from a {@code tokenizer.json} on the classpath, with the file's own settings. */
    public static WordPieceTokenizer fromResource(String name) {
        ClassLoader cl = WordPieceTokenizer.class.getClassLoader();
        try (InputStream in = cl.getResourceAsStream(name)) {
            if (in == null) throw new IllegalArgumentException("tokenizer resource '" + name + "' is not on the classpath");
            return TokenizerJson.read(JsonReader.parse(in));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read tokenizer resource '" + name + "'", e);
        }
    }

    /** A tokenizer from a {@code tokenizer.json} file, with the file's own settings. */
    public static WordPieceTokenizer fromFile(Path file) throws IOException {
        return TokenizerJson.read(JsonReader.parse(file));
    }

    /** A tokenizer from the text of a {@code tokenizer.json}, with its own settings. */
    public static WordPieceTokenizer fromJson(String json) {
        return TokenizerJson.read(JsonReader.parse(json));
    }

    /** A copy that truncates as {@code t} says, or never when {@code t} is null. */
    public WordPieceTokenizer withTruncation(Truncation t) {
        return new WordPieceTokenizer(addedTokenList, normalizer, preTokenizer, model, postProcessor, t, padding);
    }

    /** A copy that pads as {@code p} says, or never when {@code p} is null. */
    public WordPieceTokenizer withPadding(Padding p) {
        return new WordPieceTokenizer(addedTokenList, normalizer, preTokenizer, model, postProcessor, truncation, p);
    }

    /** The truncation setting, if any. */
    public Optional<Truncation> truncation() {
        return Optional.ofNullable(truncation);
    }

    /** The padding setting, if any. */
    public Optional<Padding> padding() {
        return Optional.ofNullable(padding);
    }

    /** The normalizer. */
    public BertNormalizer normalizer() {
        return normalizer;
    }

    /** The WordPiece model with its vocabulary. */
    public WordPiece model() {
        return model;
    }

    /** The post-processor. */
    public TemplateProcessing postProcessor() {
        return postProcessor;
    }

    /** The added tokens, in file order. */
    public List<AddedToken> addedTokens() {
        return addedTokenList;
    }

    /** The tokens of {@code text} without special tokens, truncation or padding. */
    public List<String> tokenize(String text) {
        return tokens(text).stream().map(Token::value).toList();
    }

    /** Encodes one text: truncated and padded as configured, padded alone as a batch of one. */
    public Encoding encode(String text) {
        if (text == null) throw new IllegalArgumentException("text to encode is null");
        return encodeBatch(List.of(text)).get(0);
    }

    /** Encodes a pair of texts (e.g. a query and a passage for a cross-encoder). */
    public Encoding encode(String first, String second) {
        Encoding e = finish(tokens(first), tokens(second));
        return padding == null ? e : e.pad(padding.targetLength(e.length()), padding);
    }

    /** Encodes texts; with batch-longest padding all results have the length of the longest. */
    public List<Encoding> encodeBatch(List<String> texts) {
        List<Encoding> out = new ArrayList<>(texts.size());
        int longest = 0;
        for (String text : texts) {
            Encoding e = finish(tokens(text), null);
            longest = Math.max(longest, e.length());
            out.add(e);
        }
        if (padding != null) {
            int target = padding.targetLength(longest);
            out.replaceAll(e -> e.pad(target, padding));
        }
        return out;
    }

    /** Added-token matching, normalization, pre-tokenization and WordPiece for one text. */
    private List<Token> tokens(String text) {
        if (text == null) throw new IllegalArgumentException("text to encode is null");
        List<Token> out = new ArrayList<>();
        for (AddedTokens.Piece raw : addedTokens.splitRaw(text)) {
            if (raw.isToken()) {
                // the token string is the matched text, whitespace swallowed by lstrip/rstrip included
                out.add(new Token(raw.token().id(), text.substring(raw.from(), raw.to()), raw.from(), raw.to()));
                continue;
            }
            AlignedText normalized = normalizer.normalize(AlignedText.of(text, raw.from(), raw.to()));
            for (AddedTokens.Piece piece : addedTokens.splitNormalized(normalized)) {
                if (piece.isToken()) {
                    out.add(new Token(piece.token().id(), normalized.substring(piece.from(), piece.to()),
                            normalized.begin(piece.from()), normalized.end(piece.to() - 1)));
                    continue;
                }
                AlignedText part = normalized.slice(piece.from(), piece.to());
                for (BertPreTokenizer.Word w : preTokenizer.split(part)) model.tokenize(part, w.from(), w.to(), out);
            }
        }
        return out;
    }

    /** Truncation and post-processing. */
    private Encoding finish(List<Token> a, List<Token> b) {
        if (truncation != null) {
            int budget = Math.max(0, truncation.maxLength() - postProcessor.addedTokens(b != null));
            if (b == null) {
                if (truncation.strategy() == Truncation.Strategy.ONLY_SECOND && a.size() > budget) {
                    throw new IllegalArgumentException("truncation strategy ONLY_SECOND needs a second sequence");
                }
                a = cut(a, budget);
            } else {
                int[] keep = pairLengths(a.size(), b.size(), budget);
                a = cut(a, keep[0]);
                b = cut(b, keep[1]);
            }
        }
        return postProcessor.apply(a, b);
    }

    /** How many tokens of each sequence of a pair to keep so that together they fit {@code budget}. */
    private int[] pairLengths(int na, int nb, int budget) {
        if (na + nb <= budget) return new int[] {na, nb};
        int excess = na + nb - budget;
        switch (truncation.strategy()) {
            case ONLY_FIRST:
            case ONLY_SECOND: {
                boolean first = truncation.strategy() == Truncation.Strategy.ONLY_FIRST;
                int n = first ? na : nb;
                if (n < excess) {
                    throw new IllegalArgumentException("cannot truncate to " + truncation.maxLength()
                            + " tokens: the " + (first ? "first" : "second") + " sequence has only " + n + " tokens");
                }
                return first ? new int[] {na - excess, nb} : new int[] {na, nb - excess};
            }
            default: {
                // Longest first: the shorter sequence keeps everything if it fits in half the
                // budget; otherwise both get half, the longer one the odd token.
                int shorter = Math.min(na, nb);
                int keepShort;
                int keepLong;
                if (2 * shorter <= budget) {
                    keepShort = shorter;
                    keepLong = budget - shorter;
                } else {
                    keepShort = budget / 2;
                    keepLong = budget - keepShort;
                }
                return na > nb ? new int[] {keepLong, keepShort} : new int[] {keepShort, keepLong};
            }
        }
    }

    private List<Token> cut(List<Token> tokens, int keep) {
        if (tokens.size() <= keep) return tokens;
        return truncation.side() == Side.RIGHT
                ? tokens.subList(0, keep)
                : tokens.subList(tokens.size() - keep, tokens.size());
    }
}
