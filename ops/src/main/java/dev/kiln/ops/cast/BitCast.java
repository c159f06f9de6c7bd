package dev.kiln.ops.cast;

import dev.kiln.runtime.graph.Node;
import dev.kiln.runtime.op.TensorOp;
import dev.kiln.runtime.tensor.DType;
import dev.kiln.runtime.tensor.Tensor;

/**
 * BitCast: reinterprets each element's bits (little-endian) as the type {@code to}, which must
 * have the same bit width; the shape is unchanged.
 */
public final class BitCast extends TensorOp {
    private final DType to;

    public BitCast(Node node) {
        this.to = DType.fromOnnx((int) node.attributes().requireInt("to"));
        if (!to.isSupported() || to == DType.STRING) {
            throw new IllegalArgumentException("attribute 'to': cannot bitcast to " + to);
        }
    }

    @Override
    protected Tensor[] compute(Tensor[] inputs) {
        Tensor x = inputs[0];
        if (x == null) throw new IllegalArgumentException("input 'input' is required");
        DType from = x.dtype();
        if (from == DType.STRING) throw new IllegalArgumentException("input 'input': cannot bitcast a string tensor");
        if (from.bits() != to.bits()) {
            throw new IllegalArgumentException("input 'input' is " + from + " (" + from.bits() + " bits), but 'to' is "
                    + to + " (" + to.bits() + " bits); BitCast needs equal widths");
        }
        if (from == to) return new Tensor[] {x};
        int n = x.size();
        Tensor y = Tensor.zeros(to, x.shape());
        long mask = to.bits() == 64 ? -1L : (1L << to.bits()) - 1;
        for (int i = 0; i < n; i++) writeBits(y, i, readBits(x, i) & mask);
        return new Tensor[] {y};
    }

    private static long readBits(Tensor t, int i) {
        return switch (t.dtype().storage()) {
            case FLOAT -> Float.floatToRawIntBits(t.floats()[i]) & 0xffffffffL;
            case DOUBLE -> Double.doubleToRawLongBits(t.doubles()[i]);
            case LONG -> t.longs()[i];
            case INT -> t.ints()[i] & 0xffffffffL;
            case SHORT -> t.shorts()[i] & 0xffff;
            case BYTE -> t.bytes()[i] & 0xff;
            case BOOL -> t.booleans()[i] ? 1 : 0;
            default -> throw new IllegalArgumentException("cannot bitcast " + t.dtype());
        };
    }

    private static void writeBits(Tensor t, int i, long bits) {
        switch (t.dtype().storage()) {
            case FLOAT -> t.floats()[i] = Float.intBitsToFloat((int) bits);
            case DOUBLE -> t.doubles()[i] = Double.longBitsToDouble(bits);
            case LONG -> t.longs()[i] = bits;
            case INT -> t.ints()[i] = (int) bits;
            case SHORT -> t.shorts()[i] = (short) bits;
            case BYTE -> t.bytes()[i] = (byte) bits;
            case BOOL -> t.booleans()[i] = bits != 0;
            default -> throw new IllegalArgumentException("cannot bitcast to " + t.dtype());
        }
    }
}
