package dev.kiln.ops.linalg;

import static dev.kiln.ops.linalg.GradChecks.all;
import static dev.kiln.ops.linalg.GradChecks.check;
import static dev.kiln.ops.linalg.GradChecks.rand;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.kiln.runtime.graph.Attribute;
import dev.kiln.runtime.op.Op;
import dev.kiln.runtime.tensor.Tensor;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class LinalgGradientTest {
    private final SplittableRandom rnd = new SplittableRandom(5);

    @Test
    void matMulHandComputed() {
        // Y (1, 1) = A (1, 2) · B (2, 1) = a0 b0 + a1 b1  =>  dA = dY * Bᵀ, dB = Aᵀ * dY
        Op op = new MatMul(Nodes.node("MatMul", 2, 1));
        Tensor a = Tensor.of(new float[] {2, 3}, 1, 2), b = Tensor.of(new float[] {5, 7}, 2, 1);
        Tensor[] g = op.backward(new Tensor[] {a, b}, null, new Tensor[] {Tensor.of(new float[] {10}, 1, 1)});
        assertArrayEquals(new float[] {50, 70}, g[0].floats());
        assertArrayEquals(new float[] {20, 30}, g[1].floats());
    }

    @Test
    void matMulFiniteDifferences() {
        long[][][] cases = {
            {{3, 4}, {4, 5}},
            {{2, 3, 4}, {4, 5}},         // B shared by every batch
            {{3, 1, 2, 5}, {2, 5, 3}},   // both batches broadcast
            {{1, 3, 4}, {2, 4, 2}},      // A broadcast over B's batch
            {{4}, {2, 4, 3}},            // 1-D A
            {{2, 3, 4}, {4}},            // 1-D B
            {{5}, {5}},                  // dot product
        };
        Op op = new MatMul(Nodes.node("MatMul", 2, 1));
        for (long[][] c : cases) {
            Tensor a = rand(rnd, c[0]), b = rand(rnd, c[1]);
            check("MatMul " + a.shape() + " x " + b.shape(), op, new Tensor[] {a, b}, all(2));
        }
    }

    @Test
    void matMulIntegerInputsHaveNoGradient() {
        Op op = new MatMul(Nodes.node("MatMul", 2, 1));
        Tensor a = Tensor.of(new long[] {1, 2}, 1, 2), b = Tensor.of(new long[] {3, 4}, 2, 1);
        Tensor[] g = op.backward(new Tensor[] {a, b}, null, new Tensor[] {Tensor.of(new long[] {1}, 1, 1)});
        assertNull(g[0]);
        assertNull(g[1]);
    }

    @Test
    void gemmHandComputed() {
        // Y (1, 2) = 2 * A (1, 1) · B (1, 2) + 3 * C (2)  =>  dA = 2 * dY · Bᵀ, dB = 2 * Aᵀ · dY, dC = 3 * dY
        Op op = Nodes.create(Gemm::new, Nodes.node("Gemm", 3, 1, Attribute.of("alpha", 2f), Attribute.of("beta", 3f)), 13, 11);
        Tensor a = Tensor.of(new float[] {4}, 1, 1), b = Tensor.of(new float[] {5, 6}, 1, 2);
        Tensor c = Tensor.of(new float[] {0, 0}, 2);
        Tensor[] g = op.backward(new Tensor[] {a, b, c}, null, new Tensor[] {Tensor.of(new float[] {1, 10}, 1, 2)});
        assertArrayEquals(new float[] {2 * (5 + 60)}, g[0].floats());
        assertArrayEquals(new float[] {8, 80}, g[1].floats());
        assertArrayEquals(new float[] {3, 30}, g[2].floats());
    }

    @Test
    void gemmFiniteDifferences() {
        int m = 3, k = 5, n = 4;
        long[][] cShapes = {{m, n}, {n}, {1, n}, {m, 1}, {}, null};
        for (int ta = 0; ta < 2; ta++) {
            for (int tb = 0; tb < 2; tb++) {
                for (long[] cs : cShapes) {
                    Op op = Nodes.create(Gemm::new, Nodes.node("Gemm", cs == null ? 2 : 3, 1,
                            Attribute.of("alpha", 0.7f), Attribute.of("beta", -1.3f),
                            Attribute.of("transA", (long) ta), Attribute.of("transB", (long) tb)), 13, 11);
                    Tensor a = rand(rnd, ta == 1 ? new long[] {k, m} : new long[] {m, k});
                    Tensor b = rand(rnd, tb == 1 ? new long[] {n, k} : new long[] {k, n});
                    Tensor[] in = cs == null ? new Tensor[] {a, b} : new Tensor[] {a, b, rand(rnd, cs)};
                    check("Gemm transA=" + ta + " transB=" + tb + " C " + (cs == null ? "none" : in[2].shape()),
                            op, in, all(in.length));
                }
            }
        }
    }

    @Test
    void gemmWithZeroBetaGivesCAZeroGradient() {
        Op op = Nodes.create(Gemm::new, Nodes.node("Gemm", 3, 1, Attribute.of("beta", 0f)), 13, 11);
        Tensor a = rand(rnd, 2, 3), b = rand(rnd, 3, 2), c = rand(rnd, 2, 2);
        check("Gemm beta=0", op, new Tensor[] {a, b, c}, all(3));
        Tensor[] g = op.backward(new Tensor[] {a, b, c}, null, new Tensor[] {rand(rnd, 2, 2)});
        assertArrayEquals(new float[4], g[2].floats());
    }
}
