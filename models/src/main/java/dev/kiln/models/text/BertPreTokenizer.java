package dev.kiln.models.text;

import java.util.ArrayList;
import java.util.List;

/**
 * The BERT pre-tokenizer: splits text into words at whitespace (which is dropped) and makes
 * every punctuation character (see {@link BertChars#isPunctuation}) a word of its own.
 */
public final class BertPreTokenizer {
    /** A word as the code point range {@code [from, to)} of the text it was split from. */
    record Word(int from, int to) {}

    /** Splits a plain string into words. */
    public List<String> split(String text) {
        AlignedText t = AlignedText.of(text);
        List<String> out = new ArrayList<>();
        for (Word w : split(t)) out.add(t.substring(w.from(), w.to()));
        return out;
    }

    /** Splits an aligned text into words, in order. */
    List<Word> split(AlignedText text) {
        List<Word> words = new ArrayList<>();
        int start = -1; // start of the word being read, or -1 between words
        for (int i = 0; i < text.length(); i++) {
            int cp = text.codePoint(i);
            boolean space = BertChars.isWhitespace(cp);
            boolean punct = !space && BertChars.isPunctuation(cp);
            if (space || punct) {
                if (start >= 0) words.add(new Word(start, i));
                start = -1;
                if (punct) words.add(new Word(i, i + 1));
            } else if (start < 0) {
                start = i;
            }
        }
        if (start >= 0) words.add(new Word(start, text.length()));
        return words;
    }
}
