package dev.kiln.ops.shape;

import static dev.kiln.ops.GradTesting.assertGradient;
import static dev.kiln.ops.GradTesting.assertGradientFloat32;
import static dev.kiln.ops.GradTesting.op;
import static dev.kiln.ops.GradTesting.uniform;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.kiln.runtime.exec.ExecutionContext;
import dev.kiln.runtime.graph.Attribute;
import dev.kiln.runtime.op.Op;
import dev.kiln.runtime.tensor.Tensor;
import dev.kiln.runtime.tensor.Value;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ShapeGradientTest {
    private final SplittableRandom rnd = new SplittableRandom(23);

    private Tensor x(long... dims) {
        return uniform(rnd, -2, 2, dims);
    }

    @Test
    void viewsReshapeFlattenSqueezeUnsqueezeIdentity() {
        assertGradient(op("Identity", 16, 1, 1), x(2, 3));
        assertGradient(op("Reshape", 14, 2, 1), x(2, 3, 4), Tensor.vector(4, 0, -1));
        assertGradient(op("Reshape", 1, 1, 1, Attribute.ofInts("shape", 6, 4)), x(2, 3, 4));
        for (long axis : new long[] {0, 2, -1}) assertGradient(op("Flatten", 13, 1, 1, Attribute.of("axis", axis)), x(2, 3, 5));
        assertGradient(op("Squeeze", 13, 2, 1), x(3, 1, 2, 1), Tensor.vector(-1));
        assertGradient(op("Squeeze", 13, 1, 1), x(1, 3, 1));
        assertGradient(op("Squeeze", 11, 1, 1, Attribute.ofInts("axes", 0)), x(1, 4));
        assertGradient(op("Unsqueeze", 13, 2, 1), x(3, 2), Tensor.vector(0, -1));
        assertGradient(op("Unsqueeze", 11, 1, 1, Attribute.ofInts("axes", 1)), x(3, 2));
        assertGradientFloat32(op("Reshape", 14, 2, 1), x(2, 3), Tensor.vector(-1));
    }

    @Test
    void transposeAndExpand() {
        assertGradient(op("Transpose", 13, 1, 1, Attribute.ofInts("perm", 2, 0, 1)), x(2, 3, 4));
        assertGradient(op("Transpose", 13, 1, 1, Attribute.ofInts("perm", 1, -1, 0)), x(2, 3, 4));
        assertGradient(op("Transpose", 13, 1, 1), x(3, 5));
        assertGradient(op("Expand", 13, 2, 1), x(3, 1), Tensor.vector(2, 3, 4));
        assertGradient(op("Expand", 13, 2, 1), x(1), Tensor.vector(5));
        assertGradient(op("Expand", 13, 2, 1), x(2, 3), Tensor.vector(1, 1));
        assertGradient(op("Expand", 13, 2, 1), x(2, 1, 3), Tensor.vector(4, 1, 5, 1));
        assertGradientFloat32(op("Expand", 13, 2, 1), x(3, 1), Tensor.vector(3, 4));
    }

    @Test
    void concatAndSplit() {
        assertGradient(op("Concat", 13, 3, 1, Attribute.of("axis", -1L)), x(2, 3), x(2, 1), x(2, 4));
        assertGradient(op("Concat", 13, 2, 1, Attribute.of("axis", 0L)), x(1, 3, 2), x(3, 3, 2));
        assertGradient(op("Concat", 3, 2, 1), x(2, 2), x(2, 3));
        // split given as input, as attribute, equal parts, num_outputs with a smaller last part
        assertGradient(op("Split", 13, 2, 2, Attribute.of("axis", 1L)), x(2, 5, 3), Tensor.vector(2, 3));
        assertGradient(op("Split", 11, 1, 3, Attribute.ofInts("split", 1, 1, 2)), x(4, 3));
        assertGradient(op("Split", 13, 1, 3, Attribute.of("axis", -1L)), x(2, 6));
        assertGradient(op("Split", 18, 1, 3, Attribute.of("num_outputs", 3L)), x(7, 2));
        assertGradientFloat32(op("Split", 13, 1, 2), x(4, 3));
    }

    @Test
    void sliceScattersIntoZeros() {
        assertGradient(op("Slice", 13, 5, 1), x(5, 6), Tensor.vector(1, -1), Tensor.vector(4, -7), Tensor.vector(0, 1),
                Tensor.vector(2, -2));
        assertGradient(op("Slice", 13, 4, 1), x(3, 4, 5), Tensor.vector(1), Tensor.vector(100), Tensor.vector(-1));
        assertGradient(op("Slice", 13, 3, 1), x(4, 3), Tensor.vector(0, 1), Tensor.vector(2, 3));
        assertGradient(op("Slice", 9, 1, 1, Attribute.ofInts("starts", 1), Attribute.ofInts("ends", 3),
                Attribute.ofInts("axes", 1)), x(2, 4));
        assertGradientFloat32(op("Slice", 13, 3, 1), x(4, 3), Tensor.vector(1), Tensor.vector(3));
        // elements the slice skips get 0
        Op slice = op("Slice", 13, 5, 1);
        Tensor[] in = {Tensor.of(new double[] {1, 2, 3, 4, 5}, 5), Tensor.vector(-1), Tensor.vector(-10),
            Tensor.vector(0), Tensor.vector(-2)};
        Tensor[] d = slice.backward(in, new Tensor[] {(Tensor) slice.forward(in, null)[0]},
                new Tensor[] {Tensor.of(new double[] {10, 20, 30}, 3)});
        assertArrayEquals(new double[] {30, 0, 20, 0, 10}, d[0].doubles());
        for (int i = 1; i < 5; i++) assertNull(d[i]);
    }

    @Test
    void gatherScatterAddsRepeatedIndices() {
        assertGradient(op("Gather", 13, 2, 1), x(5, 3), Tensor.of(new long[] {0, 4, 4, -1}, 2, 2));
        assertGradient(op("Gather", 13, 2, 1, Attribute.of("axis", 1L)), x(2, 4, 3), Tensor.of(new int[] {3, 1, 3}, 3));
        assertGradient(op("Gather", 13, 2, 1, Attribute.of("axis", -1L)), x(2, 3), Tensor.scalar(2L));
        assertGradient(op("GatherElements", 13, 2, 1, Attribute.of("axis", 1L)), x(3, 4),
                Tensor.of(new long[] {0, 0, 3, -1, 2, 2}, 3, 2));
        assertGradient(op("GatherElements", 13, 2, 1), x(2, 3), Tensor.of(new long[] {1, 0, 1, 1, 1, 0}, 2, 3));
        assertGradientFloat32(op("Gather", 13, 2, 1), x(3, 2), Tensor.of(new long[] {2, 2, 0}, 3));
        Op gather = op("Gather", 13, 2, 1);
        Tensor[] in = {Tensor.of(new double[] {1, 2, 3}, 3), Tensor.of(new long[] {2, 2, -1, 0}, 4)};
        Tensor[] d = gather.backward(in, new Tensor[] {(Tensor) gather.forward(in, null)[0]},
                new Tensor[] {Tensor.of(new double[] {1, 10, 100, 1000}, 4)});
        assertArrayEquals(new double[] {1000, 0, 111}, d[0].doubles());
        assertNull(d[1]);
    }

    @Test
    void tileSumsTheCopies() {
        assertGradient(op("Tile", 13, 2, 1), x(2, 1, 3), Tensor.vector(2, 3, 1));
        assertGradient(op("Tile", 13, 2, 1), x(4), Tensor.vector(3));
        assertGradient(op("Tile", 1, 3, 1), x(2, 3), Tensor.scalar(3L), Tensor.scalar(1L));
        assertGradientFloat32(op("Tile", 13, 2, 1), x(2, 2), Tensor.vector(2, 2));
    }

    @Test
    void padEveryMode() {
        // constant: the constant_value input gets the sum of the padding's gradient
        assertGradient(op("Pad", 18, 3, 1), x(2, 3), Tensor.vector(1, 0, 2, 1), Tensor.of(new double[] {0.5}));
        // negative pads crop
        assertGradient(op("Pad", 18, 2, 1), x(3, 4), Tensor.vector(-1, 2, 1, -2));
        // axes input
        assertGradient(op("Pad", 18, 4, 1), x(2, 3, 2), Tensor.vector(1, 2), Tensor.of(new double[] {-1}), Tensor.vector(-1));
        for (String mode : new String[] {"reflect", "edge", "wrap"}) {
            assertGradient(op("Pad", 19, 2, 1, Attribute.of("mode", mode)), x(3, 4), Tensor.vector(2, 1, 1, 3));
        }
        // opsets 2-10: pads and value attributes
        assertGradient(op("Pad", 2, 1, 1, Attribute.ofInts("pads", 0, 1, 1, 0), Attribute.of("value", 1.5f)), x(2, 2));
        assertGradientFloat32(op("Pad", 18, 3, 1), x(2, 2), Tensor.vector(1, 1, 0, 1), Tensor.of(new double[] {0.25}));
        Op pad = op("Pad", 18, 3, 1);
        Tensor[] in = {Tensor.of(new double[] {1, 2}, 2), Tensor.vector(1, 2), Tensor.of(new double[] {9})};
        Tensor[] d = pad.backward(in, new Tensor[] {(Tensor) pad.forward(in, null)[0]},
                new Tensor[] {Tensor.of(new double[] {1, 10, 100, 1000, 10000}, 5)});
        assertArrayEquals(new double[] {10, 100}, d[0].doubles());
        assertNull(d[1]);
        assertArrayEquals(new double[] {11001}, d[2].doubles());
    }

    @Test
    void dropoutInferenceAndTraining() {
        boolean[] dataOnly = {true, false, false};
        assertGradient(op("Dropout", 13, 1, 2), x(3, 4));
        assertGradient(op("Dropout", 7, 1, 1, Attribute.of("ratio", 0.3f)), x(3, 4));
        assertGradient(op("Dropout", 13, 3, 2), dataOnly, x(3, 4), Tensor.of(new double[] {0.5}), Tensor.of(new boolean[] {false}));
        // training: the same seed drops the same elements on every run
        Op train = op("Dropout", 13, 3, 2, Attribute.of("seed", 4L));
        Tensor[] in = {x(4, 5), Tensor.of(new double[] {0.4}), Tensor.of(new boolean[] {true})};
        assertGradient(train, dataOnly, in);
        Value[] out = train.forward(in, ExecutionContext.standalone(1));
        Tensor y = (Tensor) out[0];
        Tensor mask = (Tensor) out[1];
        Tensor ones = Tensor.of(new double[20], 4, 5);
        java.util.Arrays.fill(ones.doubles(), 1);
        Tensor dX = train.backward(in, new Tensor[] {y, mask}, new Tensor[] {ones, null})[0];
        for (int i = 0; i < 20; i++) {
            assertArrayEquals(new double[] {mask.booleans()[i] ? 1 / 0.6 : 0}, new double[] {dX.doubles()[i]}, 1e-15);
        }
        assertThrows(IllegalArgumentException.class, () -> train.backward(in, new Tensor[] {y}, new Tensor[] {ones}));
    }
}
