package dev.kiln.models.text.tfidf;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Splits text into words: optionally lowercases it ({@link Locale#ROOT}), then returns every
 * match of a regular expression, in order. The default pattern {@value #DEFAULT_PATTERN} keeps
 * runs of two or more Unicode word characters, as scikit-learn's default does.
 */
public final class WordTokenizer {
    /** Two or more word characters between word boundaries. */
    public static final String DEFAULT_PATTERN = "\\b\\w\\w+\\b";

    private final Pattern pattern;
    private final boolean lowercase;

    /**
     * @param regex the token pattern; {@code \w} and {@code \b} follow Unicode rules
     * @param lowercase whether to lowercase before matching
     */
    public WordTokenizer(String regex, boolean lowercase) {
        if (regex == null || regex.isEmpty()) throw new IllegalArgumentException("The token pattern must not be empty");
        this.pattern = Pattern.compile(regex, Pattern.UNICODE_CHARACTER_CLASS);
        this.lowercase = lowercase;
    }

    /** The default: lowercase, {@value #DEFAULT_PATTERN}. */
    public static WordTokenizer defaults() { return new WordTokenizer(DEFAULT_PATTERN, true); }

    /** The words of {@code text}, in order. */
    public List<String> tokenize(String text) {
        if (text == null) throw new IllegalArgumentException("Cannot tokenize a null document");
        String s = lowercase ? text.toLowerCase(Locale.ROOT) : text;
        List<String> out = new ArrayList<>();
        Matcher m = pattern.matcher(s);
        while (m.find()) {
            if (m.end() > m.start()) out.add(m.group());
        }
        return out;
    }
}
