package dev.kiln.langchain4j;

import dev.kiln.models.text.WordPieceTokenizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Seeded test texts: words of the MiniLM vocabulary, made-up compounds, punctuation, accents and digits. */
final class TestTexts {
    private static final String[] EXTRAS = {"café", "naïve", "Zürich", "2026", "3.14", "don't", "e-mail", "C++",
        "(see above)", "U.S.", "co-operate", "self-driving", "🙂", "日本語", "Ω", "x86_64", "#hashtag", "@user"};
    private static final String[] PUNCT = {".", ",", "!", "?", ";", ":"};

    private final WordPieceTokenizer tokenizer = WordPieceTokenizer.fromResource(WordPieceTokenizer.MINILM_TOKENIZER_RESOURCE)
            .withPadding(null).withTruncation(null);
    private final List<String> words = new ArrayList<>();
    private final Random random;

    TestTexts(long seed) {
        random = new Random(seed);
        tokenizer.model().vocab().keySet().stream().filter(w -> w.matches("[a-z]{3,12}")).sorted().forEach(words::add);
    }

    /** A text of {@code n} words. */
    String text(int n) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) {
            if (i > 0) sb.append(' ');
            double r = random.nextDouble();
            String w = words.get(random.nextInt(words.size()));
            if (r < 0.05) w = EXTRAS[random.nextInt(EXTRAS.length)];
            else if (r < 0.15) w = w + words.get(random.nextInt(words.size())); // usually several word pieces
            else if (r < 0.22) w = Character.toUpperCase(w.charAt(0)) + w.substring(1);
            sb.append(w);
            if (random.nextDouble() < 0.08) sb.append(PUNCT[random.nextInt(PUNCT.length)]);
        }
        return sb.toString();
    }

    /** A text of between {@code min} and {@code max} word pieces (untruncated, special tokens not counted). */
    String textOfTokens(int min, int max) {
        while (true) {
            int target = min + random.nextInt(max - min + 1);
            String t = text(Math.max(1, target * 10 / 17));
            int n = tokenizer.tokenize(t).size();
            if (n >= min && n <= max) return t;
        }
    }

    /** The word pieces of {@code text}, untruncated. */
    int tokens(String text) {
        return tokenizer.tokenize(text).size();
    }

    /** A copy of {@code text} with about a third of its words dropped (a query near it). */
    String perturb(String text) {
        String[] ws = text.split(" ");
        StringBuilder sb = new StringBuilder();
        for (String w : ws) {
            if (random.nextDouble() < 0.33) continue;
            if (sb.length() > 0) sb.append(' ');
            sb.append(w);
        }
        return sb.length() == 0 ? ws[0] : sb.toString();
    }

    int nextInt(int bound) {
        return random.nextInt(bound);
    }
}
