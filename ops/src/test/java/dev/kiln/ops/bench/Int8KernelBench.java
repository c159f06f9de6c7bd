package dev.kiln.ops.bench;

import dev.kiln.ops.quant.Igemm;
import dev.kiln.ops.quant.Int8Panels;
import java.util.Random;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * A development timing harness for the int8 product (not a test; surefire never runs it): the
 * formulations tried for an int8 GEMM in pure Java, on the BERT feed-forward shape
 * (128 x 384) * (384 x 1536) with 8-bit operands minus their zero points, on the calling thread.
 * Prints multiply-accumulates per second for each and checks each against {@link Igemm#reference}.
 *
 * <ol>
 *   <li>{@code float32 panels}: what Kiln runs ({@link Int8Panels}), the register-blocked float32
 *       GEMM on exact integers.</li>
 *   <li>{@code short pairs, streaming}: {@code c[j] += a[2j] * b[2j] + a[2j+1] * b[2j+1]} over
 *       {@code short[]}, which C2 compiles to vpmaddwd/vpdpwssd: B packed as (K/2, N, 2), one row
 *       of C updated per pair of A values, the pair broadcast into a buffer of N pairs first (the
 *       loop has no scalar operand form that C2 vectorises).</li>
 *   <li>{@code short pairs, no broadcast}: the same loop with the broadcast buffer filled once,
 *       a ceiling for that formulation (not a correct product).</li>
 *   <li>{@code short pairs, dot}: {@code s += a[2p] * b[2p] + a[2p+1] * b[2p+1]} per element of C,
 *       B transposed: C2 does not vectorise this reduction.</li>
 *   <li>{@code IntVector 4x2}: the Vector API, 4 rows x 2 vectors of int accumulators in
 *       registers, B widened to int in (N/2V, K, 2V) panels, a multiply and an add per vector
 *       (the API has no 16-bit pair multiply-add).</li>
 * </ol>
 *
 * <pre>java --add-modules jdk.incubator.vector -cp ops/target/classes:ops/target/test-classes:runtime/target/classes
 *     dev.kiln.ops.bench.Int8KernelBench [seconds-per-case]</pre>
 */
public final class Int8KernelBench {
    private static final VectorSpecies<Integer> I = IntVector.SPECIES_PREFERRED;
    private static final int M = 128, K = 384, N = 1536;

    private Int8KernelBench() {}

    public static void main(String[] args) {
        double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 2;
        Random rnd = new Random(1);
        byte[] a8 = new byte[M * K], b8 = new byte[K * N];
        rnd.nextBytes(a8);
        for (int i = 0; i < b8.length; i++) b8[i] = (byte) (rnd.nextGaussian() * 30);
        int za = 131;
        int[] ai = new int[M * K], bi = new int[K * N], want = new int[M * N];
        for (int i = 0; i < ai.length; i++) ai[i] = (a8[i] & 0xFF) - za;
        for (int i = 0; i < bi.length; i++) bi[i] = b8[i];
        Igemm.reference(M, N, K, ai, bi, want);
        float[] af = Igemm.shiftRows(a8, true, za);
        short[] as = new short[M * K], bPairs = new short[K * N], bt = new short[K * N];
        for (int i = 0; i < as.length; i++) as[i] = (short) ai[i];
        for (int p = 0; p < K; p++) {
            for (int j = 0; j < N; j++) {
                bPairs[(p / 2) * 2 * N + 2 * j + (p & 1)] = (short) bi[p * N + j];
                bt[j * K + p] = (short) bi[p * N + j];
            }
        }
        int[] bPanels = intPanels(bi);
        Int8Panels panels = Int8Panels.pack(b8, false, new int[] {0}, K, N);
        System.out.println("int8 (" + M + " x " + K + ") * (" + K + " x " + N + "), java " + Runtime.version()
                + ", " + I.length() + " int lanes");
        float[] yf = new float[M * N];
        int[] c = new int[M * N];
        short[] pair = new short[2 * N];
        report("float32 panels", time(() -> panels.multiply(M, af, yf), seconds), check(yf, want));
        report("short pairs, streaming", time(() -> streaming(as, bPairs, c, pair, true), seconds),
                java.util.Arrays.equals(c, want));
        report("short pairs, no broadcast", time(() -> streaming(as, bPairs, c, pair, false), seconds), true);
        report("short pairs, dot", time(() -> dot(as, bt, c), seconds), java.util.Arrays.equals(c, want));
        report("IntVector 4x2", time(() -> intVector(ai, bPanels, c), seconds), java.util.Arrays.equals(c, want));
    }

    // C (M, N) = sum over pairs p of A[:, 2p:2p+2] * B[2p:2p+2, :]; bPairs: (K/2, N, 2)
    private static void streaming(short[] a, short[] bPairs, int[] c, short[] pair, boolean broadcast) {
        java.util.Arrays.fill(c, 0);
        for (int i = 0; i < M; i++) {
            int co = i * N;
            for (int p = 0; p < K; p += 2) {
                if (broadcast) {
                    short x0 = a[i * K + p], x1 = a[i * K + p + 1];
                    for (int j = 0; j < 2 * N; j += 2) {
                        pair[j] = x0;
                        pair[j + 1] = x1;
                    }
                }
                int bo = p * N;
                for (int j = 0; j < N; j++) {
                    c[co + j] += pair[2 * j] * bPairs[bo + 2 * j] + pair[2 * j + 1] * bPairs[bo + 2 * j + 1];
                }
            }
        }
    }

    // C[i, j] = dot(A[i, :], Bt[j, :]) in pairs; bt: (N, K)
    private static void dot(short[] a, short[] bt, int[] c) {
        for (int i = 0; i < M; i++) {
            for (int j = 0; j < N; j++) {
                int s = 0;
                for (int p = 0, ao = i * K, bo = j * K; p < K; p += 2) {
                    s += a[ao + p] * bt[bo + p] + a[ao + p + 1] * bt[bo + p + 1];
                }
                c[i * N + j] = s;
            }
        }
    }

    /** B (K, N) as panels of 2V columns: panel q holds B[p, q*2V : q*2V + 2V] for p in [0, K). */
    private static int[] intPanels(int[] b) {
        int w = 2 * I.length();
        int[] out = new int[K * N];
        for (int q = 0; q < N / w; q++) {
            for (int p = 0; p < K; p++) System.arraycopy(b, p * N + q * w, out, (q * K + p) * w, w);
        }
        return out;
    }

    // 4 rows x 2 vectors of C in registers, per depth step a broadcast of A times two B vectors
    private static void intVector(int[] a, int[] bPanels, int[] c) {
        int v = I.length(), w = 2 * v;
        for (int q = 0; q < N / w; q++) {
            for (int i = 0; i < M; i += 4) {
                IntVector c00 = IntVector.zero(I), c01 = c00, c10 = c00, c11 = c00;
                IntVector c20 = c00, c21 = c00, c30 = c00, c31 = c00;
                for (int p = 0, bo = q * K * w; p < K; p++, bo += w) {
                    IntVector b0 = IntVector.fromArray(I, bPanels, bo), b1 = IntVector.fromArray(I, bPanels, bo + v);
                    IntVector x0 = IntVector.broadcast(I, a[i * K + p]), x1 = IntVector.broadcast(I, a[(i + 1) * K + p]);
                    IntVector x2 = IntVector.broadcast(I, a[(i + 2) * K + p]), x3 = IntVector.broadcast(I, a[(i + 3) * K + p]);
                    c00 = c00.add(x0.mul(b0));
                    c01 = c01.add(x0.mul(b1));
                    c10 = c10.add(x1.mul(b0));
                    c11 = c11.add(x1.mul(b1));
                    c20 = c20.add(x2.mul(b0));
                    c21 = c21.add(x2.mul(b1));
                    c30 = c30.add(x3.mul(b0));
                    c31 = c31.add(x3.mul(b1));
                }
                int o = i * N + q * w;
                c00.intoArray(c, o);
                c01.intoArray(c, o + v);
                c10.intoArray(c, o + N);
                c11.intoArray(c, o + N + v);
                c20.intoArray(c, o + 2 * N);
                c21.intoArray(c, o + 2 * N + v);
                c30.intoArray(c, o + 3 * N);
                c31.intoArray(c, o + 3 * N + v);
            }
        }
    }

    private static boolean check(float[] y, int[] want) {
        for (int i = 0; i < want.length; i++) if (y[i] != want[i]) return false;
        return true;
    }

    private static void report(String name, double seconds, boolean exact) {
        System.out.printf("%-28s %8.3f ms  %6.1f GMAC/s%s%n", name, seconds * 1e3, (double) M * N * K / seconds / 1e9,
                exact ? "" : "  (differs from the reference)");
    }

    /** Best time of one call over rounds filling about {@code seconds}. */
    private static double time(Runnable r, double seconds) {
        for (int i = 0; i < 3; i++) r.run();
        double best = Double.MAX_VALUE;
        long end = System.nanoTime() + (long) (seconds * 1e9);
        while (System.nanoTime() < end) {
            long t0 = System.nanoTime();
            r.run();
            best = Math.min(best, (System.nanoTime() - t0) / 1e9);
        }
        return best;
    }
}
