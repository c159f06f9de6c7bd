package dev.kiln.ops.sequence;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.kiln.runtime.exec.ExecutionContext;
import dev.kiln.runtime.graph.Attribute;
import dev.kiln.runtime.graph.Attributes;
import dev.kiln.runtime.graph.Node;
import dev.kiln.runtime.tensor.DType;
import dev.kiln.runtime.tensor.SequenceValue;
import dev.kiln.runtime.tensor.Shape;
import dev.kiln.runtime.tensor.Tensor;
import dev.kiln.runtime.tensor.Value;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Sequence ops called directly. */
class SequenceOpsTest {
    private static final ExecutionContext CTX = ExecutionContext.standalone(0);

    private static Node node(String op, Attribute... attrs) {
        return new Node("n", "", op, List.of("a", "b"), List.of("y"), new Attributes(List.of(attrs)));
    }

    @Test
    void splitThenConcatAndStack() {
        // x: (2, 3) = [[0, 1, 2], [3, 4, 5]] split on axis 1 with split = 2 -> (2, 2), (2, 1)
        Tensor x = Tensor.of(new long[] {0, 1, 2, 3, 4, 5}, 2, 3);
        SequenceValue parts = (SequenceValue) new SplitToSequence(node("SplitToSequence", Attribute.of("axis", 1L)))
                .forward(new Value[] {x, Tensor.scalar(2L)}, CTX)[0];
        assertEquals(2, parts.size());
        assertArrayEquals(new long[] {0, 1, 3, 4}, parts.tensor(0).longs());
        assertArrayEquals(new long[] {2, 5}, parts.tensor(1).longs());
        Tensor back = (Tensor) new ConcatFromSequence(node("ConcatFromSequence", Attribute.of("axis", 1L)))
                .forward(new Value[] {parts}, CTX)[0];
        assertArrayEquals(x.longs(), back.longs());

        SequenceValue rows = new SequenceValue(List.of(Tensor.vector(1, 2), Tensor.vector(3, 4)), DType.INT64);
        Tensor stacked = (Tensor) new ConcatFromSequence(node("ConcatFromSequence", Attribute.of("axis", -1L),
                Attribute.of("new_axis", 1L))).forward(new Value[] {rows}, CTX)[0];
        assertEquals(Shape.of(2, 2), stacked.shape());
        assertArrayEquals(new long[] {1, 3, 2, 4}, stacked.longs());
    }

    @Test
    void insertEraseAndAtUseNegativePositions() {
        SequenceValue s = new SequenceValue(List.of(Tensor.scalar(1L), Tensor.scalar(2L)), DType.INT64);
        SequenceValue ins = (SequenceValue) new SequenceInsert(node("SequenceInsert"))
                .forward(new Value[] {s, Tensor.scalar(9L), Tensor.scalar(-1L)}, CTX)[0];
        assertEquals(9L, ins.tensor(1).scalarLong());
        SequenceValue erased = (SequenceValue) new SequenceErase(node("SequenceErase"))
                .forward(new Value[] {ins, Tensor.scalar(0L)}, CTX)[0];
        assertEquals(2, erased.size());
        Tensor last = (Tensor) new SequenceAt(node("SequenceAt")).forward(new Value[] {erased, Tensor.scalar(-1L)}, CTX)[0];
        assertEquals(2L, last.scalarLong());
        assertThrows(IllegalArgumentException.class,
                () -> new SequenceAt(node("SequenceAt")).forward(new Value[] {erased, Tensor.scalar(2L)}, CTX));
    }
}
