package dev.kiln.ops.reduce;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.kiln.runtime.graph.Attribute;
import dev.kiln.runtime.graph.Attributes;
import dev.kiln.runtime.graph.Node;
import dev.kiln.runtime.op.Op;
import dev.kiln.runtime.tensor.DType;
import dev.kiln.runtime.tensor.Shape;
import dev.kiln.runtime.tensor.Tensor;
import dev.kiln.runtime.tensor.Value;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class ReduceTest {
    private static Tensor run(Function<Node, Op> f, Tensor[] in, Attribute... attrs) {
        Node n = new Node("r", "", "R", List.of("x", "axes"), List.of("y"), new Attributes(List.of(attrs)));
        return (Tensor) f.apply(n).forward((Value[]) in, null)[0];
    }

    // x: (2, 3, 4) holding 0..23
    private static Tensor iota() {
        float[] v = new float[24];
        for (int i = 0; i < 24; i++) v[i] = i;
        return Tensor.of(v, 2, 3, 4);
    }

    @Test
    void sumOverTheMiddleAxis() {
        Tensor y = run(ReduceSum::new, new Tensor[] {iota(), Tensor.vector(1)});
        assertEquals(Shape.of(2, 1, 4), y.shape());
        assertArrayEquals(new float[] {12, 15, 18, 21, 48, 51, 54, 57}, y.floats());
    }

    @Test
    void maxOverOuterAndInnerAxesWithoutKeepdims() {
        // max over i and k of 12i + 4j + k = 15 + 4j
        Tensor y = run(ReduceMax::new, new Tensor[] {iota(), Tensor.vector(0, -1)}, Attribute.of("keepdims", 0L));
        assertEquals(Shape.of(3), y.shape());
        assertArrayEquals(new float[] {15, 19, 23}, y.floats());
    }

    @Test
    void axesAsAnAttributeInOlderOpsets() {
        Tensor y = run(ReduceMean::new, new Tensor[] {iota()}, Attribute.ofInts("axes", 0, 2));
        assertEquals(Shape.of(1, 3, 1), y.shape());
        assertArrayEquals(new float[] {7.5f, 11.5f, 15.5f}, y.floats());
    }

    @Test
    void emptySetsGiveTheIdentity() {
        Tensor empty = Tensor.zeros(DType.FLOAT32, Shape.of(2, 0));
        Tensor axes = Tensor.vector(1);
        assertArrayEquals(new float[] {Float.NEGATIVE_INFINITY, Float.NEGATIVE_INFINITY},
                run(ReduceMax::new, new Tensor[] {empty, axes}).floats());
        assertArrayEquals(new float[] {Float.POSITIVE_INFINITY, Float.POSITIVE_INFINITY},
                run(ReduceMin::new, new Tensor[] {empty, axes}).floats());
        assertArrayEquals(new float[] {1, 1}, run(ReduceProd::new, new Tensor[] {empty, axes}).floats());
        assertArrayEquals(new float[] {0, 0}, run(ReduceSum::new, new Tensor[] {empty, axes}).floats());
        Tensor emptyInt = Tensor.zeros(DType.INT32, Shape.of(1, 0));
        assertArrayEquals(new int[] {Integer.MIN_VALUE}, run(ReduceMax::new, new Tensor[] {emptyInt, axes}).ints());
    }

    @Test
    void float32AccumulatesInDouble() {
        // float32 running sums would stay at 2^24; the exact sum is 2^24 + 4
        Tensor x = Tensor.of(new float[] {16777216f, 1, 1, 1, 1}, 5);
        assertEquals(16777220f, run(ReduceSum::new, new Tensor[] {x}).floats()[0]);
    }

    @Test
    void noopWithEmptyAxesStillAppliesTheElementwiseStep() {
        Tensor x = Tensor.of(new float[] {-2, 3}, 2);
        Tensor y = run(ReduceSumSquare::new, new Tensor[] {x, Tensor.of(new long[0], 0)},
                Attribute.of("noop_with_empty_axes", 1L));
        assertArrayEquals(new float[] {4, 9}, y.floats());
    }

    @Test
    void logSumExpIsStableForLargeValues() {
        Tensor x = Tensor.of(new float[] {1000, 1000}, 2);
        assertEquals(1000 + (float) Math.log(2), run(ReduceLogSumExp::new, new Tensor[] {x}).floats()[0], 1e-3);
    }

    @Test
    void int64StaysExact() {
        Tensor x = Tensor.of(new long[] {(1L << 62) + 1, (1L << 62) + 2}, 2);
        assertEquals((1L << 63) + 3, run(ReduceSum::new, new Tensor[] {x}).longs()[0]);
    }

    @Test
    void duplicateAxesAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> run(ReduceSum::new, new Tensor[] {iota(), Tensor.vector(1, -2)}));
    }

    @Test
    void argMaxPicksFirstOrLastTie() {
        Tensor x = Tensor.of(new float[] {1, 3, 3, 2}, 2, 2);
        Tensor first = run(ArgMax::new, new Tensor[] {x}, Attribute.of("axis", 1L));
        assertArrayEquals(new long[] {1, 0}, first.longs());
        Tensor last = run(ArgMax::new, new Tensor[] {Tensor.of(new float[] {3, 1, 3}, 3)},
                Attribute.of("select_last_index", 1L), Attribute.of("keepdims", 0L));
        assertEquals(Shape.SCALAR, last.shape());
        assertEquals(2, last.longs()[0]);
    }

    @Test
    void topKKeepsLowerIndexFirstAmongTies() {
        Node n = new Node("t", "", "TopK", List.of("x", "k"), List.of("v", "i"), Attributes.EMPTY);
        Value[] out = new TopK(n).forward(new Value[] {Tensor.of(new float[] {2, 5, 5, 1, 2}, 5), Tensor.vector(3)}, null);
        assertArrayEquals(new float[] {5, 5, 2}, ((Tensor) out[0]).floats());
        assertArrayEquals(new long[] {1, 2, 0}, ((Tensor) out[1]).longs());
        Node small = new Node("t", "", "TopK", List.of("x", "k"), List.of("v", "i"),
                new Attributes(List.of(Attribute.of("largest", 0L))));
        Value[] s = new TopK(small).forward(new Value[] {Tensor.of(new float[] {2, 5, 5, 1, 2}, 5), Tensor.vector(2)}, null);
        assertArrayEquals(new long[] {3, 0}, ((Tensor) s[1]).longs());
    }

    @Test
    void cumSumExclusiveReverse() {
        Tensor x = Tensor.of(new int[] {1, 2, 3, 4}, 4);
        Tensor y = run(CumSum::new, new Tensor[] {x, Tensor.of(new int[] {0})},
                Attribute.of("exclusive", 1L), Attribute.of("reverse", 1L));
        assertArrayEquals(new int[] {9, 7, 4, 0}, y.ints());
        Tensor p = run(CumProd::new, new Tensor[] {x, Tensor.of(new int[] {0})});
        assertArrayEquals(new int[] {1, 2, 6, 24}, p.ints());
    }
}
