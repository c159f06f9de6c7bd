package dev.kiln.ops.quant;

import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * The Vector API forms of the int8 products' elementwise passes, bit for bit the scalar ones in
 * {@link Igemm#shiftRows(byte[], boolean, int, float[], int)} and {@link Int8Panels}: 8-bit values
 * minus a zero point as floats, and the dequantizing {@code y * scale + bias} per column. C2 does
 * not vectorise the scalar loops well (about 0.45 ns an element for either against 0.06 and 0.15
 * here on AVX-512). Used only when {@link dev.kiln.ops.common.Vectors#ENABLED}; the width is a
 * parameter so that the tests run every width on any machine.
 */
final class Int8Vectors {
    /** The preferred float species and the byte species with as many lanes (at least 64 bits). */
    static final VectorSpecies<Float> FLOATS = FloatVector.SPECIES_PREFERRED;
    static final VectorSpecies<Byte> BYTES = bytesFor(FLOATS);

    private Int8Vectors() {}

    /** The byte species that widens to {@code fs}: as many lanes, or 8 when fs has 4. */
    static VectorSpecies<Byte> bytesFor(VectorSpecies<Float> fs) {
        return VectorSpecies.of(byte.class, VectorShape.forBitSize(Math.max(64, fs.length() * 8)));
    }

    /**
     * {@code out[i] = v[i] - zp} for i < n, v read as uint8 when {@code unsigned}. An unsigned byte
     * with its top bit flipped is the signed value u - 128, so u - zp = float(u - 128) - (zp - 128),
     * all small integers and exact.
     */
    static void shift(VectorSpecies<Float> fs, VectorSpecies<Byte> bs, byte[] v, boolean unsigned, int zp,
                      float[] out, int n) {
        float sub = unsigned ? zp - 128f : zp;
        int parts = bs.length() / fs.length(), i = 0;
        for (int end = bs.loopBound(n); i < end; i += bs.length()) {
            ByteVector b = ByteVector.fromArray(bs, v, i);
            if (unsigned) b = b.lanewise(VectorOperators.XOR, (byte) 0x80);
            for (int p = 0; p < parts; p++) {
                ((FloatVector) b.convertShape(VectorOperators.B2F, fs, p)).sub(sub).intoArray(out, i + p * fs.length());
            }
        }
        for (; i < n; i++) out[i] = (unsigned ? v[i] & 0xFF : v[i]) - zp;
    }

    /**
     * {@code c[o + j] = c[o + j] * scale[from + j] + bias[from + j]} for j < len (bias may be
     * null), a multiplication then an addition, each rounded as Java rounds them.
     */
    static void scaleBias(VectorSpecies<Float> fs, float[] c, int o, float[] scale, float[] bias, int from, int len) {
        int j = 0;
        for (int end = fs.loopBound(len); j < end; j += fs.length()) {
            FloatVector y = FloatVector.fromArray(fs, c, o + j).mul(FloatVector.fromArray(fs, scale, from + j));
            if (bias != null) y = y.add(FloatVector.fromArray(fs, bias, from + j));
            y.intoArray(c, o + j);
        }
        for (; j < len; j++) {
            c[o + j] = bias == null ? c[o + j] * scale[from + j] : c[o + j] * scale[from + j] + bias[from + j];
        }
    }
}
