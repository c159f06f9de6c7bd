package dev.kiln.ops.linalg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class TileChoiceTest {
    @Test
    void namedTilesHaveTheirShapeAndWidth() {
        for (int bits = 128; bits <= 512; bits *= 2) {
            SgemmTile narrow = TileChoice.named("narrow-" + bits), wide = TileChoice.named("Wide-" + bits);
            int lanes = bits / 32;
            assertEquals(bits, narrow.bits());
            assertEquals(4, narrow.rows());
            assertEquals(2 * lanes, narrow.cols());
            assertEquals(6, wide.rows());
            assertEquals(4 * lanes, wide.cols());
            assertTrue(narrow.readsAInPlace());
        }
    }

    @Test
    void badNamesAreRefusedWithThePropertyInTheMessage() {
        for (String bad : List.of("narrow", "narrow-64", "square-256", "narrow-x", "")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TileChoice.named(bad));
            assertTrue(e.getMessage().contains(TileChoice.PROPERTY), e.getMessage());
        }
    }

    @Test
    void timingPicksTheFasterTile() {
        // the same narrow tile, once as it is and once slowed down by extra work per call
        SgemmTile fast = TileChoice.named("narrow-256");
        SgemmTile slow = new Slowed(TileChoice.named("narrow-256"));
        List<TileChoice.Candidate> timed = TileChoice.time(List.of(
                new TileChoice.Candidate("slow", slow, 0), new TileChoice.Candidate("fast", fast, 0)),
                2_000_000_000L);
        assertEquals("fast", timed.get(0).name());
        assertTrue(timed.get(0).gflops() > timed.get(1).gflops());
        assertTrue(timed.get(1).gflops() > 0);
    }

    @Test
    void theChoiceIsOneOfTheCandidatesAndTimed() {
        TileChoice.Result r = TileChoice.result();
        assertTrue(r.chosen() != null, r.how());
        assertTrue(r.candidates().contains(r.chosen()));
        if (System.getProperty(TileChoice.PROPERTY) == null) {
            assertTrue(r.chosen().gflops() >= r.candidates().stream().mapToDouble(TileChoice.Candidate::gflops).max()
                    .orElseThrow());
        }
    }

    /** A tile that computes the same result as its inner one, three times over. */
    private record Slowed(SgemmTile inner) implements SgemmTile {
        @Override public int rows() { return inner.rows(); }
        @Override public int cols() { return inner.cols(); }
        @Override public int bits() { return inner.bits(); }

        @Override
        public void compute(int kc, float[] ap, int ao, float[] bp, int bo, float[] c, int co, int ldc, boolean store) {
            for (int i = 0; i < 3; i++) inner.compute(kc, ap, ao, bp, bo, c, co, ldc, store);
        }

        @Override
        public void computeRows(int kc, float[] ap, int ao, float[] b, int[] rowOff, int ro, int col, float[] c, int co,
                                int ldc, boolean store) {
            inner.computeRows(kc, ap, ao, b, rowOff, ro, col, c, co, ldc, store);
        }

        @Override
        public void packA(boolean transA, float[] a, int aOff, int lda, int ic, int rows, int pc, int kc, float alpha,
                          float[] ap, int apOff) {
            inner.packA(transA, a, aOff, lda, ic, rows, pc, kc, alpha, ap, apOff);
        }

        @Override
        public void packB(boolean transB, float[] b, int bOff, int ldb, int pc, int kc, int jc, int cols, float[] bp) {
            inner.packB(transB, b, bOff, ldb, pc, kc, jc, cols, bp);
        }
    }
}
