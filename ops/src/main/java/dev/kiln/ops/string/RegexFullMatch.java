package dev.kiln.ops.string;

import dev.kiln.runtime.exec.ExecutionContext;
import dev.kiln.runtime.graph.Node;
import dev.kiln.runtime.op.TensorOp;
import dev.kiln.runtime.tensor.DType;
import dev.kiln.runtime.tensor.Tensor;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * RegexFullMatch: true where an element matches {@code pattern} in full. The pattern is compiled
 * with {@code java.util.regex}, which agrees with RE2 on the common syntax (classes, anchors,
 * quantifiers, {@code \b}, {@code \w}); RE2-only constructs are rejected at load. Unlike RE2, a
 * backtracking matcher can take exponential time on a hostile pattern, so the match reads its
 * text through {@link Deadlined}, which stops it when the run's deadline passes or it is cancelled.
 */
public final class RegexFullMatch extends TensorOp {
    private final Pattern pattern;

    public RegexFullMatch(Node node) {
        String p = node.attributes().getString("pattern", null);
        if (p == null) throw new IllegalArgumentException("Required attribute 'pattern' is missing");
        try {
            this.pattern = Pattern.compile(p);
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException("attribute 'pattern' is not a valid regex: " + e.getMessage());
        }
    }

    @Override
    protected Tensor[] compute(Tensor[] inputs) {
        Tensor x = StringArgs.strings(inputs[0], "X");
        String[] xs = x.strings();
        boolean[] y = new boolean[xs.length];
        for (int i = 0; i < xs.length; i++) y[i] = pattern.matcher(new Deadlined(xs[i])).matches();
        return new Tensor[] {Tensor.wrap(DType.BOOL, x.shape(), y)};
    }

    /** A string whose reads check, every 4096 characters, that the run may go on. */
    static final class Deadlined implements CharSequence {
        private final CharSequence s;
        private int reads;

        Deadlined(CharSequence s) { this.s = s; }

        @Override public int length() { return s.length(); }

        @Override public char charAt(int index) {
            if ((++reads & 4095) == 0) ExecutionContext.checkActiveCancelled();
            return s.charAt(index);
        }

        @Override public CharSequence subSequence(int start, int end) { return new Deadlined(s.subSequence(start, end)); }

        @Override public String toString() { return s.toString(); }
    }
}
