package dev.kiln.runtime.tensor;

import java.lang.reflect.Array;
import java.util.Arrays;

/**
 * A dense tensor: a dtype, a shape and a contiguous row-major Java array.
 *
 * <p>Tensors are treated as immutable once they are handed to a session or returned from one:
 * kernels never write into their inputs. The accessors such as {@link #floats()} return the
 * backing array without copying, for speed; callers must not modify it.
 */
public final class Tensor implements Value {
    private final DType dtype;
    private final Shape shape;
    private final Object data;

    private Tensor(DType dtype, Shape shape, Object data) {
        this.dtype = dtype;
        this.shape = shape;
        this.data = data;
    }

    /**
     * Wraps an existing array without copying.
     *
     * @throws IllegalArgumentException if the array type does not match the dtype's storage or
     *     its length differs from the shape's element count
     */
    public static Tensor wrap(DType dtype, Shape shape, Object data) {
        if (dtype == null || shape == null || data == null) {
            throw new IllegalArgumentException("Tensor needs a dtype, a shape and data; got dtype="
                    + dtype + ", shape=" + shape + ", data=" + (data == null ? "null" : "array"));
        }
        Class<?> expected = arrayClass(dtype.storage());
        if (expected == null) {
            throw new IllegalArgumentException("Element type " + dtype + " is not supported");
        }
        if (data.getClass() != expected) {
            throw new IllegalArgumentException("Element type " + dtype + " needs a "
                    + expected.getSimpleName() + ", got " + data.getClass().getSimpleName());
        }
        int len = Array.getLength(data);
        if (len != shape.size()) {
            throw new IllegalArgumentException("Tensor of shape " + shape + " needs " + shape.size()
                    + " elements, got " + len);
        }
        return new Tensor(dtype, shape, data);
    }

    /**
     * A zero-filled tensor (empty strings for string tensors).
     *
     * @throws dev.kiln.runtime.ResourceLimitException when a run's {@link MemoryBudget} forbids it
     */
    public static Tensor zeros(DType dtype, Shape shape) {
        MemoryBudget.check(dtype, shape);
        return new Tensor(dtype, shape, allocate(dtype, shape.sizeInt()));
    }

    /**
     * A new Java array of the storage type of {@code dtype}.
     *
     * @throws dev.kiln.runtime.ResourceLimitException when a run's {@link MemoryBudget} forbids it
     */
    public static Object allocate(DType dtype, int n) {
        MemoryBudget.check(dtype, n);
        return switch (dtype.storage()) {
            case FLOAT -> new float[n];
            case DOUBLE -> new double[n];
            case LONG -> new long[n];
            case INT -> new int[n];
            case SHORT -> new short[n];
            case BYTE -> new byte[n];
            case BOOL -> new boolean[n];
            case STRING -> {
                String[] s = new String[n];
                Arrays.fill(s, "");
                yield s;
            }
            case NONE -> throw new IllegalArgumentException("Element type " + dtype
                    + " is not supported");
        };
    }

    private static Class<?> arrayClass(DType.Storage s) {
        return switch (s) {
            case FLOAT -> float[].class;
            case DOUBLE -> double[].class;
            case LONG -> long[].class;
            case INT -> int[].class;
            case SHORT -> short[].class;
            case BYTE -> byte[].class;
            case BOOL -> boolean[].class;
            case STRING -> String[].class;
            case NONE -> null;
        };
    }

    // ---- factories from Java arrays ----

    /** A float32 tensor of the given shape. */
    public static Tensor of(float[] data, long... dims) { return wrap(DType.FLOAT32, Shape.of(dims), data); }

    /** A float64 tensor of the given shape. */
    public static Tensor of(double[] data, long... dims) { return wrap(DType.FLOAT64, Shape.of(dims), data); }

    /** An int64 tensor of the given shape. */
    public static Tensor of(long[] data, long... dims) { return wrap(DType.INT64, Shape.of(dims), data); }

    /** An int32 tensor of the given shape. */
    public static Tensor of(int[] data, long... dims) { return wrap(DType.INT32, Shape.of(dims), data); }

    /** A bool tensor of the given shape. */
    public static Tensor of(boolean[] data, long... dims) { return wrap(DType.BOOL, Shape.of(dims), data); }

    /** A string tensor of the given shape. */
    public static Tensor of(String[] data, long... dims) { return wrap(DType.STRING, Shape.of(dims), data); }

    /** A float32 scalar. */
    public static Tensor scalar(float v) { return of(new float[] {v}); }

    /** An int64 scalar. */
    public static Tensor scalar(long v) { return of(new long[] {v}); }

    /** A 1-D int64 tensor. */
    public static Tensor vector(long... v) { return of(v.clone(), v.length); }

    /**
     * A tensor of {@code dtype} whose elements are the given doubles, converted as ONNX
     * {@code Cast} converts them (truncation toward zero for integers, wrap-around on overflow).
     */
    public static Tensor fromDoubles(DType dtype, Shape shape, double[] values) {
        Tensor t = zeros(dtype, shape);
        for (int i = 0; i < values.length; i++) t.setDouble(i, values[i]);
        return t;
    }

    /** A tensor of an integer or bool {@code dtype} from longs, wrapping to the type's width. */
    public static Tensor fromLongs(DType dtype, Shape shape, long[] values) {
        Tensor t = zeros(dtype, shape);
        for (int i = 0; i < values.length; i++) t.setLong(i, values[i]);
        return t;
    }

    // ---- basic properties ----

    /** The element type. */
    public DType dtype() { return dtype; }

    /** The shape. */
    public Shape shape() { return shape; }

    /** Number of dimensions. */
    public int rank() { return shape.rank(); }

    /** Element count. */
    public int size() { return (int) shape.size(); }

    /** The backing array (float[], long[], ...). */
    public Object data() { return data; }

    /** The same data under another shape with the same element count. */
    public Tensor reshape(Shape newShape) {
        if (newShape.size() != shape.size()) {
            throw new IllegalArgumentException("Cannot reshape " + shape + " (" + shape.size()
                    + " elements) to " + newShape + " (" + newShape.size() + " elements)");
        }
        return new Tensor(dtype, newShape, data);
    }

    /** A deep copy. */
    public Tensor copy() {
        Object d = allocate(dtype, size());
        System.arraycopy(data, 0, d, 0, size());
        return new Tensor(dtype, shape, d);
    }

    // ---- typed accessors (no copy) ----

    /** Backing float[] of a float32 tensor. */
    public float[] floats() { return (float[]) expect(DType.Storage.FLOAT); }

    /** Backing double[] of a float64 tensor. */
    public double[] doubles() { return (double[]) expect(DType.Storage.DOUBLE); }

    /** Backing long[] of an int64/uint64 tensor. */
    public long[] longs() { return (long[]) expect(DType.Storage.LONG); }

    /** Backing int[] of an int32/uint32 tensor. */
    public int[] ints() { return (int[]) expect(DType.Storage.INT); }

    /** Backing short[] of an int16/uint16/float16/bfloat16 tensor. */
    public short[] shorts() { return (short[]) expect(DType.Storage.SHORT); }

    /** Backing byte[] of an int8/uint8 or narrow-type tensor. */
    public byte[] bytes() { return (byte[]) expect(DType.Storage.BYTE); }

    /** Backing boolean[] of a bool tensor. */
    public boolean[] booleans() { return (boolean[]) expect(DType.Storage.BOOL); }

    /** Backing String[] of a string tensor. */
    public String[] strings() { return (String[]) expect(DType.Storage.STRING); }

    private Object expect(DType.Storage s) {
        if (dtype.storage() != s) {
            throw new IllegalStateException("Tensor is " + dtype + ", not stored as "
                    + s.name().toLowerCase());
        }
        return data;
    }

    // ---- generic element access (slow path: one switch per element) ----

    /** Element {@code i} as a double (unsigned types read as unsigned, bool as 0/1). */
    public double getDouble(int i) {
        return switch (dtype) {
            case FLOAT32 -> ((float[]) data)[i];
            case FLOAT64 -> ((double[]) data)[i];
            case INT64 -> ((long[]) data)[i];
            case UINT64 -> unsignedLongToDouble(((long[]) data)[i]);
            case INT32 -> ((int[]) data)[i];
            case UINT32 -> Integer.toUnsignedLong(((int[]) data)[i]);
            case INT16 -> ((short[]) data)[i];
            case UINT16 -> ((short[]) data)[i] & 0xffff;
            case FLOAT16 -> Float16.toFloat(((short[]) data)[i]);
            case BFLOAT16 -> Float16.bfloat16ToFloat(((short[]) data)[i]);
            case INT8 -> ((byte[]) data)[i];
            case UINT8 -> ((byte[]) data)[i] & 0xff;
            case BOOL -> ((boolean[]) data)[i] ? 1 : 0;
            default -> {
                if (dtype.isNarrow()) yield NarrowTypes.decode(dtype, ((byte[]) data)[i]);
                throw new IllegalStateException("Tensor of " + dtype + " has no numeric value");
            }
        };
    }

    /** Element {@code i} as a long (floats truncate toward zero). */
    public long getLong(int i) {
        return switch (dtype.storage()) {
            case LONG -> ((long[]) data)[i];
            case INT -> dtype == DType.UINT32 ? Integer.toUnsignedLong(((int[]) data)[i]) : ((int[]) data)[i];
            case SHORT -> dtype == DType.UINT16 ? ((short[]) data)[i] & 0xffff
                    : dtype == DType.INT16 ? ((short[]) data)[i] : (long) getDouble(i);
            case BYTE -> dtype == DType.UINT8 ? ((byte[]) data)[i] & 0xff
                    : dtype == DType.INT8 ? ((byte[]) data)[i] : (long) getDouble(i);
            case BOOL -> ((boolean[]) data)[i] ? 1 : 0;
            default -> (long) getDouble(i);
        };
    }

    /** Element {@code i} as a boolean (non-zero is true). */
    public boolean getBoolean(int i) {
        if (dtype == DType.BOOL) return ((boolean[]) data)[i];
        if (dtype.isFloatingPoint()) return getDouble(i) != 0;
        return getLong(i) != 0;
    }

    /**
     * Sets element {@code i} from a double, converting as {@code Cast} does: floats round to the
     * nearest representable value, integers truncate toward zero and wrap, bool is {@code v != 0}.
     */
    public void setDouble(int i, double v) {
        switch (dtype) {
            case FLOAT32 -> ((float[]) data)[i] = (float) v;
            case FLOAT64 -> ((double[]) data)[i] = v;
            case FLOAT16 -> ((short[]) data)[i] = Float16.fromDouble(v);
            case BFLOAT16 -> ((short[]) data)[i] = Float16.bfloat16FromDouble(v);
            case INT4, UINT4, INT2, UINT2 -> setLong(i, Double.isNaN(v) ? 0 : (long) v);
            case BOOL -> ((boolean[]) data)[i] = v != 0;
            case UINT64 -> ((long[]) data)[i] = doubleToUnsignedLong(v);
            case INT64 -> ((long[]) data)[i] = (long) v;
            default -> {
                if (dtype.isNarrow()) {
                    ((byte[]) data)[i] = NarrowTypes.encode(dtype, v, true);
                } else if (dtype == DType.STRING) {
                    throw new IllegalStateException("Cannot store a number in a string tensor");
                } else {
                    setLong(i, Double.isNaN(v) ? 0 : (long) v);
                }
            }
        }
    }

    /** Sets element {@code i} from a long, wrapping to the width of integer types. */
    public void setLong(int i, long v) {
        switch (dtype.storage()) {
            case LONG -> ((long[]) data)[i] = v;
            case INT -> ((int[]) data)[i] = (int) v;
            case BYTE -> {
                if (dtype == DType.INT4 || dtype == DType.UINT4) ((byte[]) data)[i] = (byte) (v & 0xf);
                else if (dtype == DType.INT2 || dtype == DType.UINT2) ((byte[]) data)[i] = (byte) (v & 0x3);
                else if (dtype.isNarrow()) ((byte[]) data)[i] = NarrowTypes.encode(dtype, v, true);
                else ((byte[]) data)[i] = (byte) v;
            }
            case BOOL -> ((boolean[]) data)[i] = v != 0;
            case SHORT -> {
                if (dtype == DType.INT16 || dtype == DType.UINT16) ((short[]) data)[i] = (short) v;
                else setDouble(i, dtype == DType.UINT64 ? unsignedLongToDouble(v) : (double) v);
            }
            case FLOAT -> ((float[]) data)[i] = v;
            case DOUBLE -> ((double[]) data)[i] = v;
            default -> throw new IllegalStateException("Cannot store a number in a " + dtype + " tensor");
        }
    }

    /** All elements as doubles (a new array). */
    public double[] toDoubleArray() {
        double[] out = new double[size()];
        for (int i = 0; i < out.length; i++) out[i] = getDouble(i);
        return out;
    }

    /** All elements as longs (a new array). */
    public long[] toLongArray() {
        long[] out = new long[size()];
        for (int i = 0; i < out.length; i++) out[i] = getLong(i);
        return out;
    }

    /** All elements converted to float32 (a new array unless already float32). */
    public float[] toFloatArray() {
        if (dtype == DType.FLOAT32) return ((float[]) data).clone();
        float[] out = new float[size()];
        for (int i = 0; i < out.length; i++) out[i] = (float) getDouble(i);
        return out;
    }

    /** The value of a one-element tensor as a double. */
    public double scalarDouble() {
        requireOne();
        return getDouble(0);
    }

    /** The value of a one-element tensor as a long. */
    public long scalarLong() {
        requireOne();
        return getLong(0);
    }

    private void requireOne() {
        if (shape.size() != 1) {
            throw new IllegalArgumentException("Expected a single value, got tensor of shape " + shape);
        }
    }

    static double unsignedLongToDouble(long v) {
        if (v >= 0) return v;
        return ((v >>> 1) | (v & 1)) * 2.0;
    }

    static long doubleToUnsignedLong(double v) {
        if (Double.isNaN(v) || v <= 0) return (long) v;
        if (v < 0x1p63) return (long) v;
        return (long) (v - 0x1p63) ^ Long.MIN_VALUE;
    }

    @Override
    public String describe() { return dtype + shape.toString(); }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("Tensor(").append(describe()).append(", [");
        int n = Math.min(size(), 8);
        for (int i = 0; i < n; i++) {
            if (i > 0) sb.append(", ");
            if (dtype == DType.STRING) sb.append('"').append(((String[]) data)[i]).append('"');
            else if (dtype.isFloatingPoint()) sb.append((float) getDouble(i));
            else sb.append(getLong(i));
        }
        if (size() > n) sb.append(", ...");
        return sb.append("])").toString();
    }
}
