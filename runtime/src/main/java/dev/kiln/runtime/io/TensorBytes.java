package dev.kiln.runtime.io;

import dev.kiln.runtime.tensor.DType;
import dev.kiln.runtime.tensor.Tensor;
import java.nio.ByteBuffer;

/**
 * Element data of whole-byte types (not strings, not 4/2-bit types) to and from byte buffers,
 * in the buffer's byte order. Bool is one byte per element.
 */
public final class TensorBytes {
    private TensorBytes() {}

    /** Bytes per element of a whole-byte type. */
    public static int width(DType t) {
        if (t == DType.STRING || t.bits() < 8) throw new IllegalArgumentException(t + " has no whole-byte encoding");
        return t == DType.BOOL ? 1 : t.bits() / 8;
    }

    /** Reads {@code n} elements of {@code dtype} from the buffer's position into a new array. */
    public static Object read(DType dtype, int n, ByteBuffer b) {
        Object data = Tensor.allocate(dtype, n);
        switch (dtype.storage()) {
            case FLOAT -> b.asFloatBuffer().get((float[]) data);
            case DOUBLE -> b.asDoubleBuffer().get((double[]) data);
            case LONG -> b.asLongBuffer().get((long[]) data);
            case INT -> b.asIntBuffer().get((int[]) data);
            case SHORT -> b.asShortBuffer().get((short[]) data);
            case BYTE -> b.duplicate().get((byte[]) data);
            case BOOL -> {
                boolean[] z = (boolean[]) data;
                int p = b.position();
                for (int i = 0; i < n; i++) z[i] = b.get(p + i) != 0;
            }
            default -> throw new IllegalArgumentException(dtype + " has no whole-byte encoding");
        }
        return data;
    }

    /** Writes every element of {@code t} at the buffer's position (the position does not move). */
    public static void write(Tensor t, ByteBuffer b) {
        switch (t.dtype().storage()) {
            case FLOAT -> b.asFloatBuffer().put(t.floats());
            case DOUBLE -> b.asDoubleBuffer().put(t.doubles());
            case LONG -> b.asLongBuffer().put(t.longs());
            case INT -> b.asIntBuffer().put(t.ints());
            case SHORT -> b.asShortBuffer().put(t.shorts());
            case BYTE -> b.duplicate().put(t.bytes());
            case BOOL -> {
                boolean[] z = t.booleans();
                int p = b.position();
                for (int i = 0; i < z.length; i++) b.put(p + i, (byte) (z[i] ? 1 : 0));
            }
            default -> throw new IllegalArgumentException(t.dtype() + " has no whole-byte encoding");
        }
    }
}
