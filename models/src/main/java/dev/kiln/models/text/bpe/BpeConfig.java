package dev.kiln.models.text.bpe;

import java.util.List;

/**
 * How a BPE tokenizer turns text into symbols, shared by training and loading.
 *
 * @param boundary word-boundary scheme
 * @param endOfWordSuffix suffix of a word's last symbol ({@link WordBoundary#END_OF_WORD} only)
 * @param addPrefixSpace prepend a space to text that does not start with whitespace
 *     ({@link WordBoundary#BYTE_LEVEL} only), so the first word is split like the others
 * @param unkToken token for characters outside the vocabulary, or null to reject them
 *     ({@link WordBoundary#END_OF_WORD} only; byte-level vocabularies hold every byte)
 * @param specialTokens tokens matched literally in the text before splitting, and never split
 *     or merged (for example {@code "<|endoftext|>"})
 */
public record BpeConfig(WordBoundary boundary, String endOfWordSuffix, boolean addPrefixSpace, String unkToken,
                        List<String> specialTokens) {
    /** The suffix of classic BPE. */
    public static final String END_OF_WORD_SUFFIX = "</w>";

    public BpeConfig {
        if (boundary == null) throw new IllegalArgumentException("boundary must not be null");
        if (boundary == WordBoundary.END_OF_WORD && (endOfWordSuffix == null || endOfWordSuffix.isEmpty())) {
            throw new IllegalArgumentException("END_OF_WORD needs a non-empty endOfWordSuffix");
        }
        if (unkToken != null && unkToken.isEmpty()) throw new IllegalArgumentException("unkToken must be null or non-empty");
        specialTokens = specialTokens == null ? List.of() : List.copyOf(specialTokens);
        for (String s : specialTokens) {
            if (s.isEmpty()) throw new IllegalArgumentException("A special token must not be empty");
        }
    }

    /** Byte-level BPE as GPT-2 does it: no prefix space, no special tokens. */
    public static BpeConfig byteLevel() {
        return new BpeConfig(WordBoundary.BYTE_LEVEL, null, false, null, List.of());
    }

    /** Classic BPE with the {@code "</w>"} suffix and {@code "<unk>"} for unknown characters. */
    public static BpeConfig endOfWord() {
        return new BpeConfig(WordBoundary.END_OF_WORD, END_OF_WORD_SUFFIX, false, "<unk>", List.of());
    }

    /** A copy with these special tokens. */
    public BpeConfig withSpecialTokens(String... tokens) {
        return new BpeConfig(boundary, endOfWordSuffix, addPrefixSpace, unkToken, List.of(tokens));
    }

    /** A copy with another unknown token (null for none). */
    public BpeConfig withUnkToken(String token) {
        return new BpeConfig(boundary, endOfWordSuffix, addPrefixSpace, token, specialTokens);
    }

    /** A copy that adds (or not) a prefix space. */
    public BpeConfig withAddPrefixSpace(boolean v) {
        return new BpeConfig(boundary, endOfWordSuffix, v, unkToken, specialTokens);
    }
}
