package dev.kiln.ops.math;

import dev.kiln.runtime.graph.Node;
import dev.kiln.runtime.tensor.DType;

/**
 * BitShift: shifts each unsigned integer of X left or right (attribute {@code direction}) by the
 * amount in Y, with broadcasting. Bits shifted out are lost; a shift by the type's width or more
 * gives 0.
 */
public final class BitShift extends BinaryKernel {
    private final boolean left;

    public BitShift(Node node) {
        super(null);
        String direction = node.attributes().getString("direction", null);
        if (direction == null) throw new IllegalArgumentException("attribute 'direction' is required");
        if (!direction.equals("LEFT") && !direction.equals("RIGHT")) {
            throw new IllegalArgumentException("attribute 'direction' must be LEFT or RIGHT, got '"
                    + direction + "'");
        }
        this.left = direction.equals("LEFT");
    }

    @Override
    boolean accepts(DType t) {
        return t.isUnsigned() && !t.isNarrow();
    }

    @Override
    long op(long a, long b, boolean unsigned) {
        if (Long.compareUnsigned(b, 64) >= 0) return 0;
        return left ? a << b : a >>> b;
    }
}
