package dev.kiln.ops.norm;

import static dev.kiln.ops.linalg.GradChecks.all;
import static dev.kiln.ops.linalg.GradChecks.check;
import static dev.kiln.ops.linalg.GradChecks.check32;
import static dev.kiln.ops.linalg.GradChecks.check64;
import static dev.kiln.ops.linalg.GradChecks.rand;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import dev.kiln.ops.linalg.Nodes;
import dev.kiln.runtime.graph.Attribute;
import dev.kiln.runtime.graph.Node;
import dev.kiln.runtime.op.Op;
import dev.kiln.runtime.op.OpFactory;
import dev.kiln.runtime.tensor.Tensor;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class NormGradientTest {
    private final SplittableRandom rnd = new SplittableRandom(31);

    @Test
    void softmaxFamilyHandComputed() {
        // x = [0, ln 3] → softmax y = [0.25, 0.75], dY = [1, 0]
        Tensor x = Tensor.of(new float[] {0, (float) Math.log(3)}, 1, 2);
        Tensor dy = Tensor.of(new float[] {1, 0}, 1, 2);
        Op sm = op(Softmax::new, Nodes.node("Softmax", 1, 1), 13, 13);
        Tensor y = Nodes.run(sm, x)[0];
        // dX = y * (dY - sum dY * y) = [0.25 * 0.75, 0.75 * -0.25]
        assertArrayEquals(new float[] {0.1875f, -0.1875f},
                sm.backward(new Tensor[] {x}, new Tensor[] {y}, new Tensor[] {dy})[0].floats(), 1e-6f);
        Op lsm = op(LogSoftmax::new, Nodes.node("LogSoftmax", 1, 1), 13, 13);
        Tensor ly = Nodes.run(lsm, x)[0];
        // dX = dY - exp(y) * sum dY = [1 - 0.25, -0.75]
        assertArrayEquals(new float[] {0.75f, -0.75f},
                lsm.backward(new Tensor[] {x}, new Tensor[] {ly}, new Tensor[] {dy})[0].floats(), 1e-6f);
        Op hm = op(Hardmax::new, Nodes.node("Hardmax", 1, 1), 13, 13);
        assertArrayEquals(new float[2], hm.backward(new Tensor[] {x}, null, new Tensor[] {dy})[0].floats());
    }

    @Test
    void softmaxFamilyFiniteDifferences() {
        OpFactory[] factories = {Softmax::new, LogSoftmax::new};
        String[] names = {"Softmax", "LogSoftmax"};
        for (int f = 0; f < 2; f++) {
            for (long axis : new long[] {1, -1, 0}) {
                Op op13 = op(factories[f], Nodes.node(names[f], 1, 1, Attribute.of("axis", axis)), 13, 13);
                check(names[f] + " opset 13 axis " + axis, op13, new Tensor[] {rand(rnd, 2, 3, 4)}, all(1));
                // opset 11: X coerced to 2-D at axis, softmax over the trailing block
                Op op11 = op(factories[f], Nodes.node(names[f], 1, 1, Attribute.of("axis", axis)), 11, 1);
                check(names[f] + " opset 11 axis " + axis, op11, new Tensor[] {rand(rnd, 3, 2, 3)}, all(1));
            }
        }
    }

    @Test
    void layerNormalizationFiniteDifferences() {
        // scale per row element (3, 4), bias broadcast (4): the per-row parameter path
        Tensor x = rand(rnd, 2, 3, 4);
        Tensor[] in = {x, rand(rnd, 3, 4), rand(rnd, 4)};
        layerNorm("LayerNormalization axis 1", in, 1);
        // scale (2, 1, 4) varies with the row: the full-shape parameter path; no bias
        layerNorm("LayerNormalization axis -1", new Tensor[] {rand(rnd, 2, 3, 4), rand(rnd, 2, 1, 4)}, -1);
    }

    /** float64 with a float64 stash (Mean and InvStdDev are outputs too), float32 with the default. */
    private void layerNorm(String what, Tensor[] in, long axis) {
        Node n64 = Nodes.node("LayerNormalization", in.length, 3, Attribute.of("axis", axis),
                Attribute.of("epsilon", 1e-3f), Attribute.of("stash_type", 11L));
        check64(what, new LayerNormalization(n64), in, all(in.length));
        Node n32 = Nodes.node("LayerNormalization", in.length, 3, Attribute.of("axis", axis), Attribute.of("epsilon", 1e-3f));
        check32(what, new LayerNormalization(n32), in, all(in.length));
    }

    @Test
    void rmsNormalizationFiniteDifferences() {
        check("RMSNormalization axis -1", new RMSNormalization(Nodes.node("RMSNormalization", 2, 1)),
                new Tensor[] {rand(rnd, 3, 5), rand(rnd, 5)}, all(2));
        check("RMSNormalization axis 1", new RMSNormalization(Nodes.node("RMSNormalization", 2, 1, Attribute.of("axis", 1L))),
                new Tensor[] {rand(rnd, 2, 3, 2), rand(rnd, 3, 1)}, all(2));
    }

    @Test
    void batchNormalizationInferenceHandComputed() {
        // Y = (X - mean) * scale / sqrt(var + eps) + B with mean 1, var 4, scale 3, eps 0: dX = dY * 3 / 2
        Op op = op(BatchNormalization::new, Nodes.node("BatchNormalization", 5, 1, Attribute.of("epsilon", 0f)), 15, 14);
        Tensor x = Tensor.of(new float[] {1, 5}, 2, 1);
        Tensor[] in = {x, Tensor.of(new float[] {3}, 1), Tensor.of(new float[] {0}, 1), Tensor.of(new float[] {1}, 1),
            Tensor.of(new float[] {4}, 1)};
        Tensor[] g = op.backward(in, null, new Tensor[] {Tensor.of(new float[] {1, 2}, 2, 1)});
        assertArrayEquals(new float[] {1.5f, 3}, g[0].floats(), 1e-6f);
        assertArrayEquals(new float[] {4}, g[1].floats(), 1e-6f);        // dScale = sum dY * (X - 1) / 2 = 2 * 2
        assertArrayEquals(new float[] {3}, g[2].floats(), 1e-6f);        // dB = sum dY
        assertArrayEquals(new float[] {-4.5f}, g[3].floats(), 1e-6f);    // dMean = -1.5 * sum dY
        assertArrayEquals(new float[] {-1.5f}, g[4].floats(), 1e-6f);    // dVar = -sum dY (X - 1) * 1.5 / 8
    }

    @Test
    void batchNormalizationFiniteDifferences() {
        Attribute eps = Attribute.of("epsilon", 1e-3f), mom = Attribute.of("momentum", 0.8f);
        // training mode (opset 15): Y, running_mean, running_var from the batch statistics
        Op train15 = op(BatchNormalization::new, Nodes.node("BatchNormalization", 5, 3, Attribute.of("training_mode", 1L),
                eps, mom), 15, 14);
        check("BatchNormalization training", train15, batchInputs(2, 3, 2, 4, 3), all(5));
        check("BatchNormalization training (N, C)", train15, batchInputs(3, 5, 3), all(5));
        // opset 9 training: five outputs, with the saved batch mean and variance
        Op train9 = op(BatchNormalization::new, Nodes.node("BatchNormalization", 5, 5, eps, mom), 9, 9);
        check("BatchNormalization opset 9 training", train9, batchInputs(3, 2, 3, 5), all(5));
        // opset 7 spatial=0: every (channel, position) feature on its own
        Op perFeature = op(BatchNormalization::new, Nodes.node("BatchNormalization", 5, 3, eps, mom,
                Attribute.of("spatial", 0L)), 7, 7);
        check("BatchNormalization spatial=0", perFeature, batchInputs(6, 4, 2, 3), all(5));
        // inference: the given statistics
        Op inference = op(BatchNormalization::new, Nodes.node("BatchNormalization", 5, 1, eps), 15, 14);
        check("BatchNormalization inference", inference, batchInputs(3, 2, 3, 2, 2), all(5));
    }

    /** X (dims), then scale, B, input_mean, input_var with {@code c} values (positive variances). */
    private Tensor[] batchInputs(long c, long... dims) {
        float[] var = new float[(int) c];
        for (int i = 0; i < c; i++) var[i] = (float) (0.5 + rnd.nextDouble());
        return new Tensor[] {rand(rnd, dims), rand(rnd, c), rand(rnd, c), rand(rnd, c), Tensor.of(var, c)};
    }

    @Test
    void instanceNormalizationFiniteDifferences() {
        Op op = new InstanceNormalization(Nodes.node("InstanceNormalization", 3, 1, Attribute.of("epsilon", 1e-3f)));
        check("InstanceNormalization 1-D", op, new Tensor[] {rand(rnd, 2, 3, 5), rand(rnd, 3), rand(rnd, 3)}, all(3));
        check("InstanceNormalization 2-D", op, new Tensor[] {rand(rnd, 2, 2, 3, 3), rand(rnd, 2), rand(rnd, 2)}, all(3));
    }

    @Test
    void groupNormalizationFiniteDifferences() {
        Node node = Nodes.node("GroupNormalization", 3, 1, Attribute.of("num_groups", 2L), Attribute.of("epsilon", 1e-3f));
        check("GroupNormalization opset 21", op(GroupNormalization::new, node, 21, 21),
                new Tensor[] {rand(rnd, 2, 4, 3, 2), rand(rnd, 4), rand(rnd, 4)}, all(3));
        check("GroupNormalization opset 18", op(GroupNormalization::new, node, 18, 18),
                new Tensor[] {rand(rnd, 2, 6, 3), rand(rnd, 2), rand(rnd, 2)}, all(3));
    }

    private static Op op(OpFactory f, Node node, int opset, int since) { return Nodes.create(f, node, opset, since); }
}
