package dev.kiln.models.text.bpe;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Cuts text into words and words into initial symbols, as a {@link BpeConfig} says. */
final class Words {
    /** GPT-2's split: contractions, letters, numbers, other symbols, each with an optional leading space; whitespace. */
    static final Pattern GPT2 = Pattern.compile(
            "'s|'t|'re|'ve|'m|'ll|'d| ?\\p{L}+| ?\\p{N}+| ?[^\\s\\p{L}\\p{N}]+|\\s+(?!\\S)|\\s+",
            Pattern.UNICODE_CHARACTER_CLASS);
    private static final Pattern NON_SPACE = Pattern.compile("\\S+", Pattern.UNICODE_CHARACTER_CLASS);

    private final BpeConfig config;

    Words(BpeConfig config) { this.config = config; }

    /**
     * The words of {@code text} (no special tokens in it). Byte-level words are returned already
     * written with {@link ByteLevel}'s characters, and together they cover the text exactly.
     */
    List<String> split(String text, boolean atStart) {
        List<String> out = new ArrayList<>();
        if (config.boundary() == WordBoundary.END_OF_WORD) {
            Matcher m = NON_SPACE.matcher(text);
            while (m.find()) out.add(m.group());
            return out;
        }
        String s = atStart && config.addPrefixSpace() && !text.isEmpty() && !Character.isWhitespace(text.codePointAt(0))
                ? " " + text : text;
        Matcher m = GPT2.matcher(s);
        int last = 0;
        while (m.find()) {
            if (m.start() > last) out.add(ByteLevel.encode(s.substring(last, m.start())));
            if (m.end() > m.start()) out.add(ByteLevel.encode(m.group()));
            last = m.end();
        }
        if (last < s.length()) out.add(ByteLevel.encode(s.substring(last)));
        return out;
    }

    /** The initial symbols of one word from {@link #split}. */
    String[] symbols(String word) {
        if (config.boundary() == WordBoundary.BYTE_LEVEL) {
            String[] out = new String[word.length()];
            for (int i = 0; i < out.length; i++) out[i] = String.valueOf(word.charAt(i));
            return out;
        }
        int[] cps = word.codePoints().toArray();
        String[] out = new String[cps.length];
        for (int i = 0; i < cps.length; i++) out[i] = new String(cps, i, 1);
        if (out.length > 0) out[out.length - 1] += config.endOfWordSuffix();
        return out;
    }
}
