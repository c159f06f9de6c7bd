package dev.kiln.models.text.bpe;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A byte-pair-encoding tokenizer: a vocabulary (token to id) and ranked merge rules.
 *
 * <p>Encoding cuts the text at special tokens, cuts the rest into words ({@link WordBoundary}),
 * splits each word into its initial symbols, and then repeatedly applies, among the merges that
 * match an adjacent pair, the one of lowest rank (everywhere in the word, left to right) until
 * none matches. With {@link WordBoundary#BYTE_LEVEL}, {@code decode(encode(s)).equals(s)} for
 * every valid string. A tokenizer is immutable and safe to use from many threads.
 */
public final class BpeTokenizer {
    private static final int CACHE_LIMIT = 100_000;

    private final BpeConfig config;
    private final Map<String, Integer> vocab;
    private final String[] tokens;
    private final List<Merge> merges;
    private final Map<Merge, Integer> ranks = new HashMap<>();
    private final Map<String, Integer> specials = new LinkedHashMap<>();
    private final Pattern specialPattern;
    private final Words words;
    private final int unkId;
    private final Map<String, int[]> cache = new ConcurrentHashMap<>();

    /**
     * @param vocab token to id; ids must be distinct and >= 0
     * @param merges merge rules, highest priority first; each rule's symbols and result must be
     *     in the vocabulary
     * @param config how text becomes symbols; its special tokens must be in the vocabulary
     * @throws IllegalArgumentException naming the first inconsistency
     */
    public BpeTokenizer(Map<String, Integer> vocab, List<Merge> merges, BpeConfig config) {
        if (vocab == null || vocab.isEmpty()) throw new IllegalArgumentException("The vocabulary is empty");
        this.config = config;
        int max = -1;
        for (Map.Entry<String, Integer> e : vocab.entrySet()) {
            if (e.getValue() == null || e.getValue() < 0) {
                throw new IllegalArgumentException("Token '" + e.getKey() + "' has invalid id " + e.getValue());
            }
            max = Math.max(max, e.getValue());
        }
        tokens = new String[max + 1];
        for (Map.Entry<String, Integer> e : vocab.entrySet()) {
            String prev = tokens[e.getValue()];
            if (prev != null) {
                throw new IllegalArgumentException("Tokens '" + prev + "' and '" + e.getKey() + "' share id " + e.getValue());
            }
            tokens[e.getValue()] = e.getKey();
        }
        Map<String, Integer> ordered = new LinkedHashMap<>();
        for (int i = 0; i < tokens.length; i++) if (tokens[i] != null) ordered.put(tokens[i], i);
        this.vocab = Collections.unmodifiableMap(ordered);
        this.merges = List.copyOf(merges);
        for (int r = 0; r < this.merges.size(); r++) {
            Merge m = this.merges.get(r);
            for (String part : new String[] {m.left(), m.right(), m.merged()}) {
                if (!vocab.containsKey(part)) {
                    throw new IllegalArgumentException("Merge " + r + " '" + m + "': '" + part + "' is not in the vocabulary");
                }
            }
            ranks.putIfAbsent(m, r);
        }
        for (String s : config.specialTokens()) {
            Integer id = vocab.get(s);
            if (id == null) throw new IllegalArgumentException("Special token '" + s + "' is not in the vocabulary");
            specials.put(s, id);
        }
        specialPattern = specials.isEmpty() ? null : Pattern.compile(specials.keySet().stream()
                .sorted(Comparator.comparingInt(String::length).reversed())
                .map(Pattern::quote).reduce((a, b) -> a + "|" + b).orElseThrow());
        if (config.unkToken() != null && !vocab.containsKey(config.unkToken())) {
            throw new IllegalArgumentException("The unknown token '" + config.unkToken() + "' is not in the vocabulary");
        }
        unkId = config.unkToken() == null ? -1 : vocab.get(config.unkToken());
        words = new Words(config);
    }

    /** Loads GPT-2-style {@code vocab.json} and {@code merges.txt}. */
    public static BpeTokenizer load(Path vocabJson, Path mergesTxt, BpeConfig config) {
        return BpeFiles.load(vocabJson, mergesTxt, config);
    }

    /** Loads a Hugging Face {@code tokenizer.json} whose model is BPE. */
    public static BpeTokenizer loadHuggingFace(Path tokenizerJson) { return HuggingFaceBpe.load(tokenizerJson); }

    /** Writes {@code vocab.json} and {@code merges.txt} into {@code dir} (created if needed). */
    public void save(Path dir) { BpeFiles.save(this, dir); }

    /** Writes a Hugging Face {@code tokenizer.json} (BPE model) to {@code file}. */
    public void saveHuggingFace(Path file) { HuggingFaceBpe.save(this, file); }

    /** How text becomes symbols. */
    public BpeConfig config() { return config; }

    /** Token to id, in id order. */
    public Map<String, Integer> vocab() { return vocab; }

    /** The merge rules, highest priority first. */
    public List<Merge> merges() { return merges; }

    /** The number of tokens. */
    public int vocabSize() { return vocab.size(); }

    /** The id of {@code token}, or -1. */
    public int tokenToId(String token) {
        Integer id = vocab.get(token);
        return id == null ? -1 : id;
    }

    /** The token of {@code id}. */
    public String idToToken(int id) {
        if (id < 0 || id >= tokens.length || tokens[id] == null) {
            throw new IllegalArgumentException("Token id " + id + " is not in the vocabulary of " + vocab.size());
        }
        return tokens[id];
    }

    /** The token ids of {@code text}. */
    public int[] encode(String text) {
        List<int[]> parts = new ArrayList<>();
        int n = 0;
        for (int[] p : pieces(text)) {
            parts.add(p);
            n += p.length;
        }
        int[] out = new int[n];
        int k = 0;
        for (int[] p : parts) {
            System.arraycopy(p, 0, out, k, p.length);
            k += p.length;
        }
        return out;
    }

    /** The tokens of {@code text}, as strings. */
    public List<String> tokenize(String text) {
        List<String> out = new ArrayList<>();
        for (int id : encode(text)) out.add(tokens[id]);
        return out;
    }

    private List<int[]> pieces(String text) {
        if (text == null) throw new IllegalArgumentException("Cannot encode null text");
        List<int[]> out = new ArrayList<>();
        int last = 0;
        if (specialPattern != null) {
            Matcher m = specialPattern.matcher(text);
            while (m.find()) {
                encodeSegment(text.substring(last, m.start()), last == 0, out);
                out.add(new int[] {specials.get(m.group())});
                last = m.end();
            }
        }
        encodeSegment(text.substring(last), last == 0, out);
        return out;
    }

    private void encodeSegment(String segment, boolean atStart, List<int[]> out) {
        if (segment.isEmpty()) return;
        for (String w : words.split(segment, atStart)) {
            int[] ids = cache.get(w);
            if (ids == null) {
                ids = encodeWord(w);
                if (cache.size() >= CACHE_LIMIT) cache.clear();
                cache.put(w, ids);
            }
            out.add(ids);
        }
    }

    private int[] encodeWord(String word) {
        List<String> syms = new ArrayList<>(Arrays.asList(words.symbols(word)));
        while (syms.size() > 1) {
            int best = Integer.MAX_VALUE;
            Merge bestMerge = null;
            for (int i = 0; i + 1 < syms.size(); i++) {
                Merge m = new Merge(syms.get(i), syms.get(i + 1));
                Integer r = ranks.get(m);
                if (r != null && r < best) {
                    best = r;
                    bestMerge = m;
                }
            }
            if (bestMerge == null) break;
            List<String> next = new ArrayList<>(syms.size());
            for (int i = 0; i < syms.size(); i++) {
                if (i + 1 < syms.size() && syms.get(i).equals(bestMerge.left()) && syms.get(i + 1).equals(bestMerge.right())) {
                    next.add(bestMerge.merged());
                    i++;
                } else {
                    next.add(syms.get(i));
                }
            }
            syms = next;
        }
        int[] ids = new int[syms.size()];
        for (int i = 0; i < ids.length; i++) {
            Integer id = vocab.get(syms.get(i));
            if (id == null) {
                if (unkId < 0) {
                    throw new IllegalArgumentException("Symbol '" + syms.get(i) + "' of word '" + word
                            + "' is not in the vocabulary and no unknown token is configured");
                }
                id = unkId;
            }
            ids[i] = id;
        }
        return ids;
    }

    /**
     * The text of {@code ids}. Byte-level tokens are turned back into bytes and decoded as UTF-8
     * (a cut in the middle of a character gives U+FFFD); special tokens are written as they are;
     * with end-of-word symbols, each suffix becomes a space and the final one is dropped.
     */
    public String decode(int[] ids) {
        StringBuilder out = new StringBuilder();
        if (config.boundary() == WordBoundary.BYTE_LEVEL) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            for (int id : ids) {
                String t = idToToken(id);
                if (specials.containsKey(t) || id == unkId) {
                    out.append(bytes.toString(StandardCharsets.UTF_8));
                    bytes.reset();
                    out.append(t);
                } else {
                    bytes.writeBytes(ByteLevel.decode(t));
                }
            }
            return out.append(bytes.toString(StandardCharsets.UTF_8)).toString();
        }
        String suffix = config.endOfWordSuffix();
        for (int id : ids) out.append(idToToken(id));
        String s = out.toString().replace(suffix, " ");
        return s.endsWith(" ") && ids.length > 0 && tokens[ids[ids.length - 1]].endsWith(suffix) ? s.substring(0, s.length() - 1) : s;
    }
}
