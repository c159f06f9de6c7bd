package dev.kiln.models.text;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class BertNormalizerTest {
    private static final BertNormalizer ALL = new BertNormalizer(true, true, true, true);

    @Test
    void cleanTextDropsControlsAndTurnsWhitespaceIntoSpaces() {
        BertNormalizer clean = new BertNormalizer(true, false, false, false);
        assertEquals("ab", clean.normalize("a\u0000b"));
        assertEquals("ab", clean.normalize("a\uFFFDb"));
        assertEquals("ab", clean.normalize("a\u0001\u001B\u007Fb"));
        assertEquals("ab", clean.normalize("a\u200B\u00AD\uFEFFb"), "format characters (Cf) are dropped");
        assertEquals("ab", clean.normalize("a\uE000b"), "private use is dropped");
        assertEquals("a   b", clean.normalize("a\t\n\rb"), "tab, newline, CR are whitespace, not control");
        assertEquals("a b c d", clean.normalize("a\u00A0b\u3000c\u2028d"));
        assertEquals("a\u0378b", clean.normalize("a\u0378b"), "unassigned code points are kept");
        assertEquals("AB", clean.normalize("AB"), "no lowercasing when off");
    }

    @Test
    void chineseCharactersGetSpacesAround() {
        BertNormalizer cjk = new BertNormalizer(false, true, false, false);
        assertEquals("a 中  文 b", cjk.normalize("a中文b"));
        assertEquals(" 日  本  語 の", cjk.normalize("日本語の"), "kana are not CJK ideographs");
        assertEquals("한국어", cjk.normalize("한국어"), "hangul is not CJK ideographs");
        assertEquals(" 𠀀 ", cjk.normalize("𠀀"), "extension B (supplementary plane)");
        assertEquals(" 豈 ", cjk.normalize("豈"), "compatibility ideograph");
        assertEquals("x\uD86E\uDC20y", cjk.normalize("x\uD86E\uDC20y"), "U+2B820 is outside the reference's ranges");
        assertEquals("x \uD86E\uDD20 y", cjk.normalize("x\uD86E\uDD20y"));
    }

    @Test
    void stripAccentsDecomposesAndDropsNonspacingMarks() {
        BertNormalizer strip = new BertNormalizer(false, false, true, false);
        assertEquals("cafe naive Angstrom", strip.normalize("café naïve Ångström"));
        assertEquals("e", strip.normalize("e\u0301"));
        assertEquals("", strip.normalize("\u0301\u0308"));
        assertEquals("\u1112\u1161\u11AB", strip.normalize("한"), "hangul syllables decompose to jamo");
        assertEquals("ﬁ", strip.normalize("ﬁ"), "compatibility ligatures are not decomposed (NFD, not NFKD)");
        assertEquals("I", strip.normalize("İ"));
    }

    @Test
    void lowercaseMapsEachCharacterOnItsOwn() {
        BertNormalizer lower = new BertNormalizer(false, false, false, true);
        assertEquals("hello world", lower.normalize("HeLLo WORLD"));
        assertEquals("σασ", lower.normalize("ΣΑΣ"), "no final sigma");
        assertEquals("i\u0307stanbul", lower.normalize("İstanbul"), "full mapping: İ is two code points");
        assertEquals("straße", lower.normalize("STRAßE"));
        assertEquals("ǆ ǆ", lower.normalize("Ǆ ǅ"));
        assertEquals("ｆｕｌｌ", lower.normalize("ＦＵＬＬ"));
    }

    @Test
    void allStepsInOrder() {
        assertEquals("cafe  中 naive i", ALL.normalize("CAFÉ\t中\u200BNAÏVE İ"));
    }

    @Test
    void nullStripAccentsFollowsLowercase() {
        assertEquals(new BertNormalizer(true, true, true, true), BertNormalizer.of(true, true, null, true));
        assertEquals(new BertNormalizer(true, true, false, false), BertNormalizer.of(true, true, null, false));
        assertEquals(new BertNormalizer(true, true, false, true), BertNormalizer.of(true, true, false, true));
    }

    @Test
    void alignmentMapsBackToOriginalUtf16Offsets() {
        String text = "É😀中x";
        AlignedText t = ALL.normalize(AlignedText.of(text));
        assertEquals("e😀 中 x", t.toString());
        // e <- É [0,1); 😀 <- [1,3) (two UTF-16 units); spaces and 中 <- [3,4); x <- [4,5)
        assertEquals(List.of(0, 1, 3, 3, 3, 4), begins(t));
        assertEquals(List.of(1, 3, 4, 4, 4, 5), ends(t));
    }

    @Test
    void preTokenizerSplitsWhitespaceAndIsolatesPunctuation() {
        BertPreTokenizer pre = new BertPreTokenizer();
        assertEquals(List.of("hello", ",", "world", "!", "!"), pre.split("hello,  world!!"));
        assertEquals(List.of("a", "$", "b", "+", "c", "^", "d", "`", "e", "~"), pre.split("a$b+c^d`e~"));
        assertEquals(List.of("x", "«", "y", "»", "z", "—", "w", "。"), pre.split("x«y»z—w。"));
        assertEquals(List.of("€5", "½"), pre.split("€5 ½"), "currency and other symbols are not punctuation");
        assertEquals(List.of("a\u2E4Fb"), pre.split("a\u2E4Fb"), "punctuation newer than the reference's tables");
        assertEquals(List.of("a", "\u166D", "b"), pre.split("a\u166Db"), "Po in Unicode 8.0, So since 12");
        assertEquals(List.of(), pre.split(" \u00A0\u3000 "));
    }

    private static List<Integer> begins(AlignedText t) {
        List<Integer> out = new java.util.ArrayList<>();
        for (int i = 0; i < t.length(); i++) out.add(t.begin(i));
        return out;
    }

    private static List<Integer> ends(AlignedText t) {
        List<Integer> out = new java.util.ArrayList<>();
        for (int i = 0; i < t.length(); i++) out.add(t.end(i));
        return out;
    }
}
