package dev.kiln.ops.conv;

import dev.kiln.ops.common.VectorWidths;
import java.lang.invoke.MethodHandles;
import java.util.Arrays;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The Vector API version of {@link Im2Col#pack} for stride 1 along the last axis: a chunk of V
 * adjacent columns on one output line reads V adjacent inputs, so each (row, chunk) is one vector
 * load and store. Chunks that reach into the padding, cross a line or end a panel early take the
 * scalar {@link Im2Col#packRun}.
 */
final class Im2ColVector {
    private static final VectorSpecies<Float> S = VectorWidths.species(MethodHandles.lookup());
    private static final int V = S.length();

    private Im2ColVector() {}

    /** Whether panels of {@code nr} columns are whole vectors. */
    static boolean fits(int nr) { return nr % V == 0; }

    // bp[q * nr * kc + p * nr + j] = col[pc + p, jc + q * nr + j], zero past cols
    static void pack(Im2Col im, float[] x, int xOff, int nr, int pc, int kc, int jc, int cols, float[] bp) {
        int kSize = im.g.kernelSize(), inSize = im.g.inSize(), outLast = im.outLast;
        int[] bases = im.bases, shift = im.tapShift, tapLo = im.tapLo, tapHi = im.tapHi;
        // the whole chunks of V columns on one line: their line, first output and place in a panel row
        int chunks = 0;
        int[] chunkLine = new int[cols / V + 1], chunkO = new int[cols / V + 1], chunkDst = new int[cols / V + 1];
        for (int q0 = 0; q0 < cols; q0 += nr) {
            int w = Math.min(nr, cols - q0);
            int panel = q0 * kc;
            if (w < nr) Arrays.fill(bp, panel, panel + kc * nr, 0f);
            for (int j0 = 0; j0 < w; j0 += V) {
                int pos = jc + q0 + j0;
                int line = pos / outLast, o0 = pos - line * outLast;
                int len = Math.min(V, w - j0);
                if (len == V && o0 + V <= outLast) {
                    chunkLine[chunks] = line * kSize;
                    chunkO[chunks] = o0;
                    chunkDst[chunks++] = panel + j0;
                    continue;
                }
                for (int j = 0; j < len; ) {
                    int run = Math.min(len - j, outLast - (pos + j) % outLast);
                    im.packRun(x, xOff, nr, pc, kc, pos + j, run, bp, panel + j0 + j);
                    j += run;
                }
            }
        }
        FloatVector zero = FloatVector.zero(S);
        int c = pc / kSize, kk = pc - c * kSize;
        int plane = xOff + c * inSize;
        for (int p = 0; p < kc; p++) {
            int lo = tapLo[kk], hi = tapHi[kk], sh = plane + shift[kk], row = p * nr;
            for (int t = 0; t < chunks; t++) {
                int base = bases[chunkLine[t] + kk], o0 = chunkO[t], dst = chunkDst[t] + row;
                if (base >= 0 && lo <= o0 && o0 + V <= hi) {
                    FloatVector.fromArray(S, x, sh + base + o0).intoArray(bp, dst);
                } else if (base < 0 || hi <= o0 || lo >= o0 + V) {
                    zero.intoArray(bp, dst);
                } else {
                    // partly in the padding: lanes with lo <= o0 + i < hi read the input
                    int src = sh + base;
                    for (int i = 0; i < V; i++) {
                        int o = o0 + i;
                        bp[dst + i] = o >= lo && o < hi ? x[src + o] : 0f;
                    }
                }
            }
            if (++kk == kSize) {
                kk = 0;
                plane += inSize;
            }
        }
    }
}
