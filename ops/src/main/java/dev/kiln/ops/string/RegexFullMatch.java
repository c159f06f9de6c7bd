package dev.kiln.ops.string;

import dev.kiln.runtime.graph.Node;
import dev.kiln.runtime.op.TensorOp;
import dev.kiln.runtime.tensor.DType;
import dev.kiln.runtime.tensor.Tensor;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * RegexFullMatch: true where an element matches {@code pattern} in full. The pattern is compiled
 * with {@code java.util.regex}, which agrees with RE2 on the common syntax (classes, anchors,
 * quantifiers, {@code \b}, {@code \w}); RE2-only constructs are rejected at load.
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
        for (int i = 0; i < xs.length; i++) y[i] = pattern.matcher(xs[i]).matches();
        return new Tensor[] {Tensor.wrap(DType.BOOL, x.shape(), y)};
    }
}
