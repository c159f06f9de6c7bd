package dev.kiln.cli;

import dev.kiln.models.embed.Embedder;
import dev.kiln.runtime.io.Npy;
import dev.kiln.runtime.tensor.Tensor;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code kiln embed "text" ...}: sentence embeddings of texts. */
@Command(name = "embed", mixinStandardHelpOptions = true,
        description = "Embeds texts (mean-pooled, unit-length sentence embeddings) and prints each one's dimensions, "
                + "norm and first values, or writes them all to a .npy file.")
final class EmbedCommand implements Callable<Integer> {
    @Parameters(arity = "1..*", paramLabel = "TEXT", description = "The texts to embed.")
    List<String> texts;

    @Mixin
    EmbedderOptions options;

    @Option(names = "--out", description = "Write the embeddings as one float32 (texts, dims) matrix to this .npy file.")
    Path out;

    @Option(names = "--show", description = "How many leading values to print per text (default ${DEFAULT-VALUE}).",
            defaultValue = "8")
    int show;

    @Override
    public Integer call() throws Exception {
        long t0 = System.nanoTime();
        Embedder embedder = options.load();
        long t1 = System.nanoTime();
        float[][] vectors = embedder.embed(texts);
        long t2 = System.nanoTime();
        int dims = vectors[0].length;
        if (out != null) {
            float[] flat = new float[vectors.length * dims];
            for (int i = 0; i < vectors.length; i++) System.arraycopy(vectors[i], 0, flat, i * dims, dims);
            Npy.write(Tensor.of(flat, vectors.length, dims), out);
            System.out.printf(Locale.ROOT, "wrote %d x %d float32 embeddings to %s%n", vectors.length, dims, out);
        } else {
            for (int i = 0; i < vectors.length; i++) {
                System.out.printf(Locale.ROOT, "[%d] %s%n    dims %d, norm %.6f, %s%n", i, SimilarCommand.quote(texts.get(i)),
                        dims, norm(vectors[i]), head(vectors[i], show));
            }
        }
        System.out.printf(Locale.ROOT, "%s: load %.0f ms, embed %.0f ms for %d text(s)%n", options.describe(),
                (t1 - t0) / 1e6, (t2 - t1) / 1e6, texts.size());
        return 0;
    }

    private static double norm(float[] v) {
        double s = 0;
        for (float x : v) s += (double) x * x;
        return Math.sqrt(s);
    }

    private static String head(float[] v, int n) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < Math.min(n, v.length); i++) {
            if (i > 0) sb.append(", ");
            sb.append(String.format(Locale.ROOT, "%.5f", v[i]));
        }
        return sb.append(n < v.length ? ", ...]" : "]").toString();
    }
}
