package dev.kiln.models.text.bpe;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Our trained tokenizers, written as {@code tokenizer.json}, against the Hugging Face
 * {@code tokenizers} library (Rust, through DJL's JNI binding, test scope only): same ids for the
 * same text, and our loader reads the file back to the same tokenizer.
 */
class DjlBpeReferenceTest {
    private static List<String> samples() throws IOException {
        List<String> out = new ArrayList<>(List.of("hello world", "  leading and trailing  ", "tabs\tand\r\nnewlines\n\n",
                "emoji 👍🏽 and 👨‍👩‍👧 family", "日本語のテキスト、中文，한국어", "Ünïcödé façade — “quotes” …",
                "mixed123numbers4567 and 'contractions' they'll we've I'M", "x<|endoftext|>y <|endoftext|>", "\u00a0nbsp\u2003em space"));
        String text = BpeTrainerTest.shakespeare();
        SplittableRandom rnd = new SplittableRandom(3);
        for (int i = 0; i < 40; i++) {
            int start = rnd.nextInt(text.length() - 400);
            out.add(text.substring(start, start + 50 + rnd.nextInt(350)));
        }
        for (int n = 0; n < 40; n++) {
            StringBuilder b = new StringBuilder();
            while (b.length() < 20) {
                int cp = rnd.nextInt(4) == 0 ? ' ' : rnd.nextInt(0x3000);
                if (cp < 0xD800 || cp > 0xDFFF) b.appendCodePoint(cp);
            }
            out.add(b.toString());
        }
        return out;
    }

    private static void compare(BpeTokenizer ours, Path file, boolean exactDecode) throws IOException {
        ours.saveHuggingFace(file);
        BpeTokenizer reloaded = BpeTokenizer.loadHuggingFace(file);
        assertEquals(ours.vocab(), reloaded.vocab());
        assertEquals(ours.merges(), reloaded.merges());
        try (HuggingFaceTokenizer ref = HuggingFaceTokenizer.builder().optTokenizerPath(file)
                .optAddSpecialTokens(false).optTruncation(false).optPadding(false).build()) {
            int n = 0;
            for (String s : samples()) {
                Encoding e = ref.encode(s);
                long[] expected = e.getIds();
                int[] got = ours.encode(s);
                long[] gotLong = new long[got.length];
                for (int i = 0; i < got.length; i++) gotLong[i] = got[i];
                assertArrayEquals(expected, gotLong, "ids of '" + s + "'");
                if (exactDecode) assertEquals(s, ours.decode(got));
                n += got.length;
            }
            System.out.printf("BPE %s vs HF tokenizers: %d samples, %d tokens, all equal%n", ours.config().boundary(), samples().size(), n);
        }
    }

    @Test
    void byteLevelAgreesWithHuggingFace(@TempDir Path dir) throws IOException {
        BpeTokenizer ours = BpeTrainer.train(BpeTrainerTest.shakespeare().substring(0, 300_000),
                BpeTrainerConfig.builder().merges(400).format(BpeConfig.byteLevel().withSpecialTokens("<|endoftext|>")).build());
        compare(ours, dir.resolve("tokenizer.json"), true);
    }

    @Test
    void endOfWordAgreesWithHuggingFace(@TempDir Path dir) throws IOException {
        BpeTokenizer ours = BpeTrainer.train(BpeTrainerTest.shakespeare().substring(0, 300_000),
                BpeTrainerConfig.builder().merges(400).format(BpeConfig.endOfWord()).build());
        compare(ours, dir.resolve("tokenizer.json"), false);
    }
}
