package dev.kiln.models.text;

/**
 * The character classes of BERT text processing: whitespace, control, CJK and punctuation.
 *
 * <p>These follow the original BERT tokenizer as the Hugging Face {@code tokenizers} library
 * implements it, which is the reference {@code tokenizer.json} files are made for.
 */
final class BertChars {
    /**
     * Code point ranges (inclusive pairs, sorted) that the reference does not classify as
     * nonspacing marks, format characters or punctuation although the JDK's newer Unicode tables
     * do. The reference's category tables are those of Unicode 8.0, so a character added to
     * these categories later is an ordinary letter there: kept by text cleaning and accent
     * stripping, and not split off by the pre-tokenizer. The ranges were found by encoding every
     * code point with both this tokenizer and the reference on JDK 17 (Unicode 13) and JDK 25
     * (Unicode 16); a JDK with a still newer Unicode may add characters that are missing here.
     */
    private static final int[] UNKNOWN_TO_REFERENCE = {
        0x61D, 0x61D, 0x7FD, 0x7FD, 0x890, 0x891, 0x897, 0x89F, 0x8CA, 0x8E2, 0x9FD, 0x9FE, 0xA76, 0xA76,
        0xAFA, 0xAFF, 0xB55, 0xB55, 0xC04, 0xC04, 0xC3C, 0xC3C, 0xC77, 0xC77, 0xC84, 0xC84, 0xD00, 0xD00,
        0xD3B, 0xD3C, 0xD81, 0xD81, 0xEBA, 0xEBA, 0xECE, 0xECE, 0x180F, 0x180F, 0x1885, 0x1886,
        0x1ABF, 0x1ACE, 0x1B4E, 0x1B4F, 0x1B7D, 0x1B7F, 0x1DF6, 0x1DFB, 0x2E43, 0x2E4F, 0x2E52, 0x2E5D,
        0xA82C, 0xA82C, 0xA8C5, 0xA8C5, 0xA8FF, 0xA8FF, 0xA9BD, 0xA9BD, 0x10D24, 0x10D27,
        0x10D69, 0x10D6E, 0x10EAB, 0x10EAD, 0x10EFC, 0x10EFF, 0x10F46, 0x10F50, 0x10F55, 0x10F59,
        0x10F82, 0x10F89, 0x11070, 0x11070, 0x11073, 0x11074, 0x110C2, 0x110C2, 0x110CD, 0x110CD,
        0x111C9, 0x111C9, 0x111CF, 0x111CF, 0x1123E, 0x1123E, 0x11241, 0x11241, 0x1133B, 0x1133B,
        0x113BB, 0x113C0, 0x113CE, 0x113CE, 0x113D0, 0x113D0, 0x113D2, 0x113D2, 0x113D4, 0x113D5,
        0x113D7, 0x113D8, 0x113E1, 0x113E2, 0x11438, 0x1143F, 0x11442, 0x11444, 0x11446, 0x11446,
        0x1144B, 0x1144F, 0x1145A, 0x1145B, 0x1145D, 0x1145E, 0x11660, 0x1166C, 0x116B9, 0x116B9,
        0x1182F, 0x11837, 0x11839, 0x1183B, 0x1193B, 0x1193C, 0x1193E, 0x1193E, 0x11943, 0x11946,
        0x119D4, 0x119D7, 0x119DA, 0x119DB, 0x119E0, 0x119E0, 0x119E2, 0x119E2, 0x11A01, 0x11A0A,
        0x11A33, 0x11A38, 0x11A3B, 0x11A47, 0x11A51, 0x11A56, 0x11A59, 0x11A5B, 0x11A8A, 0x11A96,
        0x11A98, 0x11A9C, 0x11A9E, 0x11AA2, 0x11B00, 0x11B09, 0x11BE1, 0x11BE1, 0x11C30, 0x11C36,
        0x11C38, 0x11C3D, 0x11C3F, 0x11C3F, 0x11C41, 0x11C45, 0x11C70, 0x11C71, 0x11C92, 0x11CA7,
        0x11CAA, 0x11CB0, 0x11CB2, 0x11CB3, 0x11CB5, 0x11CB6, 0x11D31, 0x11D36, 0x11D3A, 0x11D3A,
        0x11D3C, 0x11D3D, 0x11D3F, 0x11D45, 0x11D47, 0x11D47, 0x11D90, 0x11D91, 0x11D95, 0x11D95,
        0x11D97, 0x11D97, 0x11EF3, 0x11EF4, 0x11EF7, 0x11EF8, 0x11F00, 0x11F01, 0x11F36, 0x11F3A,
        0x11F40, 0x11F40, 0x11F42, 0x11F4F, 0x11F5A, 0x11F5A, 0x11FFF, 0x11FFF, 0x12FF1, 0x12FF2,
        0x13430, 0x13440, 0x13447, 0x13455, 0x1611E, 0x16129, 0x1612D, 0x1612F, 0x16D6D, 0x16D6F,
        0x16E97, 0x16E9A, 0x16F4F, 0x16F4F, 0x16FE2, 0x16FE2, 0x16FE4, 0x16FE4, 0x1CF00, 0x1CF2D,
        0x1CF30, 0x1CF46, 0x1E000, 0x1E006, 0x1E008, 0x1E018, 0x1E01B, 0x1E021, 0x1E023, 0x1E024,
        0x1E026, 0x1E02A, 0x1E08F, 0x1E08F, 0x1E130, 0x1E136, 0x1E2AE, 0x1E2AE, 0x1E2EC, 0x1E2EF,
        0x1E4EC, 0x1E4EF, 0x1E5EE, 0x1E5EF, 0x1E5FF, 0x1E5FF, 0x1E944, 0x1E94A, 0x1E95E, 0x1E95F
    };

    /** Code points that were Mn in Unicode 8.0 and are Mc in newer versions. */
    private static final int[] FORMERLY_NONSPACING = {0x1734, 0x1171E};

    /**
     * Code points that were punctuation (Po) in Unicode 8.0: U+166D is a symbol (So) since
     * Unicode 12, U+111C9 a nonspacing mark (Mn) since Unicode 13.
     */
    private static final int[] FORMERLY_PUNCTUATION = {0x166D, 0x111C9};

    private BertChars() {}

    /** Whether {@code cp} is in {@link #UNKNOWN_TO_REFERENCE}. */
    static boolean unknownToReference(int cp) {
        int lo = 0;
        int hi = UNKNOWN_TO_REFERENCE.length / 2 - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (cp < UNKNOWN_TO_REFERENCE[2 * mid]) hi = mid - 1;
            else if (cp > UNKNOWN_TO_REFERENCE[2 * mid + 1]) lo = mid + 1;
            else return true;
        }
        return false;
    }

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
     * Unassigned code points (Cn) are kept.
     */
    static boolean isControl(int cp) {
        if (cp == '\t' || cp == '\n' || cp == '\r') return false;
        int type = Character.getType(cp);
        boolean other = type == Character.CONTROL
                || type == Character.FORMAT
                || type == Character.PRIVATE_USE
                || type == Character.SURROGATE;
        return other && !unknownToReference(cp);
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
     * Unicode general category P* (as of the reference's tables, see {@link #UNKNOWN_TO_REFERENCE}).
     */
    static boolean isPunctuation(int cp) {
        if ((cp >= 33 && cp <= 47) || (cp >= 58 && cp <= 64) || (cp >= 91 && cp <= 96) || (cp >= 123 && cp <= 126)) {
            return true;
        }
        if (cp == FORMERLY_PUNCTUATION[0] || cp == FORMERLY_PUNCTUATION[1]) return true;
        if (cp < 0x80 || unknownToReference(cp)) return false;
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

    /**
     * Whether {@code cp} is a nonspacing mark (category Mn, as of the reference's tables), which
     * accent stripping removes.
     */
    static boolean isNonSpacingMark(int cp) {
        if (cp == FORMERLY_NONSPACING[0] || cp == FORMERLY_NONSPACING[1]) return true;
        return Character.getType(cp) == Character.NON_SPACING_MARK && !unknownToReference(cp);
    }
}
