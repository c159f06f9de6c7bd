package dev.kiln.ops.quant;

import dev.kiln.ops.common.VectorWidths;
import java.lang.invoke.MethodHandles;
import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * The Vector API version of {@link DynamicQuantizeKernel}'s passes, bit for bit the same.
 *
 * <p>Rounding half to even uses the float32 trick {@code (v + 1.5 * 2^23) - 1.5 * 2^23}, exact for
 * |v| < 2^22; v is first clamped to [-512, 512], which changes no code: past those bounds
 * {@code round(v) + zp} saturates either way (zp lies in [0, 255]). The codes are converted to
 * bytes as {@code q - 128} (a signed byte, whatever the conversion does with overflow) and the
 * sign bit flipped back.
 */
final class DynamicQuantizeVector {
    private static final VectorSpecies<Float> S = VectorWidths.species(MethodHandles.lookup());
    private static final int V = S.length();
    /**
     * The bytes of one float vector's codes; null below 256-bit floats (there is no 32-bit byte
     * vector), where {@link #quantize} runs the reference loop.
     */
    private static final VectorSpecies<Byte> B = V * 8 >= 64 ? VectorSpecies.of(byte.class,
            VectorShape.forBitSize(V * 8)) : null;
    private static final float ROUND = 12582912f; // 1.5 * 2^23

    private DynamicQuantizeVector() {}

    static float[] range(float[] x) {
        FloatVector lo = FloatVector.zero(S), hi = lo;
        int i = 0;
        for (int end = S.loopBound(x.length); i < end; i += V) {
            FloatVector v = FloatVector.fromArray(S, x, i);
            lo = lo.min(v);
            hi = hi.max(v);
        }
        float min = lo.reduceLanes(VectorOperators.MIN), max = hi.reduceLanes(VectorOperators.MAX);
        // a NaN lane propagates through min/max but a reduction may drop it: check explicitly
        if (lo.test(VectorOperators.IS_NAN).anyTrue()
                || hi.test(VectorOperators.IS_NAN).anyTrue()) {
            min = Float.NaN;
            max = Float.NaN;
        }
        for (; i < x.length; i++) {
            min = Math.min(min, x[i]);
            max = Math.max(max, x[i]);
        }
        return new float[] {min, max};
    }

    static void quantize(float[] x, float scale, int zp, byte[] y) {
        if (B == null) {
            DynamicQuantizeKernel.quantizeReference(x, 0, x.length, scale, zp, y);
            return;
        }
        FloatVector s = FloatVector.broadcast(S, scale);
        float shift = zp - 128f;
        int i = 0;
        for (int end = S.loopBound(x.length); i < end; i += V) {
            FloatVector v = FloatVector.fromArray(S, x, i).div(s).max(-512f).min(512f);
            // round half to even, then q - 128 = round(v) + zp - 128 saturated to [-128, 127]
            FloatVector q = v.add(ROUND).sub(ROUND).add(shift).max(-128f).min(127f);
            ByteVector b = (ByteVector) q.convertShape(VectorOperators.F2B, B, 0);
            b.lanewise(VectorOperators.XOR, (byte) 0x80).intoArray(y, i);
        }
        DynamicQuantizeKernel.quantizeReference(x, i, x.length, scale, zp, y);
    }
}
