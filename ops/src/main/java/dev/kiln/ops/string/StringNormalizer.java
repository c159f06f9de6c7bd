package dev.kiln.ops.string;

import dev.kiln.runtime.graph.Node;
import dev.kiln.runtime.op.TensorOp;
import dev.kiln.runtime.tensor.DType;
import dev.kiln.runtime.tensor.Shape;
import dev.kiln.runtime.tensor.Tensor;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * StringNormalizer: drops the {@code stopwords} from a {@code (C)} or {@code (1, C)} string
 * tensor (comparing case-insensitively unless {@code is_case_sensitive}), then applies
 * {@code case_change_action} (LOWER, UPPER or NONE) under {@code locale}. When every element is
 * dropped the output is one empty string, shaped {@code (1)} or {@code (1, 1)}.
 */
public final class StringNormalizer extends TensorOp {
    private enum CaseChange { NONE, LOWER, UPPER }

    private final CaseChange caseChange;
    private final boolean caseSensitive;
    private final Locale locale;
    private final Set<String> stopwords = new HashSet<>();

    public StringNormalizer(Node node) {
        var a = node.attributes();
        String action = a.getString("case_change_action", "NONE");
        try {
            this.caseChange = CaseChange.valueOf(action);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("attribute 'case_change_action' must be LOWER, UPPER or NONE, got '"
                    + action + "'");
        }
        this.caseSensitive = a.getInt("is_case_sensitive", 0) != 0;
        String tag = a.getString("locale", "en_US").replace('_', '-');
        Locale l = Locale.forLanguageTag(tag);
        this.locale = l.getLanguage().isEmpty() ? Locale.US : l;
        for (String w : a.getStrings("stopwords", new String[0])) stopwords.add(caseSensitive ? w : fold(w));
    }

    private String fold(String s) { return s.toLowerCase(locale); }

    @Override
    protected Tensor[] compute(Tensor[] inputs) {
        Tensor x = StringArgs.strings(inputs[0], "X");
        boolean twoDim = x.rank() == 2;
        if (!(x.rank() == 1 || (twoDim && x.shape().dim(0) == 1))) {
            throw new IllegalArgumentException("input 'X' must have shape (C) or (1, C), got " + x.describe());
        }
        List<String> kept = new ArrayList<>();
        for (String s : x.strings()) {
            if (stopwords.contains(caseSensitive ? s : fold(s))) continue;
            kept.add(switch (caseChange) {
                case LOWER -> s.toLowerCase(locale);
                case UPPER -> s.toUpperCase(locale);
                case NONE -> s;
            });
        }
        if (kept.isEmpty()) kept.add("");
        String[] y = kept.toArray(new String[0]);
        Shape shape = twoDim ? Shape.of(1, y.length) : Shape.of(y.length);
        return new Tensor[] {Tensor.wrap(DType.STRING, shape, y)};
    }
}
