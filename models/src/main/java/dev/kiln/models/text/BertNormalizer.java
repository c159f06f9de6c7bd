package dev.kiln.models.text;

import java.text.Normalizer;
import java.util.Locale;

/**
 * The BERT normalizer: text cleaning, CJK isolation, accent stripping and lowercasing, applied
 * in that order, each step optional.
 *
 * <ul>
 *   <li>{@code cleanText}: drops U+0000, U+FFFD and control characters (see
 *       {@link BertChars#isControl}); turns every whitespace character into a space.
 *   <li>{@code handleChineseChars}: puts a space before and after every CJK ideograph, so the
 *       pre-tokenizer makes each one a word.
 *   <li>{@code stripAccents}: canonical decomposition (NFD) of each character, then drops
 *       nonspacing marks (Mn), so {@code é} becomes {@code e}.
 *   <li>{@code lowercase}: the full Unicode lowercase mapping of each character on its own
 *       (so {@code Σ} is always {@code σ}, never the final form {@code ς}).
 * </ul>
 *
 * @param cleanText whether to clean control characters and whitespace
 * @param handleChineseChars whether to surround CJK ideographs with spaces
 * @param stripAccents whether to decompose and drop nonspacing marks
 * @param lowercase whether to lowercase
 */
public record BertNormalizer(boolean cleanText, boolean handleChineseChars, boolean stripAccents, boolean lowercase) {

    /**
     * The normalizer as {@code tokenizer.json} describes it, where a null {@code strip_accents}
     * means "strip accents when lowercasing".
     */
    public static BertNormalizer of(boolean cleanText, boolean handleChineseChars, Boolean stripAccents, boolean lowercase) {
        return new BertNormalizer(cleanText, handleChineseChars, stripAccents == null ? lowercase : stripAccents, lowercase);
    }

    /** Normalizes a plain string. */
    public String normalize(String text) {
        return normalize(AlignedText.of(text)).toString();
    }

    /** Normalizes an aligned text, keeping each output code point aligned to its source. */
    AlignedText normalize(AlignedText text) {
        AlignedText t = text;
        if (cleanText) t = clean(t);
        if (handleChineseChars) t = spaceChinese(t);
        if (stripAccents) t = stripAccents(t);
        if (lowercase) t = lowercase(t);
        return t;
    }

    private static AlignedText clean(AlignedText t) {
        AlignedText.Builder b = new AlignedText.Builder(t.length());
        for (int i = 0; i < t.length(); i++) {
            int cp = t.codePoint(i);
            if (cp == 0 || cp == 0xFFFD || BertChars.isControl(cp)) continue;
            b.add(BertChars.isWhitespace(cp) ? ' ' : cp, t.begin(i), t.end(i));
        }
        return b.build();
    }

    private static AlignedText spaceChinese(AlignedText t) {
        AlignedText.Builder b = new AlignedText.Builder(t.length());
        for (int i = 0; i < t.length(); i++) {
            int cp = t.codePoint(i);
            boolean cjk = BertChars.isChinese(cp);
            if (cjk) b.add(' ', t.begin(i), t.end(i));
            b.add(cp, t.begin(i), t.end(i));
            if (cjk) b.add(' ', t.begin(i), t.end(i));
        }
        return b.build();
    }

    private static AlignedText stripAccents(AlignedText t) {
        AlignedText.Builder b = new AlignedText.Builder(t.length());
        for (int i = 0; i < t.length(); i++) {
            int cp = t.codePoint(i);
            if (cp < 0xC0) { // nothing below U+00C0 has a canonical decomposition
                b.add(cp, t.begin(i), t.end(i));
                continue;
            }
            String decomposed = Normalizer.normalize(new String(Character.toChars(cp)), Normalizer.Form.NFD);
            for (int j = 0; j < decomposed.length(); ) {
                int d = decomposed.codePointAt(j);
                if (!BertChars.isNonSpacingMark(d)) b.add(d, t.begin(i), t.end(i));
                j += Character.charCount(d);
            }
        }
        return b.build();
    }

    private static AlignedText lowercase(AlignedText t) {
        AlignedText.Builder b = new AlignedText.Builder(t.length());
        for (int i = 0; i < t.length(); i++) {
            int cp = t.codePoint(i);
            if (cp < 0x80) {
                b.add(cp >= 'A' && cp <= 'Z' ? cp + 32 : cp, t.begin(i), t.end(i));
                continue;
            }
            String lower = new String(Character.toChars(cp)).toLowerCase(Locale.ROOT);
            for (int j = 0; j < lower.length(); ) {
                int l = lower.codePointAt(j);
                b.add(l, t.begin(i), t.end(i));
                j += Character.charCount(l);
            }
        }
        return b.build();
    }
}
