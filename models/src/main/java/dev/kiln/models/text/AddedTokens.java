package dev.kiln.models.text;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Finds added tokens in text: tokens with {@code normalized = false} in the raw input, those
 * with {@code normalized = true} in the normalized text. At each position the longest token
 * that matches wins, and the scan goes on after it (leftmost-longest, non-overlapping).
 */
final class AddedTokens {
    /** A piece of the text: either a matched token or a range {@code [from, to)} to tokenize normally. */
    record Piece(AddedToken token, int from, int to) {
        boolean isToken() {
            return token != null;
        }
    }

    private final List<AddedToken> raw;
    private final List<AddedToken> normalized;

    AddedTokens(List<AddedToken> tokens) {
        Comparator<AddedToken> longestFirst = Comparator.comparingInt((AddedToken t) -> t.content().length()).reversed();
        this.raw = tokens.stream().filter(t -> !t.normalized()).sorted(longestFirst).toList();
        this.normalized = tokens.stream().filter(AddedToken::normalized).sorted(longestFirst).toList();
    }

    /** Splits raw text; ranges are UTF-16 indices into {@code text}. */
    List<Piece> splitRaw(String text) {
        List<Piece> out = new ArrayList<>();
        int done = 0; // everything before this index is in `out`
        int i = 0;
        while (i < text.length()) {
            AddedToken match = raw.isEmpty() ? null : longestAt(raw, text, i);
            if (match == null) {
                i++;
                continue;
            }
            int begin = i;
            int end = i + match.content().length();
            if (match.lstrip()) {
                while (begin > done && BertChars.isWhitespace(text.charAt(begin - 1))) begin--;
            }
            if (match.rstrip()) {
                while (end < text.length() && BertChars.isWhitespace(text.charAt(end))) end++;
            }
            if (done < begin) out.add(new Piece(null, done, begin));
            out.add(new Piece(match, begin, end));
            done = end;
            i = end;
        }
        if (done < text.length()) out.add(new Piece(null, done, text.length()));
        return out;
    }

    /** Splits normalized text; ranges are code point indices into {@code text}. */
    List<Piece> splitNormalized(AlignedText text) {
        if (normalized.isEmpty()) return List.of(new Piece(null, 0, text.length()));
        String s = text.toString();
        int[] charToCp = new int[s.length() + 1]; // UTF-16 index in s -> code point index
        for (int c = 0, cp = 0; c < s.length(); cp++) {
            int n = Character.charCount(s.codePointAt(c));
            for (int k = 0; k < n; k++) charToCp[c + k] = cp;
            c += n;
        }
        charToCp[s.length()] = text.length();
        List<Piece> out = new ArrayList<>();
        int done = 0;
        int i = 0;
        while (i < s.length()) {
            AddedToken match = longestAt(normalized, s, i);
            if (match == null) {
                i++;
                continue;
            }
            int begin = i;
            int end = i + match.content().length();
            if (match.lstrip()) {
                while (begin > done && BertChars.isWhitespace(s.charAt(begin - 1))) begin--;
            }
            if (match.rstrip()) {
                while (end < s.length() && BertChars.isWhitespace(s.charAt(end))) end++;
            }
            if (done < begin) out.add(new Piece(null, charToCp[done], charToCp[begin]));
            out.add(new Piece(match, charToCp[begin], charToCp[end]));
            done = end;
            i = end;
        }
        if (done < s.length()) out.add(new Piece(null, charToCp[done], text.length()));
        return out;
    }

    private static AddedToken longestAt(List<AddedToken> byLengthDesc, String text, int i) {
        for (AddedToken t : byLengthDesc) {
            if (text.startsWith(t.content(), i)) return t;
        }
        return null;
    }
}
