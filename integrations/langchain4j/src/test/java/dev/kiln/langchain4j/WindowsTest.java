package dev.kiln.langchain4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kiln.models.text.Encoding;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class WindowsTest {
    /** [CLS] pieces... [SEP], ids 0..n-1, special tokens marked. */
    private static Encoding encoding(String... pieces) {
        int n = pieces.length + 2;
        String[] tokens = new String[n];
        tokens[0] = "[CLS]";
        tokens[n - 1] = "[SEP]";
        System.arraycopy(pieces, 0, tokens, 1, pieces.length);
        long[] ids = new long[n];
        long[] special = new long[n];
        long[] ones = new long[n];
        for (int i = 0; i < n; i++) ids[i] = i;
        special[0] = 1;
        special[n - 1] = 1;
        Arrays.fill(ones, 1);
        return new Encoding(ids, new long[n], ones, special, tokens, new int[n], new int[n]);
    }

    private static List<String> tokens(Windows.Window w) {
        return Arrays.asList(w.encoding().tokens());
    }

    @Test
    void aTextThatFitsIsOneWindowAndAnEmptyOneNone() {
        Encoding e = encoding("a", "b");
        List<Windows.Window> ws = Windows.split(e, 3, "##");
        assertEquals(1, ws.size());
        assertEquals(2, ws.get(0).weight());
        assertTrue(Windows.split(encoding(), 3, "##").isEmpty());
    }

    @Test
    void windowsEndOnWordBoundariesAndKeepTheSpecialTokens() {
        // words: a | b ##c ##d | e | f ##g ; window size 3
        List<Windows.Window> ws = Windows.split(encoding("a", "b", "##c", "##d", "e", "f", "##g"), 3, "##");
        assertEquals(List.of("[CLS]", "a", "[SEP]"), tokens(ws.get(0))); // "b ##c" would split b##c##d
        assertEquals(List.of("[CLS]", "b", "##c", "##d", "[SEP]"), tokens(ws.get(1)));
        assertEquals(List.of("[CLS]", "e", "f", "##g", "[SEP]"), tokens(ws.get(2))); // the rest fits
        assertEquals(List.of(1, 3, 3), ws.stream().map(Windows.Window::weight).toList());
        assertEquals(List.of(0L, 2L, 3L, 4L, 8L), Arrays.stream(ws.get(1).encoding().ids()).boxed().toList());
    }

    @Test
    void aWordLongerThanAWindowIsCutWhereItMust() {
        List<Windows.Window> ws = Windows.split(encoding("a", "##b", "##c", "##d"), 2, "##");
        assertEquals(List.of(2, 2), ws.stream().map(Windows.Window::weight).toList());
    }
}
