package dev.kiln.cli;

import dev.kiln.models.embed.Embedder;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code kiln similar "a" "b" ...}: the cosine similarity matrix of texts. */
@Command(name = "similar", mixinStandardHelpOptions = true,
        description = "Embeds two or more texts and prints the matrix of their cosine similarities.")
final class SimilarCommand implements Callable<Integer> {
    private static final int MAX_QUOTE = 60;

    @Parameters(arity = "2..*", paramLabel = "TEXT", description = "The texts to compare.")
    List<String> texts;

    @Mixin
    EmbedderOptions options;

    @Override
    public Integer call() throws Exception {
        float[][] v = options.load().embed(texts);
        int n = texts.size();
        for (int i = 0; i < n; i++) System.out.printf(Locale.ROOT, "[%d] %s%n", i, quote(texts.get(i)));
        StringBuilder header = new StringBuilder("     ");
        for (int j = 0; j < n; j++) header.append(String.format(Locale.ROOT, "%8s", "[" + j + "]"));
        System.out.println(header);
        for (int i = 0; i < n; i++) {
            StringBuilder row = new StringBuilder(String.format(Locale.ROOT, "%-5s", "[" + i + "]"));
            for (int j = 0; j < n; j++) row.append(String.format(Locale.ROOT, "%8.4f", Embedder.cosine(v[i], v[j])));
            System.out.println(row);
        }
        return 0;
    }

    /** The text in quotes, shortened to about 60 characters, line breaks shown as spaces. */
    static String quote(String text) {
        String flat = text.replaceAll("\\s", " ");
        if (flat.codePointCount(0, flat.length()) > MAX_QUOTE) {
            flat = flat.substring(0, flat.offsetByCodePoints(0, MAX_QUOTE - 3)) + "...";
        }
        return "\"" + flat + "\"";
    }
}
