package dev.kiln.ops.cast;

import dev.kiln.ops.cast.NarrowCodec.E8M0Rounding;
import dev.kiln.runtime.tensor.DType;
import dev.kiln.runtime.tensor.Float16;
import dev.kiln.runtime.tensor.NarrowTypes;
import dev.kiln.runtime.tensor.Tensor;
import java.util.function.DoublePredicate;

/**
 * Element type conversion with the semantics of ONNX {@code Cast}, between every type Kiln holds.
 *
 * <p>Integer and bool sources are read exactly as longs (uint64 as its bit pattern) and float
 * sources as doubles (every float type converts to double exactly). Then:
 * <ul>
 *   <li>to an integer type: floats truncate toward zero, and every value keeps the low bits of
 *       the target width (two's complement), int4/int2 included; NaN becomes 0;</li>
 *   <li>to bool: non-zero (and NaN) is true;</li>
 *   <li>to a float type: round to nearest even, once; float8 follows {@code saturate}, float8e8m0
 *       the rounding mode;</li>
 *   <li>to and from string: see {@link NumberText}.</li>
 * </ul>
 */
public final class Conversions {
    private Conversions() {}

    /** {@code x} converted to {@code to}; returns {@code x} itself when the type already matches. */
    public static Tensor convert(Tensor x, DType to, boolean saturate, E8M0Rounding mode) {
        DType from = x.dtype();
        if (!from.isSupported() || !to.isSupported()) {
            throw new IllegalArgumentException("cannot cast " + from + " to " + to);
        }
        if (from == to) return x;
        if (to == DType.STRING) return Tensor.wrap(to, x.shape(), toStrings(x));
        int n = x.size();
        if (from == DType.STRING) {
            String[] s = x.strings();
            if (isExact(to)) {
                long[] v = new long[n];
                for (int i = 0; i < n; i++) v[i] = NumberText.parseLong(s[i]);
                return Tensor.wrap(to, x.shape(), fromLongs(v, false, to, saturate, mode));
            }
            double[] v = new double[n];
            for (int i = 0; i < n; i++) v[i] = NumberText.parseDouble(s[i]);
            return Tensor.wrap(to, x.shape(), fromDoubles(v, to, saturate, mode));
        }
        Object fast = fastPath(x, to);
        if (fast != null) return Tensor.wrap(to, x.shape(), fast);
        if (isExact(from)) {
            return Tensor.wrap(to, x.shape(), fromLongs(readLongs(x), from == DType.UINT64, to, saturate, mode));
        }
        return Tensor.wrap(to, x.shape(), fromDoubles(readDoubles(x), to, saturate, mode));
    }

    /** Every element of a numeric tensor as a double (exact for all types up to 2^53). */
    public static double[] toDoubles(Tensor x) {
        if (!isExact(x.dtype())) return readDoubles(x);
        long[] l = readLongs(x);
        double[] d = new double[l.length];
        boolean u64 = x.dtype() == DType.UINT64;
        for (int i = 0; i < l.length; i++) d[i] = u64 ? unsignedToDouble(l[i]) : (double) l[i];
        return d;
    }

    /**
     * {@code v} rounded to the precision of float type {@code t} (float32, float16, bfloat16),
     * as if computed in that type; other types leave it unchanged.
     */
    public static double roundToType(double v, DType t) {
        return switch (t) {
            case FLOAT32 -> (float) v;
            case FLOAT16 -> Float16.toFloat(Float16.fromDouble(v));
            case BFLOAT16 -> Float16.bfloat16ToFloat(Float16.bfloat16FromDouble(v));
            default -> v;
        };
    }

    /** Integer and bool types: values a long holds exactly. */
    private static boolean isExact(DType t) {
        return t.isInteger() || t == DType.BOOL;
    }

    /** Direct loops for the most common pairs; null when there is none. */
    private static Object fastPath(Tensor x, DType to) {
        int n = x.size();
        switch (x.dtype()) {
            case FLOAT32 -> {
                float[] a = x.floats();
                switch (to) {
                    case FLOAT64 -> {
                        double[] o = new double[n];
                        for (int i = 0; i < n; i++) o[i] = a[i];
                        return o;
                    }
                    case INT64 -> {
                        long[] o = new long[n];
                        for (int i = 0; i < n; i++) o[i] = (long) a[i];
                        return o;
                    }
                    case INT32 -> {
                        int[] o = new int[n];
                        for (int i = 0; i < n; i++) o[i] = (int) (long) a[i];
                        return o;
                    }
                    case FLOAT16 -> {
                        short[] o = new short[n];
                        for (int i = 0; i < n; i++) o[i] = Float16.fromFloat(a[i]);
                        return o;
                    }
                    case BOOL -> {
                        boolean[] o = new boolean[n];
                        for (int i = 0; i < n; i++) o[i] = a[i] != 0;
                        return o;
                    }
                    default -> { return null; }
                }
            }
            case FLOAT64 -> {
                if (to != DType.FLOAT32) return null;
                double[] a = x.doubles();
                float[] o = new float[n];
                for (int i = 0; i < n; i++) o[i] = (float) a[i];
                return o;
            }
            case FLOAT16 -> {
                if (to != DType.FLOAT32) return null;
                short[] a = x.shorts();
                float[] o = new float[n];
                for (int i = 0; i < n; i++) o[i] = Float16.toFloat(a[i]);
                return o;
            }
            case INT64 -> {
                long[] a = x.longs();
                if (to == DType.FLOAT32) {
                    float[] o = new float[n];
                    for (int i = 0; i < n; i++) o[i] = a[i];
                    return o;
                }
                if (to == DType.INT32) {
                    int[] o = new int[n];
                    for (int i = 0; i < n; i++) o[i] = (int) a[i];
                    return o;
                }
                return null;
            }
            case INT32 -> {
                int[] a = x.ints();
                if (to == DType.INT64) {
                    long[] o = new long[n];
                    for (int i = 0; i < n; i++) o[i] = a[i];
                    return o;
                }
                if (to == DType.FLOAT32) {
                    float[] o = new float[n];
                    for (int i = 0; i < n; i++) o[i] = a[i];
                    return o;
                }
                return null;
            }
            case BOOL -> {
                if (to != DType.FLOAT32) return null;
                boolean[] a = x.booleans();
                float[] o = new float[n];
                for (int i = 0; i < n; i++) o[i] = a[i] ? 1f : 0f;
                return o;
            }
            default -> { return null; }
        }
    }

    /**
     * Integer or bool elements as longs: signed types sign-extended, unsigned zero-extended,
     * uint64 as its bit pattern.
     */
    public static long[] readLongs(Tensor x) {
        int n = x.size();
        long[] v = new long[n];
        switch (x.dtype()) {
            case INT64, UINT64 -> System.arraycopy(x.longs(), 0, v, 0, n);
            case INT32 -> { int[] a = x.ints(); for (int i = 0; i < n; i++) v[i] = a[i]; }
            case UINT32 -> { int[] a = x.ints(); for (int i = 0; i < n; i++) v[i] = a[i] & 0xffffffffL; }
            case INT16 -> { short[] a = x.shorts(); for (int i = 0; i < n; i++) v[i] = a[i]; }
            case UINT16 -> { short[] a = x.shorts(); for (int i = 0; i < n; i++) v[i] = a[i] & 0xffff; }
            case INT8 -> { byte[] a = x.bytes(); for (int i = 0; i < n; i++) v[i] = a[i]; }
            case UINT8 -> { byte[] a = x.bytes(); for (int i = 0; i < n; i++) v[i] = a[i] & 0xff; }
            case BOOL -> { boolean[] a = x.booleans(); for (int i = 0; i < n; i++) v[i] = a[i] ? 1 : 0; }
            default -> { for (int i = 0; i < n; i++) v[i] = (long) x.getDouble(i); } // int4/int2: exact
        }
        return v;
    }

    /** Float elements as doubles (exact for every float type). */
    private static double[] readDoubles(Tensor x) {
        int n = x.size();
        double[] v = new double[n];
        switch (x.dtype()) {
            case FLOAT32 -> { float[] a = x.floats(); for (int i = 0; i < n; i++) v[i] = a[i]; }
            case FLOAT64 -> System.arraycopy(x.doubles(), 0, v, 0, n);
            case FLOAT16 -> { short[] a = x.shorts(); for (int i = 0; i < n; i++) v[i] = Float16.toFloat(a[i]); }
            case BFLOAT16 -> { short[] a = x.shorts(); for (int i = 0; i < n; i++) v[i] = Float16.bfloat16ToFloat(a[i]); }
            default -> { for (int i = 0; i < n; i++) v[i] = x.getDouble(i); }
        }
        return v;
    }

    /** An array of {@code to}'s storage from exact integer values (uint64 when {@code unsigned64}). */
    private static Object fromLongs(long[] v, boolean unsigned64, DType to, boolean saturate, E8M0Rounding mode) {
        int n = v.length;
        switch (to) {
            case INT64, UINT64 -> { return v.clone(); }
            case INT32, UINT32 -> { int[] o = new int[n]; for (int i = 0; i < n; i++) o[i] = (int) v[i]; return o; }
            case INT16, UINT16 -> { short[] o = new short[n]; for (int i = 0; i < n; i++) o[i] = (short) v[i]; return o; }
            case INT8, UINT8 -> { byte[] o = new byte[n]; for (int i = 0; i < n; i++) o[i] = (byte) v[i]; return o; }
            case BOOL -> { boolean[] o = new boolean[n]; for (int i = 0; i < n; i++) o[i] = v[i] != 0; return o; }
            case INT4, UINT4, INT2, UINT2 -> {
                byte[] o = new byte[n];
                for (int i = 0; i < n; i++) o[i] = NarrowCodec.wrap(to, v[i]);
                return o;
            }
            case FLOAT32 -> {
                float[] o = new float[n];
                for (int i = 0; i < n; i++) o[i] = unsigned64 ? unsignedToFloat(v[i]) : (float) v[i];
                return o;
            }
            default -> {
                double[] d = new double[n];
                for (int i = 0; i < n; i++) d[i] = unsigned64 ? unsignedToDouble(v[i]) : (double) v[i];
                return fromDoubles(d, to, saturate, mode);
            }
        }
    }

    /** An array of {@code to}'s storage from float values. */
    private static Object fromDoubles(double[] v, DType to, boolean saturate, E8M0Rounding mode) {
        int n = v.length;
        switch (to) {
            case FLOAT32 -> { float[] o = new float[n]; for (int i = 0; i < n; i++) o[i] = (float) v[i]; return o; }
            case FLOAT64 -> { return v.clone(); }
            case FLOAT16 -> {
                short[] o = new short[n];
                for (int i = 0; i < n; i++) o[i] = Float16.fromDouble(v[i]);
                return o;
            }
            case BFLOAT16 -> {
                short[] o = new short[n];
                for (int i = 0; i < n; i++) o[i] = Float16.bfloat16FromDouble(v[i]);
                return o;
            }
            case BOOL -> { boolean[] o = new boolean[n]; for (int i = 0; i < n; i++) o[i] = v[i] != 0; return o; }
            case UINT64 -> {
                long[] o = new long[n];
                for (int i = 0; i < n; i++) o[i] = doubleToUnsigned(v[i]);
                return o;
            }
            default -> {
                if (to.isNarrow()) {
                    byte[] o = new byte[n];
                    for (int i = 0; i < n; i++) o[i] = NarrowCodec.encode(to, v[i], saturate, mode);
                    return o;
                }
                // integer targets: truncate toward zero, then keep the low bits
                long[] l = new long[n];
                for (int i = 0; i < n; i++) l[i] = Double.isNaN(v[i]) ? 0 : (long) v[i];
                return fromLongs(l, false, to, saturate, mode);
            }
        }
    }

    private static String[] toStrings(Tensor x) {
        int n = x.size();
        String[] o = new String[n];
        DType from = x.dtype();
        if (from == DType.BOOL) {
            boolean[] a = x.booleans();
            for (int i = 0; i < n; i++) o[i] = NumberText.formatBool(a[i]);
        } else if (isExact(from)) {
            long[] a = readLongs(x);
            for (int i = 0; i < n; i++) o[i] = from == DType.UINT64 ? Long.toUnsignedString(a[i]) : Long.toString(a[i]);
        } else {
            double[] a = readDoubles(x);
            for (int i = 0; i < n; i++) {
                double v = a[i];
                o[i] = NumberText.formatFloating(v, readsBack(from, v));
            }
        }
        return o;
    }

    /** Whether a candidate decimal converts back to {@code v} in type {@code t}. */
    private static DoublePredicate readsBack(DType t, double v) {
        return switch (t) {
            case FLOAT64 -> c -> c == v;
            case FLOAT32 -> c -> (float) c == (float) v;
            case FLOAT16 -> c -> Float16.fromDouble(c) == Float16.fromDouble(v);
            case BFLOAT16 -> c -> Float16.bfloat16FromDouble(c) == Float16.bfloat16FromDouble(v);
            default -> c -> NarrowTypes.encode(t, c, true) == NarrowTypes.encode(t, v, true);
        };
    }

    static float unsignedToFloat(long v) {
        if (v >= 0) return v;
        return ((v >>> 1) | (v & 1)) * 2f; // keep the sticky bit so rounding stays correct
    }

    static double unsignedToDouble(long v) {
        if (v >= 0) return v;
        return ((v >>> 1) | (v & 1)) * 2.0;
    }

    static long doubleToUnsigned(double v) {
        if (Double.isNaN(v)) return 0;
        if (v < 0x1p63) return (long) v;
        return (long) (v - 0x1p63) ^ Long.MIN_VALUE;
    }
}
