package dev.kiln.models.text;

/**
 * The character classes of BERT text processing: whitespace, control, CJK and punctuation.
 *
 * <p>These follow the original BERT tokenizer as the Hugging Face {@code tokenizers} library
 * implements it, which is the reference {@code tokenizer.json} files are made for.
 */
final class BertChars {
    private BertChars() {}

    /**
     * Whether {@code cp} has the Unicode White_Space property. This is not
     * {@link Character#isWhitespace(int)}: that one leaves out no-break spaces and counts the
     * information separators U+001C..U+001F, which are control characters here.
     */
    static boolean isWhitespace(int cp) {
        return (cp >= 0x09 && cp <= 0x0D)
                || cp == 0x20
                || cp == 0x85
                || cp == 0xA0
                || cp == 0x1680
                || (cp >= 0x2000 && cp <= 0x200A)
                || cp == 0x2028
                || cp == 0x2029
                || cp == 0x202F
                || cp == 0x205F
                || cp == 0x3000;
    }

    /**
     * Whether {@code cp} is a control character that text cleaning drops: general category
     * Cc, Cf, Co or Cs, except tab, newline and carriage return, which count as whitespace.
     */
    static boolean isControl(int cp) {
        if (cp == '\t' || cp == '\n' || cp == '\r') return false;
        int type = Character.getType(cp);
        return type == Character.CONTROL
                || type == Character.FORMAT
                || type == Character.PRIVATE_USE
                || type == Character.SURROGATE;
    }

    /**
     * Whether {@code cp} is in one of the CJK ideograph blocks BERT isolates as single words:
     * CJK Unified Ideographs and Extensions A to E, and the two Compatibility Ideograph blocks.
     * The Extension E range starts at U+2B920, not U+2B820 as in the original BERT code, because
     * that is what the reference {@code tokenizers} library uses.
     */
    static boolean isChinese(int cp) {
        return (cp >= 0x4E00 && cp <= 0x9FFF)
                || (cp >= 0x3400 && cp <= 0x4DBF)
                || (cp >= 0x20000 && cp <= 0x2A6DF)
                || (cp >= 0x2A700 && cp <= 0x2B73F)
                || (cp >= 0x2B740 && cp <= 0x2B81F)
                || (cp >= 0x2B920 && cp <= 0x2CEAF)
                || (cp >= 0xF900 && cp <= 0xFAFF)
                || (cp >= 0x2F800 && cp <= 0x2FA1F);
    }

    /**
     * Whether {@code cp} is punctuation for the pre-tokenizer: any ASCII symbol
     * (33-47, 58-64, 91-96, 123-126, so {@code $ + < = > ^ ` | ~} count too) or a code point of
     * Unicode general category P*.
     */
    static boolean isPunctuation(int cp) {
        if ((cp >= 33 && cp <= 47) || (cp >= 58 && cp <= 64) || (cp >= 91 && cp <= 96) || (cp >= 123 && cp <= 126)) {
            return true;
        }
        switch (Character.getType(cp)) {
            case Character.CONNECTOR_PUNCTUATION:
            case Character.DASH_PUNCTUATION:
            case Character.START_PUNCTUATION:
            case Character.END_PUNCTUATION:
            case Character.INITIAL_QUOTE_PUNCTUATION:
            case Character.FINAL_QUOTE_PUNCTUATION:
            case Character.OTHER_PUNCTUATION:
                return true;
            default:
                return false;
        }
    }

    /** Whether {@code cp} is a nonspacing mark (category Mn), which accent stripping removes. */
    static boolean isNonSpacingMark(int cp) {
        return Character.getType(cp) == Character.NON_SPACING_MARK;
    }
}
