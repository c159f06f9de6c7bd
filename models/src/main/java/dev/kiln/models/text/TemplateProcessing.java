package dev.kiln.models.text;

import java.util.List;
import java.util.Map;

/**
 * The post-processor that wraps sequences in special tokens, for BERT
 * {@code [CLS] A [SEP]} and {@code [CLS] A [SEP] B [SEP]}, and assigns type ids.
 *
 * @param single the template for one sequence
 * @param pair the template for a pair of sequences
 * @param specialTokens the special tokens the templates name, by name
 */
public record TemplateProcessing(List<Piece> single, List<Piece> pair, Map<String, SpecialToken> specialTokens) {
    /** One element of a template. */
    public sealed interface Piece {}

    /** The tokens of the first ({@code A}) or second ({@code B}) sequence, with a type id. */
    public record SequencePiece(boolean second, int typeId) implements Piece {}

    /** A special token, by name in {@code specialTokens}, with a type id. */
    public record SpecialPiece(String name, int typeId) implements Piece {}

    /** A special token: the ids and token strings one template entry expands to. */
    public record SpecialToken(String name, List<Integer> ids, List<String> tokens) {
        /** Checks ids and tokens pair up. */
        public SpecialToken {
            ids = List.copyOf(ids);
            tokens = List.copyOf(tokens);
            if (ids.size() != tokens.size()) {
                throw new IllegalArgumentException("special token '" + name + "' has " + ids.size() + " ids but " + tokens.size() + " tokens");
            }
        }
    }

    /**
     * Copies the lists and checks them: the single template uses sequence A once and B never,
     * the pair template A and B once each, and every special piece names a known special token.
     */
    public TemplateProcessing {
        single = List.copyOf(single);
        pair = List.copyOf(pair);
        specialTokens = Map.copyOf(specialTokens);
        checkSequences(single, "single", 1, 0);
        checkSequences(pair, "pair", 1, 1);
        for (List<Piece> template : List.of(single, pair)) {
            for (Piece p : template) {
                if (p instanceof SpecialPiece s && !specialTokens.containsKey(s.name())) {
                    throw new IllegalArgumentException("template names special token '" + s.name() + "', which is not defined");
                }
            }
        }
    }

    private static void checkSequences(List<Piece> template, String which, int wantA, int wantB) {
        long a = template.stream().filter(p -> p instanceof SequencePiece s && !s.second()).count();
        long b = template.stream().filter(p -> p instanceof SequencePiece s && s.second()).count();
        if (a != wantA || b != wantB) {
            throw new IllegalArgumentException("the " + which + " template must use sequence A " + wantA + " time(s) and B "
                    + wantB + " time(s), but uses A " + a + " and B " + b + " time(s)");
        }
    }

    /** How many tokens the template adds around the sequences. */
    public int addedTokens(boolean isPair) {
        int n = 0;
        for (Piece p : isPair ? pair : single) {
            if (p instanceof SpecialPiece s) n += specialTokens.get(s.name()).ids().size();
        }
        return n;
    }

    /** Builds the encoding of {@code a} (and {@code b} when not null) per the template. */
    Encoding apply(List<Token> a, List<Token> b) {
        List<Piece> template = b == null ? single : pair;
        int n = addedTokens(b != null) + a.size() + (b == null ? 0 : b.size());
        long[] ids = new long[n];
        long[] types = new long[n];
        long[] mask = new long[n];
        long[] special = new long[n];
        String[] tokens = new String[n];
        int[] begins = new int[n];
        int[] ends = new int[n];
        int k = 0;
        for (Piece p : template) {
            if (p instanceof SpecialPiece s) {
                SpecialToken st = specialTokens.get(s.name());
                for (int j = 0; j < st.ids().size(); j++, k++) {
                    ids[k] = st.ids().get(j);
                    types[k] = s.typeId();
                    mask[k] = 1;
                    special[k] = 1;
                    tokens[k] = st.tokens().get(j);
                }
            } else if (p instanceof SequencePiece sp) {
                List<Token> seq = sp.second() ? b : a;
                for (Token t : seq) {
                    ids[k] = t.id();
                    types[k] = sp.typeId();
                    mask[k] = 1;
                    tokens[k] = t.value();
                    begins[k] = t.begin();
                    ends[k] = t.end();
                    k++;
                }
            }
        }
        return new Encoding(ids, types, mask, special, tokens, begins, ends);
    }
}
