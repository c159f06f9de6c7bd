package dev.kiln.models.text;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The WordPiece model: greedy longest-match-first segmentation of one word into vocabulary
 * pieces, the pieces after the first carrying the continuing-subword prefix ({@code ##}).
 *
 * <p>A word longer than {@code maxInputCharsPerWord} code points, or one that has a position
 * where no vocabulary piece matches, becomes a single unknown token covering the whole word.
 */
public final class WordPiece {
    private final Map<String, Integer> vocab;
    private final String[] idToToken;
    private final String unkToken;
    private final int unkId;
    private final String prefix;
    private final int maxInputCharsPerWord;
    private final int longestPiece; // longest vocabulary entry in code points: no match is longer

    /**
     * A model over {@code vocab} (token to id; ids need not be dense).
     *
     * @throws IllegalArgumentException if {@code unkToken} is not in the vocabulary, an id is
     *     negative, or {@code maxInputCharsPerWord} is not positive
     */
    public WordPiece(Map<String, Integer> vocab, String unkToken, String continuingSubwordPrefix, int maxInputCharsPerWord) {
        if (!vocab.containsKey(unkToken)) {
            throw new IllegalArgumentException("WordPiece unk_token '" + unkToken + "' is not in the vocabulary");
        }
        if (maxInputCharsPerWord <= 0) {
            throw new IllegalArgumentException("WordPiece max_input_chars_per_word must be positive, got " + maxInputCharsPerWord);
        }
        this.vocab = Collections.unmodifiableMap(new HashMap<>(vocab));
        int maxId = -1;
        int longest = 0;
        for (Map.Entry<String, Integer> e : vocab.entrySet()) {
            int id = e.getValue();
            if (id < 0) throw new IllegalArgumentException("WordPiece vocabulary id of '" + e.getKey() + "' is negative: " + id);
            maxId = Math.max(maxId, id);
            longest = Math.max(longest, e.getKey().codePointCount(0, e.getKey().length()));
        }
        this.idToToken = new String[maxId + 1];
        for (Map.Entry<String, Integer> e : vocab.entrySet()) idToToken[e.getValue()] = e.getKey();
        this.unkToken = unkToken;
        this.unkId = vocab.get(unkToken);
        this.prefix = continuingSubwordPrefix;
        this.maxInputCharsPerWord = maxInputCharsPerWord;
        this.longestPiece = Math.max(longest, 1);
    }

    /** The vocabulary (token to id), unmodifiable. */
    public Map<String, Integer> vocab() {
        return vocab;
    }

    /** The id of {@code token}, or -1 if it is not in the vocabulary. */
    public int tokenToId(String token) {
        Integer id = vocab.get(token);
        return id == null ? -1 : id;
    }

    /** The token with id {@code id}, or null if there is none. */
    public String idToToken(int id) {
        return id >= 0 && id < idToToken.length ? idToToken[id] : null;
    }

    /** The unknown token. */
    public String unkToken() {
        return unkToken;
    }

    /** The prefix marking a piece that continues a word, e.g. {@code ##}. */
    public String continuingSubwordPrefix() {
        return prefix;
    }

    /** Segments a plain word into its pieces. */
    public List<String> tokenize(String word) {
        List<Token> out = new ArrayList<>();
        tokenize(AlignedText.of(word), 0, word.codePointCount(0, word.length()), out);
        return out.stream().map(Token::value).toList();
    }

    /** Segments the word {@code text[from, to)} (code points) and appends its tokens to {@code out}. */
    void tokenize(AlignedText text, int from, int to, List<Token> out) {
        int wordBegin = text.begin(from);
        int wordEnd = text.end(to - 1);
        if (to - from > maxInputCharsPerWord) {
            out.add(new Token(unkId, unkToken, wordBegin, wordEnd));
            return;
        }
        int mark = out.size();
        int start = from;
        while (start < to) {
            int end = Math.min(to, start + longestPiece);
            Token found = null;
            while (end > start) {
                String piece = text.substring(start, end);
                if (start > from) piece = prefix + piece;
                Integer id = vocab.get(piece);
                if (id != null) {
                    found = new Token(id, piece, text.begin(start), text.end(end - 1));
                    break;
                }
                end--;
            }
            if (found == null) {
                out.subList(mark, out.size()).clear();
                out.add(new Token(unkId, unkToken, wordBegin, wordEnd));
                return;
            }
            out.add(found);
            start = end;
        }
    }
}
