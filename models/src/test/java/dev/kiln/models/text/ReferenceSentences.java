package dev.kiln.models.text;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Test sentences for comparing Kiln with reference implementations (the tokenizer here, the
 * sentence embeddings in {@code dev.kiln.models.embed}): hand-picked cases plus seeded random mixes.
 */
public final class ReferenceSentences {
    private ReferenceSentences() {}

    /** Hand-picked sentences, one per tricky case. */
    public static final List<String> HAND_PICKED = List.of(
            "",
            " ",
            "   \t  ",
            "\n",
            "\t\n\r\u000B\f",
            "Hello, world!",
            "The quick brown fox jumps over the lazy dog.",
            "I can't believe it's already 2024... isn't it?",
            "Sentence embeddings map text to a dense vector space.",
            "café naïve résumé Ångström façade jalapeño",
            "CAFÉ NAÏVE ÅNGSTRÖM ÉCOLE",
            "e\u0301 combining acute, a\u0308 combining diaeresis",
            "\u0301\u0301 lone combining marks",
            "Ça va? Über straße Æsir Øresund Łódź",
            "ΣΊΣΥΦΟΣ Ελληνικά ΣΑΣ",
            "İstanbul ıi İI",
            "ﬁnance ﬂow Ǆ ǅ ǆ ß ẞ",
            "中文分词测试",
            "我爱北京天安门。",
            "日本語のテキストです。カタカナ ひらがな",
            "한국어 텍스트 처리 테스트",
            "Mixed 中文 and English 日本 text",
            "𠀀𠀁 𪜀 𫝀 𫠠 𬺰 extension ideographs",
            "x\uD86E\uDC20y U+2B820 and x\uD86E\uDD20y U+2B920",
            "丽 豈 compatibility ideographs",
            "😀 😂 🙈 🚀",
            "emoji😀glued😂together",
            "👍🏽 👍🏿 👋🏻 skin tones",
            "👨‍👩‍👧‍👦 family, 👩‍💻 technologist, 🏳️‍🌈 flag",
            "🇫🇷 🇯🇵 🇺🇸 flags",
            "🥲 🫠 🫶 newer emoji",
            "?!...",
            "--- *** ### !!! ???",
            "a-b_c.d,e;f:g!h?i",
            "\"quoted\" 'single' `back` «guillemets» „low“ ‘curly’",
            "(parens) [brackets] {braces} <angles>",
            "$100 + 50% = €150 ^ ~ | \\ / @ #hashtag",
            "email@example.com https://example.com/path?q=1&r=2#frag",
            "3.14159 2,718 1e-10 0x1F 007 12345678901234567890",
            "1st 2nd 3rd 4th 100km 50kg 10:30pm",
            "Supercalifragilisticexpialidocious antidisestablishmentarianism",
            "pneumonoultramicroscopicsilicovolcanoconiosis".repeat(3),
            "x".repeat(100),
            "y".repeat(101),
            "z".repeat(250) + " short",
            "hello\u0000world\uFFFDagain",
            "control\u0001\u0002\u0007\u001Bchars\u007F\u0085here",
            "zero\u200Bwidth\u200Cjoiner\u200Dand\u2060word\uFEFFjoiner",
            "soft\u00ADhyphen",
            "no\u00A0break\u2007figure\u202Fnarrow\u3000ideographic",
            "line\u2028separator\u2029paragraph",
            "private \uE000\uF8FF use",
            "ＦＵＬＬＷＩＤＴＨ ｆｕｌｌｗｉｄｔｈ １２３",
            "Привет, мир! Русский ТЕКСТ",
            "مرحبا بالعالم",
            "שלום עולם",
            "नमस्ते दुनिया",
            "ภาษาไทย สวัสดี",
            "Tiếng Việt có dấu",
            "ᚠᛇᚻ runes ⠓⠑⠇⠇⠕ braille",
            "[CLS] typed special tokens [SEP] in [MASK] the [PAD] text [UNK]",
            "glued[SEP]special[CLS]tokens",
            "[cls] lowercase is not special [Sep]",
            "unbalanced [SEP",
            "   leading and trailing spaces   ",
            "multiple     spaces\t\ttabs\n\nnewlines\r\ncrlf",
            "UPPER lower MiXeD CaSe",
            "don't won't shouldn't y'all",
            "well-known state-of-the-art",
            "C++ C# F# .NET Node.js",
            "the end.");

    private static final String[] WORDS = {
        "the", "model", "embedding", "vector", "sentence", "transformer", "attention", "token",
        "café", "naïve", "Ångström", "über", "façade", "Straße", "Ελλάδα", "Москва", "中文", "日本語",
        "한국어", "東京", "北京", "😀", "👍🏽", "👨‍👩‍👧", "🚀", "❤️", "?!...", "---", "...", "!!!", "(x)",
        "[SEP]", "[CLS]", "[MASK]", "1234", "3.14", "42nd", "$5", "50%", "e-mail", "don't", "ok,",
        "tokenization", "unbelievably", "antidisestablishmentarianism", "ﬁne", "İzmir", "ΣΟΦΙΑ",
        "a\u0301", "\u00AD", "\u200B", "\u0007", "\uFFFD", "\u3000", "\u00A0", "Ω", "∑", "∞", "→",
        "q".repeat(120), "αβγδεζηθ", "ㄱㄴㄷ", "Ⅻ", "①", "½", "™", "©", "_under_score_",
    };

    private static final String[] SEPARATORS = {" ", " ", " ", "  ", "\t", "\n", "", ", ", ". ", "\u00A0", "\r\n"};

    /** {@code count} sentences of 1 to 24 random words and separators, from a fixed seed. */
    public static List<String> random(long seed, int count) {
        Random rnd = new Random(seed);
        List<String> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int n = 1 + rnd.nextInt(24);
            StringBuilder sb = new StringBuilder();
            for (int w = 0; w < n; w++) {
                if (w > 0) sb.append(SEPARATORS[rnd.nextInt(SEPARATORS.length)]);
                String word = WORDS[rnd.nextInt(WORDS.length)];
                if (rnd.nextInt(6) == 0) word = word.toUpperCase(java.util.Locale.ROOT);
                sb.append(word);
            }
            out.add(sb.toString());
        }
        return out;
    }

    /** A text of about {@code words} words, far longer than 256 tokens when {@code words} is large. */
    public static String longText(long seed, int words) {
        Random rnd = new Random(seed);
        StringBuilder sb = new StringBuilder();
        for (int w = 0; w < words; w++) {
            if (w > 0) sb.append(' ');
            sb.append(WORDS[rnd.nextInt(WORDS.length)]);
        }
        return sb.toString();
    }

    /** All sentences used by the reference comparison: hand-picked, 250 random, and long texts. */
    public static List<String> all() {
        List<String> out = new ArrayList<>(HAND_PICKED);
        out.addAll(random(20240607L, 250));
        out.add(longText(1L, 400));
        out.add(longText(2L, 1000));
        out.add("word ".repeat(300).trim());
        out.add("中".repeat(600));
        return out;
    }
}
