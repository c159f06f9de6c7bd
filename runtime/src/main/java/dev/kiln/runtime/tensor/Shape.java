package dev.kiln.runtime.tensor;

import java.util.Arrays;

/** An immutable tensor shape: a list of non-negative dimensions. */
public final class Shape {
    /** The shape of a scalar. */
    public static final Shape SCALAR = new Shape(new long[0]);

    private final long[] dims;
    private final long size;

    private Shape(long[] dims) {
        long n = 1;
        for (int i = 0; i < dims.length; i++) {
            long d = dims[i];
            if (d < 0) {
                throw new IllegalArgumentException("Negative dimension " + d + " at axis " + i
                        + " in shape " + Arrays.toString(dims));
            }
            try {
                n = Math.multiplyExact(n, d);
            } catch (ArithmeticException e) {
                throw new IllegalArgumentException("Shape " + Arrays.toString(dims)
                        + " has more elements than a long can count");
            }
        }
        this.dims = dims;
        this.size = n;
    }

    /** A shape with the given dimensions (copied). */
    public static Shape of(long... dims) { return new Shape(dims.clone()); }

    /** A shape with the given int dimensions. */
    public static Shape of(int... dims) {
        long[] d = new long[dims.length];
        for (int i = 0; i < dims.length; i++) d[i] = dims[i];
        return new Shape(d);
    }

    /** Number of dimensions. */
    public int rank() { return dims.length; }

    /** Dimension {@code axis}; negative axes count from the end. */
    public long dim(int axis) {
        int a = axis < 0 ? axis + dims.length : axis;
        if (a < 0 || a >= dims.length) {
            throw new IllegalArgumentException("Axis " + axis + " is out of range for rank "
                    + dims.length);
        }
        return dims[a];
    }

    /** Dimension {@code axis} as an int (throws if it does not fit). */
    public int dimInt(int axis) { return Math.toIntExact(dim(axis)); }

    /** A copy of the dimensions. */
    public long[] dims() { return dims.clone(); }

    /** The dimensions as ints. */
    public int[] intDims() {
        int[] d = new int[dims.length];
        for (int i = 0; i < dims.length; i++) d[i] = Math.toIntExact(dims[i]);
        return d;
    }

    /** Total element count. */
    public long size() { return size; }

    /** Total element count as an int; fails clearly for tensors too large for a Java array. */
    public int sizeInt() {
        if (size > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("Shape " + this + " has " + size
                    + " elements, more than a Java array can hold");
        }
        return (int) size;
    }

    /** Row-major strides in elements. */
    public long[] strides() {
        long[] s = new long[dims.length];
        long acc = 1;
        for (int i = dims.length - 1; i >= 0; i--) {
            s[i] = acc;
            acc *= dims[i];
        }
        return s;
    }

    /** Normalises a possibly negative axis against this rank, with a clear error. */
    public int axis(int axis) { return normalizeAxis(axis, dims.length); }

    /** Normalises {@code axis} into {@code [0, rank)}. */
    public static int normalizeAxis(int axis, int rank) {
        int a = axis < 0 ? axis + rank : axis;
        if (a < 0 || a >= Math.max(rank, 1)) {
            throw new IllegalArgumentException("Axis " + axis + " is out of range for rank " + rank);
        }
        return a;
    }

    /** Product of dims in {@code [from, to)}. */
    public long sizeBetween(int from, int to) {
        long n = 1;
        for (int i = from; i < to; i++) n *= dims[i];
        return n;
    }

    /** The numpy broadcast of two shapes. */
    public static Shape broadcast(Shape a, Shape b) {
        int r = Math.max(a.rank(), b.rank());
        long[] out = new long[r];
        for (int i = 0; i < r; i++) {
            int ia = i - (r - a.rank());
            int ib = i - (r - b.rank());
            long da = ia >= 0 ? a.dims[ia] : 1;
            long db = ib >= 0 ? b.dims[ib] : 1;
            if (da == db || db == 1) out[i] = da;
            else if (da == 1) out[i] = db;
            else {
                throw new IllegalArgumentException("Shapes " + a + " and " + b
                        + " cannot be broadcast (axis " + i + ": " + da + " vs " + db + ")");
            }
        }
        return new Shape(out);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Shape s && Arrays.equals(dims, s.dims);
    }

    @Override
    public int hashCode() { return Arrays.hashCode(dims); }

    @Override
    public String toString() { return Arrays.toString(dims); }
}
