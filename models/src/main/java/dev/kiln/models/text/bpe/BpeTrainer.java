package dev.kiln.models.text.bpe;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Learns BPE merges from text: count the words, split them into initial symbols, then merge the
 * most frequent adjacent pair again and again.
 *
 * <p>Ties: among pairs of equal count the one whose left symbol is smaller wins, then the one
 * whose right symbol is smaller ({@link String#compareTo}, i.e. UTF-16 code-unit order). So
 * training is deterministic.
 *
 * <p>Pair counts are kept up to date incrementally: a merge only revisits the words that hold
 * the merged pair (each pair remembers the words it occurs in), and a priority queue with lazy
 * deletion yields the next best pair.
 *
 * <p>Vocabulary ids: the initial symbols first (byte-level: all 256 byte characters in GPT-2's
 * order; end-of-word: the symbols seen, sorted), then each merge's new symbol, then the unknown
 * token and the special tokens.
 */
public final class BpeTrainer {
    private final List<String> symbols = new ArrayList<>();
    private final Map<String, Integer> symbolIds = new HashMap<>();
    private final Map<Long, PairStat> pairs = new HashMap<>();
    private final PriorityQueue<Candidate> queue;
    private int[][] words;
    private long[] freqs;

    private BpeTrainer() {
        queue = new PriorityQueue<>((x, y) -> {
            if (x.count != y.count) return Long.compare(y.count, x.count);
            int c = symbols.get(x.left).compareTo(symbols.get(y.left));
            return c != 0 ? c : symbols.get(x.right).compareTo(symbols.get(y.right));
        });
    }

    /** Trains on one text. */
    public static BpeTokenizer train(String text, BpeTrainerConfig config) { return train(List.of(text), config); }

    /** Trains on several texts (counts add up; special tokens in them are left out). */
    public static BpeTokenizer train(Iterable<String> texts, BpeTrainerConfig config) {
        BpeConfig f = config.format();
        Words w = new Words(f);
        Pattern specials = f.specialTokens().isEmpty() ? null
                : Pattern.compile(String.join("|", f.specialTokens().stream().map(Pattern::quote).toList()));
        Map<String, Long> counts = new HashMap<>();
        for (String text : texts) {
            String[] segments = specials == null ? new String[] {text} : specials.split(text, -1);
            for (int i = 0; i < segments.length; i++) {
                for (String word : w.split(segments[i], i == 0)) counts.merge(word, 1L, Long::sum);
            }
        }
        return fromSplitWords(counts, config);
    }

    /**
     * Trains on word counts, e.g. {@code {low=5, lower=2}}: each key is one word as the
     * pre-tokenizer would give it (for byte-level, raw text such as {@code " low"}), never split
     * further.
     */
    public static BpeTokenizer trainOnWords(Map<String, Long> wordCounts, BpeTrainerConfig config) {
        Map<String, Long> counts = new HashMap<>();
        for (Map.Entry<String, Long> e : wordCounts.entrySet()) {
            if (e.getValue() == null || e.getValue() < 0) throw new IllegalArgumentException("Word '" + e.getKey() + "' has count " + e.getValue());
            String key = config.format().boundary() == WordBoundary.BYTE_LEVEL ? ByteLevel.encode(e.getKey()) : e.getKey();
            counts.merge(key, e.getValue(), Long::sum);
        }
        return fromSplitWords(counts, config);
    }

    private static BpeTokenizer fromSplitWords(Map<String, Long> counts, BpeTrainerConfig config) {
        BpeTrainer t = new BpeTrainer();
        List<Merge> merges = t.run(counts, config);
        BpeConfig f = config.format();
        Map<String, Integer> vocab = new LinkedHashMap<>();
        for (String s : t.symbols) vocab.putIfAbsent(s, vocab.size());
        if (f.unkToken() != null) vocab.putIfAbsent(f.unkToken(), vocab.size());
        for (String s : f.specialTokens()) vocab.putIfAbsent(s, vocab.size());
        return new BpeTokenizer(vocab, merges, f);
    }

    private List<Merge> run(Map<String, Long> counts, BpeTrainerConfig config) {
        Words w = new Words(config.format());
        List<String[]> split = new ArrayList<>();
        List<Long> fs = new ArrayList<>();
        TreeSet<String> alphabet = new TreeSet<>();
        for (Map.Entry<String, Long> e : counts.entrySet()) {
            if (e.getValue() == 0 || e.getKey().isEmpty()) continue;
            String[] syms = w.symbols(e.getKey());
            split.add(syms);
            fs.add(e.getValue());
            for (String s : syms) alphabet.add(s);
        }
        if (config.format().boundary() == WordBoundary.BYTE_LEVEL) {
            for (char c : ByteLevel.alphabet().toCharArray()) symbolId(String.valueOf(c));
        }
        for (String s : alphabet) symbolId(s);
        words = new int[split.size()][];
        freqs = new long[split.size()];
        for (int i = 0; i < words.length; i++) {
            String[] syms = split.get(i);
            words[i] = new int[syms.length];
            for (int k = 0; k < syms.length; k++) words[i][k] = symbolIds.get(syms[k]);
            freqs[i] = fs.get(i);
            for (int k = 0; k + 1 < syms.length; k++) {
                PairStat p = pairs.computeIfAbsent(key(words[i][k], words[i][k + 1]), PairStat::new);
                p.count += freqs[i];
                p.addWord(i);
            }
        }
        for (PairStat p : pairs.values()) queue.add(new Candidate(p.count, left(p.key), right(p.key)));
        List<Merge> merges = new ArrayList<>();
        int[] visited = new int[words.length];
        while (merges.size() < config.merges() && !queue.isEmpty()) {
            Candidate best = queue.poll();
            PairStat p = pairs.get(key(best.left, best.right));
            if (p == null || p.count != best.count) continue;
            if (p.count < config.minPairCount()) break;
            merges.add(new Merge(symbols.get(best.left), symbols.get(best.right)));
            apply(p, symbolId(symbols.get(best.left) + symbols.get(best.right)), merges.size(), visited);
        }
        return merges;
    }

    /** Merges pair {@code p} into symbol {@code c} in every word holding it, updating pair counts. */
    private void apply(PairStat p, int c, int step, int[] visited) {
        int a = left(p.key);
        int b = right(p.key);
        Map<Long, Long> delta = new HashMap<>();
        for (int n = 0; n < p.size; n++) {
            int wi = p.words[n];
            if (visited[wi] == step) continue;
            visited[wi] = step;
            int[] word = words[wi];
            int[] next = new int[word.length];
            int len = 0;
            for (int i = 0; i < word.length; i++) {
                if (i + 1 < word.length && word[i] == a && word[i + 1] == b) {
                    next[len++] = c;
                    i++;
                } else {
                    next[len++] = word[i];
                }
            }
            if (len == word.length) continue;
            long f = freqs[wi];
            for (int i = 0; i + 1 < word.length; i++) delta.merge(key(word[i], word[i + 1]), -f, Long::sum);
            for (int i = 0; i + 1 < len; i++) {
                long k = key(next[i], next[i + 1]);
                delta.merge(k, f, Long::sum);
                if (next[i] == c || next[i + 1] == c) pairs.computeIfAbsent(k, PairStat::new).addWord(wi);
            }
            words[wi] = java.util.Arrays.copyOf(next, len);
        }
        for (Map.Entry<Long, Long> e : delta.entrySet()) {
            if (e.getValue() == 0) continue;
            PairStat s = pairs.computeIfAbsent(e.getKey(), PairStat::new);
            s.count += e.getValue();
            if (s.count <= 0) {
                pairs.remove(e.getKey());
            } else {
                queue.add(new Candidate(s.count, left(s.key), right(s.key)));
            }
        }
        pairs.remove(p.key);
    }

    private int symbolId(String s) {
        Integer id = symbolIds.get(s);
        if (id != null) return id;
        symbols.add(s);
        symbolIds.put(s, symbols.size() - 1);
        return symbols.size() - 1;
    }

    private static long key(int a, int b) { return ((long) a << 32) | (b & 0xFFFFFFFFL); }

    private static int left(long key) { return (int) (key >>> 32); }

    private static int right(long key) { return (int) key; }

    /** A queue entry: the pair's count when it was queued. */
    private record Candidate(long count, int left, int right) {}

    /** A pair's current count and the words it occurs in (may list a word twice or stale words). */
    private static final class PairStat {
        final long key;
        long count;
        int[] words = new int[4];
        int size;

        PairStat(long key) { this.key = key; }

        void addWord(int w) {
            if (size > 0 && words[size - 1] == w) return;
            if (size == words.length) words = java.util.Arrays.copyOf(words, size * 2);
            words[size++] = w;
        }
    }
}
