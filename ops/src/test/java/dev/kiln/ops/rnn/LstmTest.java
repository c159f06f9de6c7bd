package dev.kiln.ops.rnn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.kiln.runtime.exec.ExecutionContext;
import dev.kiln.runtime.graph.Attribute;
import dev.kiln.runtime.graph.Attributes;
import dev.kiln.runtime.graph.Node;
import dev.kiln.runtime.tensor.Shape;
import dev.kiln.runtime.tensor.Tensor;
import dev.kiln.runtime.tensor.Value;
import java.util.List;
import org.junit.jupiter.api.Test;

/** LSTM and GRU steps against numbers worked out by hand. */
class LstmTest {
    private static Value[] run(dev.kiln.runtime.op.Op op, Tensor... in) {
        return op.forward(in, ExecutionContext.standalone(1));
    }

    private static Node node(String op, int inputs, Attribute... attrs) {
        List<String> in = new java.util.ArrayList<>();
        for (int i = 0; i < inputs; i++) in.add("i" + i);
        return new Node("n", "", op, in, List.of("Y", "Y_h", "Y_c"), new Attributes(List.of(attrs)));
    }

    // I = H = 1. W = [Wi, Wo, Wf, Wc] = [0.5, 0.4, 0.3, 0.2], R = [0.1, 0.2, 0.3, 0.4], no bias,
    // h0 = 0.5, c0 = 0.25. Step 1 (x = 1):
    //   i = s(0.5 + 0.05) = 0.634136, f = s(0.3 + 0.15) = 0.610639, c~ = tanh(0.2 + 0.2) = 0.379949
    //   C = 0.610639 * 0.25 + 0.634136 * 0.379949 = 0.393599
    //   o = s(0.4 + 0.1) = 0.622459, H = o * tanh(C) = 0.233085
    // Step 2 (x = 2) from (H, C): C = 0.596375, H = 0.374049
    @Test
    void twoForwardStepsMatchHandComputation() {
        LSTM lstm = new LSTM(node("LSTM", 7, Attribute.of("hidden_size", 1L)));
        Tensor x = Tensor.of(new float[] {1, 2}, 2, 1, 1);
        Tensor w = Tensor.of(new float[] {0.5f, 0.4f, 0.3f, 0.2f}, 1, 4, 1);
        Tensor r = Tensor.of(new float[] {0.1f, 0.2f, 0.3f, 0.4f}, 1, 4, 1);
        Tensor h0 = Tensor.of(new float[] {0.5f}, 1, 1, 1);
        Tensor c0 = Tensor.of(new float[] {0.25f}, 1, 1, 1);
        Value[] out = run(lstm, x, w, r, null, null, h0, c0);
        Tensor y = (Tensor) out[0];
        assertEquals(Shape.of(2, 1, 1, 1), y.shape());
        assertArrayEquals(new float[] {0.233085f, 0.374049f}, y.floats(), 1e-5f);
        assertArrayEquals(new float[] {0.374049f}, ((Tensor) out[1]).floats(), 1e-5f);
        assertArrayEquals(new float[] {0.596375f}, ((Tensor) out[2]).floats(), 1e-5f);
    }

    @Test
    void reverseDirectionStartsFromTheLastStepAndRespectsLayout1() {
        // layout 1: X (N=1, T=2, I=1); reverse runs x = 2 first, so Y[t=1] is one step from (h0, c0)
        LSTM lstm = new LSTM(node("LSTM", 7, Attribute.of("hidden_size", 1L), Attribute.of("direction", "reverse"),
                Attribute.of("layout", 1L)));
        Tensor x = Tensor.of(new float[] {2, 1}, 1, 2, 1);
        Tensor w = Tensor.of(new float[] {0.5f, 0.4f, 0.3f, 0.2f}, 1, 4, 1);
        Tensor r = Tensor.of(new float[] {0.1f, 0.2f, 0.3f, 0.4f}, 1, 4, 1);
        Tensor h0 = Tensor.of(new float[] {0.5f}, 1, 1, 1);
        Tensor c0 = Tensor.of(new float[] {0.25f}, 1, 1, 1);
        Value[] out = run(lstm, x, w, r, null, null, h0, c0);
        Tensor y = (Tensor) out[0];
        assertEquals(Shape.of(1, 2, 1, 1), y.shape());
        assertArrayEquals(new float[] {0.374049f, 0.233085f}, y.floats(), 1e-5f);
    }

    // GRU, I = H = 1, W = [Wz, Wr, Wh] = [0.5, 0.6, 0.7], R = [0.1, 0.2, 0.3], h0 = 0.5, x = 1:
    //   z = s(0.5 + 0.05) = 0.634136, r = s(0.6 + 0.1) = 0.668188
    //   h~ = tanh(0.7 + 0.3 * (r * 0.5)) = tanh(0.800228) = 0.664164
    //   H = (1 - z) * h~ + z * 0.5 = 0.560062
    @Test
    void gruStepMatchesHandComputation() {
        GRU gru = new GRU(node("GRU", 6, Attribute.of("hidden_size", 1L)));
        Tensor x = Tensor.of(new float[] {1}, 1, 1, 1);
        Tensor w = Tensor.of(new float[] {0.5f, 0.6f, 0.7f}, 1, 3, 1);
        Tensor r = Tensor.of(new float[] {0.1f, 0.2f, 0.3f}, 1, 3, 1);
        Tensor h0 = Tensor.of(new float[] {0.5f}, 1, 1, 1);
        Value[] out = run(gru, x, w, r, null, null, h0);
        assertArrayEquals(new float[] {0.560062f}, ((Tensor) out[1]).floats(), 1e-5f);
    }
}
