package dev.kiln.langchain4j;

import dev.kiln.models.text.Encoding;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Splits one encoded text into windows a BERT-style model can take, the way LangChain4j's
 * in-process models do: the word pieces between the leading and trailing special tokens are cut
 * into runs of at most {@code size} pieces, each cut moved back so that no word is split (a piece
 * starting with the continuation prefix, e.g. {@code ##}, never starts a window), and every
 * window gets the text's special tokens around it again.
 */
final class Windows {
    private Windows() {}

    /**
     * One window of an encoded text.
     *
     * @param encoding the window's model inputs, special tokens included, no padding
     * @param weight the number of word pieces in it (special tokens not counted)
     */
    record Window(Encoding encoding, int weight) {}

    /**
     * The windows of {@code e} (an unpadded encoding of one text); empty when it has no word
     * pieces besides special tokens.
     */
    static List<Window> split(Encoding e, int size, String continuationPrefix) {
        if (size < 1) throw new IllegalArgumentException("window size must be >= 1, got " + size);
        int n = e.length();
        long[] special = e.specialTokensMask();
        int head = 0;
        while (head < n && special[head] != 0) head++;
        int tail = n;
        while (tail > head && special[tail - 1] != 0) tail--;
        List<Window> out = new ArrayList<>();
        if (tail - head <= size) {
            if (tail > head) out.add(new Window(e, tail - head));
            return out;
        }
        String[] tokens = e.tokens();
        int from = head;
        while (from < tail) {
            int to = from + size;
            if (to >= tail) {
                to = tail;
            } else {
                int cut = to;
                while (cut > from && tokens[cut].startsWith(continuationPrefix)) cut--;
                if (cut > from) to = cut; // a single word longer than a window is cut where it must be
            }
            out.add(new Window(slice(e, head, from, to, tail), to - from));
            from = to;
        }
        return out;
    }

    /** Tokens [0, head) + [from, to) + [tail, n) of {@code e}. */
    private static Encoding slice(Encoding e, int head, int from, int to, int tail) {
        int n = e.length();
        int len = head + (to - from) + (n - tail);
        long[] ids = new long[len];
        long[] types = new long[len];
        long[] mask = new long[len];
        long[] special = new long[len];
        String[] tokens = new String[len];
        int[] begins = new int[len];
        int[] ends = new int[len];
        int k = 0;
        for (int[] range : new int[][] {{0, head}, {from, to}, {tail, n}}) {
            for (int i = range[0]; i < range[1]; i++, k++) {
                ids[k] = e.ids()[i];
                types[k] = e.typeIds()[i];
                mask[k] = e.attentionMask()[i];
                special[k] = e.specialTokensMask()[i];
                tokens[k] = e.tokens()[i];
                begins[k] = e.begins()[i];
                ends[k] = e.ends()[i];
            }
        }
        assert k == len : Arrays.toString(ids);
        return new Encoding(ids, types, mask, special, tokens, begins, ends);
    }
}
