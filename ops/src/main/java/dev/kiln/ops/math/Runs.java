package dev.kiln.ops.math;

import dev.kiln.ops.common.Broadcast;
import dev.kiln.runtime.tensor.Shape;
import java.util.Arrays;

/**
 * A numpy broadcast of several inputs to an output shape, cut into runs of {@link #length}
 * consecutive output elements along which every input either advances by one element
 * ({@code step 1}) or stays on one element ({@code step 0}). Same-shape inputs give one run over
 * everything; {@code (N, C) + (C)} gives N runs of C; {@code (N, C, H, W) * (1, C, 1, 1)} gives
 * N*C runs of H*W with step 0 for the second input.
 *
 * <p>Run {@code r} writes output elements {@code [r * length, (r + 1) * length)} and reads input
 * {@code j} from {@code offsets[j][r]}.
 */
final class Runs {
    /** Number of runs. */
    final int count;
    /** Output elements per run. */
    final int length;
    /** Per input: 1 if it advances along a run, 0 if it repeats one element. */
    final int[] steps;
    /** Per input and run: the flat index of the run's first input element. */
    final int[][] offsets;

    private Runs(int count, int length, int[] steps, int[][] offsets) {
        this.count = count;
        this.length = length;
        this.steps = steps;
        this.offsets = offsets;
    }

    /**
     * The runs broadcasting {@code inputs} to {@code out}; every input must broadcast to
     * {@code out} (e.g. {@code out = Broadcast.shape(inputs)}) and {@code out} must not be empty.
     */
    static Runs of(Shape out, Shape... inputs) {
        int r = out.rank();
        long[] od = out.dims();
        long[][] in = new long[inputs.length][];
        for (int j = 0; j < inputs.length; j++) in[j] = padded(inputs[j], r);

        // Merge trailing axes while each input keeps one kind (contiguous or repeated) across them.
        int[] kinds = new int[inputs.length];
        Arrays.fill(kinds, -1);
        int split = r;
        for (int d = r - 1; d >= 0; d--) {
            if (od[d] == 1) {
                split = d;
                continue;
            }
            boolean merge = true;
            for (int j = 0; j < in.length && merge; j++) {
                int kind = in[j][d] == od[d] ? 1 : 0;
                if (kinds[j] != -1 && kinds[j] != kind) merge = false;
            }
            if (!merge) break;
            for (int j = 0; j < in.length; j++) kinds[j] = in[j][d] == od[d] ? 1 : 0;
            split = d;
        }

        long length = 1;
        for (int d = split; d < r; d++) length *= od[d];
        Shape outer = Shape.of(Arrays.copyOf(od, split));
        int count = outer.sizeInt();
        int[] steps = new int[inputs.length];
        int[][] offsets = new int[inputs.length][];
        for (int j = 0; j < in.length; j++) {
            steps[j] = kinds[j] == 1 ? 1 : 0;
            int block = steps[j] == 1 ? (int) length : 1;
            int[] map = Broadcast.indexMap(Shape.of(Arrays.copyOf(in[j], split)), outer);
            if (block != 1) for (int i = 0; i < map.length; i++) map[i] *= block;
            offsets[j] = map;
        }
        return new Runs(count, (int) length, steps, offsets);
    }

    /** The dims of {@code s} with leading ones up to rank {@code r}. */
    private static long[] padded(Shape s, int r) {
        long[] d = new long[r];
        Arrays.fill(d, 1);
        long[] sd = s.dims();
        System.arraycopy(sd, 0, d, r - sd.length, sd.length);
        return d;
    }

    /**
     * Visits every output element of a two-input broadcast with the flat indexes of its input
     * elements (a generic path: one call per element).
     */
    void forEachPair(PairVisitor v) {
        for (int r = 0; r < count; r++) {
            int ia = offsets[0][r];
            int ib = offsets[1][r];
            for (int i = 0, iy = r * length; i < length; i++, iy++) {
                v.visit(iy, ia, ib);
                ia += steps[0];
                ib += steps[1];
            }
        }
    }

    /** One output element of a two-input broadcast: its index and its inputs' indexes. */
    interface PairVisitor {
        void visit(int iy, int ia, int ib);
    }
}
