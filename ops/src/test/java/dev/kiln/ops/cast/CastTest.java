package dev.kiln.ops.cast;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kiln.runtime.graph.Attribute;
import dev.kiln.runtime.graph.Attributes;
import dev.kiln.runtime.graph.Node;
import dev.kiln.runtime.op.Op;
import dev.kiln.runtime.tensor.DType;
import dev.kiln.runtime.tensor.Shape;
import dev.kiln.runtime.tensor.Tensor;
import dev.kiln.runtime.tensor.Value;
import java.util.List;
import org.junit.jupiter.api.Test;

class CastTest {
    private static Tensor cast(Tensor x, DType to, Attribute... extra) {
        Attribute[] attrs = new Attribute[extra.length + 1];
        attrs[0] = Attribute.of("to", (long) to.onnxCode());
        System.arraycopy(extra, 0, attrs, 1, extra.length);
        Node n = new Node("c", "", "Cast", List.of("x"), List.of("y"), new Attributes(List.of(attrs)));
        Op op = new Cast(n);
        return (Tensor) op.forward(new Value[] {x}, null)[0];
    }

    private static Tensor floats(float... v) {
        return Tensor.of(v, v.length);
    }

    @Test
    void float16RoundsToNearestEven() {
        // 1 + 2^-11 is halfway between 1 and 1 + 2^-10: ties to the even mantissa (1.0)
        // 1 + 3 * 2^-11 is halfway between 1 + 2^-10 and 1 + 2^-9: ties up to the even one
        Tensor y = cast(floats(1f + 0x1p-11f, 1f + 3 * 0x1p-11f, 65519f, 65520f, -1e-8f), DType.FLOAT16);
        assertArrayEquals(new short[] {0x3c00, 0x3c02, 0x7bff, 0x7c00, (short) 0x8000}, y.shorts());
    }

    @Test
    void doubleToFloat16RoundsOnce() {
        // just above the tie: direct rounding goes up; rounding through float32 would land on
        // the tie and then round down to 1.0
        double v = 1 + 0x1p-11 + 0x1p-40;
        Tensor y = cast(Tensor.of(new double[] {v}, 1), DType.FLOAT16);
        assertEquals((short) 0x3c01, y.shorts()[0]);
    }

    @Test
    void float8SaturatesByDefault() {
        Tensor x = floats(1e6f, Float.NEGATIVE_INFINITY, 464f, 0.0f, -0.0f);
        // 448 is e4m3fn's largest finite value (0x7e); 464 is the tie above it and rounds to even
        assertArrayEquals(new byte[] {0x7e, (byte) 0xfe, 0x7e, 0, (byte) 0x80}, cast(x, DType.FLOAT8E4M3FN).bytes());
        Tensor noSat = cast(x, DType.FLOAT8E4M3FN, Attribute.of("saturate", 0L));
        assertTrue(Double.isNaN(noSat.getDouble(0)));
        assertTrue(Double.isNaN(noSat.getDouble(1)));
        assertEquals(448.0, noSat.getDouble(2));
        // e5m2 has infinities: without saturation out-of-range becomes inf
        Tensor e5 = cast(x, DType.FLOAT8E5M2, Attribute.of("saturate", 0L));
        assertEquals(Double.POSITIVE_INFINITY, e5.getDouble(0));
        assertEquals(57344.0, cast(x, DType.FLOAT8E5M2).getDouble(0));
        // fnuz types have no negative zero
        assertEquals(0, cast(floats(-0.0f), DType.FLOAT8E4M3FNUZ).bytes()[0]);
    }

    @Test
    void narrowIntegersTruncateAndWrap() {
        Tensor y = cast(floats(-9f, 15f, 2.7f, -2.7f), DType.INT4);
        assertArrayEquals(new double[] {7, -1, 2, -2}, y.toDoubleArray());
        assertArrayEquals(new double[] {1, 3}, cast(floats(-3f, 3f), DType.UINT2).toDoubleArray());
    }

    @Test
    void floatToIntTruncatesTowardZero() {
        assertArrayEquals(new long[] {2, -2, 0, -1}, cast(floats(2.9f, -2.9f, 0.5f, -1.5f), DType.INT64).longs());
        assertArrayEquals(new byte[] {(byte) 200, (byte) 255}, cast(floats(200f, -1f), DType.UINT8).bytes());
    }

    @Test
    void uint64KeepsItsRange() {
        Tensor u = Tensor.wrap(DType.UINT64, Shape.of(2), new long[] {-1L, 1L << 63});
        assertArrayEquals(new float[] {0x1p64f, 0x1p63f}, cast(u, DType.FLOAT32).floats());
        Tensor back = cast(Tensor.of(new double[] {1e19}, 1), DType.UINT64);
        assertEquals("10000000000000000000", Long.toUnsignedString(back.longs()[0]));
        assertEquals("18446744073709551615", cast(u, DType.STRING).strings()[0]);
    }

    @Test
    void parsesStrings() {
        Tensor s = Tensor.of(new String[] {"1e-5", "NaN", "INF", "-INF", "+inf", " 3.5 ", "1E8"}, 7);
        float[] f = cast(s, DType.FLOAT32).floats();
        assertEquals(1e-5f, f[0]);
        assertTrue(Float.isNaN(f[1]));
        assertEquals(Float.POSITIVE_INFINITY, f[2]);
        assertEquals(Float.NEGATIVE_INFINITY, f[3]);
        assertEquals(Float.POSITIVE_INFINITY, f[4]);
        assertEquals(3.5f, f[5]);
        assertEquals(1e8f, f[6]);
        Tensor ints = cast(Tensor.of(new String[] {"9007199254740993", "100.5", "-7"}, 3), DType.INT64);
        assertArrayEquals(new long[] {9007199254740993L, 100, -7}, ints.longs());
        assertThrows(IllegalArgumentException.class, () -> cast(Tensor.of(new String[] {"abc"}, 1), DType.FLOAT32));
    }

    @Test
    void formatsNumbersLikeNumpy() {
        Tensor y = cast(floats(0.1f, 1f, 1e-7f, 1e16f, Float.NaN, Float.NEGATIVE_INFINITY, 314.15926f, -0f, 0.0001f, 1.5e20f),
                DType.STRING);
        assertArrayEquals(new String[] {"0.1", "1.0", "1e-07", "1e+16", "nan", "-inf", "314.15927", "-0.0", "0.0001", "1.5e+20"},
                y.strings());
        assertArrayEquals(new String[] {"100", "-3"}, cast(Tensor.of(new long[] {100, -3}, 2), DType.STRING).strings());
        assertArrayEquals(new String[] {"True", "False"}, cast(Tensor.of(new boolean[] {true, false}, 2), DType.STRING).strings());
        // float16 prints its own shortest digits, not float32's
        Tensor h = cast(floats(0.1f), DType.FLOAT16);
        assertEquals("0.1", cast(h, DType.STRING).strings()[0]);
    }

    @Test
    void e8m0RoundingModes() {
        Tensor x = floats(1.1f, 1.5f, 4f, 0.124f);
        assertArrayEquals(new byte[] {(byte) 0x80, (byte) 0x80, (byte) 0x81, 0x7c}, cast(x, DType.FLOAT8E8M0).bytes());
        assertArrayEquals(new byte[] {0x7f, 0x7f, (byte) 0x81, 0x7b},
                cast(x, DType.FLOAT8E8M0, Attribute.of("round_mode", "down")).bytes());
        assertArrayEquals(new byte[] {0x7f, (byte) 0x80, (byte) 0x81, 0x7c},
                cast(x, DType.FLOAT8E8M0, Attribute.of("round_mode", "nearest")).bytes());
    }

    @Test
    void castOneAcceptsATypeName() {
        Node n = new Node("c", "", "Cast", List.of("x"), List.of("y"), new Attributes(List.of(Attribute.of("to", "DOUBLE"))));
        Tensor y = (Tensor) new Cast(n).forward(new Value[] {floats(1.5f)}, null)[0];
        assertEquals(DType.FLOAT64, y.dtype());
        assertEquals(1.5, y.doubles()[0]);
    }

    @Test
    void bitCastKeepsBits() {
        Node n = new Node("b", "", "BitCast", List.of("x"), List.of("y"),
                new Attributes(List.of(Attribute.of("to", (long) DType.INT32.onnxCode()))));
        Tensor y = (Tensor) new BitCast(n).forward(new Value[] {floats(1f, -2.5f)}, null)[0];
        assertArrayEquals(new int[] {0x3f800000, 0xc0200000}, y.ints());
        Node bad = new Node("b", "", "BitCast", List.of("x"), List.of("y"),
                new Attributes(List.of(Attribute.of("to", (long) DType.INT64.onnxCode()))));
        assertThrows(IllegalArgumentException.class, () -> new BitCast(bad).forward(new Value[] {floats(1f)}, null));
    }
}
