package dev.kiln.ops.attention;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.kiln.runtime.exec.ExecutionContext;
import dev.kiln.runtime.graph.Attribute;
import dev.kiln.runtime.graph.Attributes;
import dev.kiln.runtime.graph.Node;
import dev.kiln.runtime.tensor.Shape;
import dev.kiln.runtime.tensor.Tensor;
import dev.kiln.runtime.tensor.Value;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AttentionTest {
    // softmax([0, 1]) · [10, 20] = 10 + 10 e / (1 + e)
    private static final double BOTH_KEYS = 10 + 10 * Math.E / (1 + Math.E);

    private static Node node(int inputs, int outputs, Attribute... attrs) {
        List<String> in = new ArrayList<>();
        for (int i = 0; i < inputs; i++) in.add("in" + i);
        List<String> out = new ArrayList<>();
        for (int i = 0; i < outputs; i++) out.add("out" + i);
        return new Node("n", "", "Attention", in, out, new Attributes(List.of(attrs)));
    }

    private static Tensor[] run(Node node, Tensor... inputs) {
        Value[] v = new Attention(node).forward(inputs, ExecutionContext.standalone(1));
        Tensor[] t = new Tensor[v.length];
        for (int i = 0; i < v.length; i++) t[i] = (Tensor) v[i];
        return t;
    }

    private static float[] floats(Tensor t) { return t.floats(); }

    // Q: (1, 1, 2, 1) = [1, 1]; K: (1, 1, 2, 1) = [0, 1]; V = [10, 20]; scale 1
    private static final Tensor Q = Tensor.of(new float[] {1, 1}, 1, 1, 2, 1);
    private static final Tensor K = Tensor.of(new float[] {0, 1}, 1, 1, 2, 1);
    private static final Tensor V = Tensor.of(new float[] {10, 20}, 1, 1, 2, 1);

    @Test
    void causalMaskHidesLaterKeys() {
        Tensor y = run(node(3, 1, Attribute.of("is_causal", 1L), Attribute.of("scale", 1f)), Q, K, V)[0];
        assertEquals(Shape.of(1, 1, 2, 1), y.shape());
        // query 0 sees only key 0; query 1 sees both
        assertArrayEquals(new float[] {10f, (float) BOTH_KEYS}, floats(y), 1e-5f);
    }

    @Test
    void withoutCausalEveryQuerySeesEveryKey() {
        Tensor y = run(node(3, 1, Attribute.of("scale", 1f)), Q, K, V)[0];
        assertArrayEquals(new float[] {(float) BOTH_KEYS, (float) BOTH_KEYS}, floats(y), 1e-5f);
    }

    @Test
    void causalWithPastIsOffsetByThePastLength() {
        // past holds key 0; the one new query (in-block index 0) may see key j <= 0 + 1, i.e. both keys
        Tensor q = Tensor.of(new float[] {1}, 1, 1, 1, 1);
        Tensor k = Tensor.of(new float[] {1}, 1, 1, 1, 1), v = Tensor.of(new float[] {20}, 1, 1, 1, 1);
        Tensor pk = Tensor.of(new float[] {0}, 1, 1, 1, 1), pv = Tensor.of(new float[] {10}, 1, 1, 1, 1);
        Tensor[] out = run(node(6, 3, Attribute.of("is_causal", 1L), Attribute.of("scale", 1f)), q, k, v, null, pk, pv);
        assertArrayEquals(new float[] {(float) BOTH_KEYS}, floats(out[0]), 1e-5f);
        assertArrayEquals(new float[] {0, 1}, floats(out[1]));
        assertArrayEquals(new float[] {10, 20}, floats(out[2]));
    }

    @Test
    void nonpadLengthMasksPaddingAndShiftsTheCausalFrontier() {
        // K has 3 slots, 2 valid; one query at offset 2 - 1 = 1 sees keys 0 and 1, not the padding
        Tensor q = Tensor.of(new float[] {1}, 1, 1, 1, 1);
        Tensor k = Tensor.of(new float[] {0, 1, 5}, 1, 1, 3, 1), v = Tensor.of(new float[] {10, 20, 1000}, 1, 1, 3, 1);
        Tensor nonpad = Tensor.of(new long[] {2}, 1);
        Tensor y = run(node(7, 1, Attribute.of("is_causal", 1L), Attribute.of("scale", 1f)),
                q, k, v, null, null, null, nonpad)[0];
        assertArrayEquals(new float[] {(float) BOTH_KEYS}, floats(y), 1e-5f);
    }

    @Test
    void groupedQueryHeadsShareKvHeadsInContiguousGroups() {
        // Hq = 4, Hkv = 2: query heads 0,1 read kv head 0 (V = 5), heads 2,3 read kv head 1 (V = 7)
        Tensor q = Tensor.of(new float[] {1, 2, 3, 4}, 1, 4, 1, 1);
        Tensor k = Tensor.of(new float[] {1, 1}, 1, 2, 1, 1);
        Tensor v = Tensor.of(new float[] {5, 7}, 1, 2, 1, 1);
        Tensor y = run(node(3, 1), q, k, v)[0];
        assertEquals(Shape.of(1, 4, 1, 1), y.shape());
        assertArrayEquals(new float[] {5, 5, 7, 7}, floats(y), 1e-6f);
    }

    @Test
    void packedInputsUnpackHeadsFromTheHiddenAxis() {
        // Q, K, V: (1, 1, 2) with 2 heads of size 1; each head attends its own single key
        Tensor q = Tensor.of(new float[] {1, 1}, 1, 1, 2);
        Tensor k = Tensor.of(new float[] {1, 1}, 1, 1, 2);
        Tensor v = Tensor.of(new float[] {3, 4}, 1, 1, 2);
        Tensor y = run(node(3, 1, Attribute.of("q_num_heads", 2L), Attribute.of("kv_num_heads", 2L)), q, k, v)[0];
        assertEquals(Shape.of(1, 1, 2), y.shape());
        assertArrayEquals(new float[] {3, 4}, floats(y), 1e-6f);
    }

    @Test
    void fullyMaskedRowGivesZerosNotNaN() {
        Tensor mask = Tensor.of(new boolean[] {false, false, true, true}, 2, 2);
        Tensor[] out = run(node(4, 4, Attribute.of("qk_matmul_output_mode", 3L), Attribute.of("scale", 1f)),
                Q, K, V, mask);
        assertArrayEquals(new float[] {0, (float) BOTH_KEYS}, floats(out[0]), 1e-5f);
        float p0 = (float) (1 / (1 + Math.E));
        assertArrayEquals(new float[] {0, 0, p0, 1 - p0}, floats(out[3]), 1e-6f);
    }

    @Test
    void softcapIsAppliedBeforeTheMask() {
        // scores [0, 1] capped by 0.5: 0.5 tanh(2) for key 1; mode 1 reports the capped scores
        Tensor[] out = run(node(3, 4, Attribute.of("softcap", 0.5f), Attribute.of("scale", 1f),
                Attribute.of("qk_matmul_output_mode", 1L)), Q, K, V);
        float capped = (float) (0.5 * Math.tanh(2));
        assertArrayEquals(new float[] {0, capped, 0, capped}, floats(out[3]), 1e-6f);
    }

    @Test
    void mismatchedHeadCountsAreRejected() {
        Tensor q = Tensor.of(new float[] {1, 1, 1}, 1, 3, 1, 1);
        Tensor k = Tensor.of(new float[] {1, 1}, 1, 2, 1, 1);
        assertThrows(IllegalArgumentException.class, () -> run(node(3, 1), q, k, k));
    }
}
