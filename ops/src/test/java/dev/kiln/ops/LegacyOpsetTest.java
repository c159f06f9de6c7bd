package dev.kiln.ops;

import static dev.kiln.ops.GradTesting.op;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kiln.runtime.exec.ExecutionContext;
import dev.kiln.runtime.graph.Attribute;
import dev.kiln.runtime.op.Op;
import dev.kiln.runtime.tensor.DType;
import dev.kiln.runtime.tensor.Shape;
import dev.kiln.runtime.tensor.Tensor;
import dev.kiln.runtime.tensor.Value;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The behaviour of operator versions before opset 7 that differ from their successors, each
 * resolved through the registry at the model's opset, next to the newer behaviour. The comments
 * quote {@code Changelog.md}.
 */
class LegacyOpsetTest {

    private static Tensor run(Op op, Tensor... inputs) {
        return (Tensor) runAll(op, inputs)[0];
    }

    private static Value[] runAll(Op op, Tensor... inputs) {
        return op.forward(inputs, ExecutionContext.standalone(17));
    }

    // Add-6 .. Greater-1: "broadcast: Pass 1 to enable broadcasting", "axis: If set, defines the
    // broadcast dimensions"; from opset 7 numpy-style broadcasting and no attributes.
    @ParameterizedTest
    @ValueSource(strings = {"Add", "Sub", "Mul", "Div", "Pow", "Equal", "Less", "Greater", "And", "Or", "Xor"})
    void binaryOpsAlignBAtAxisBeforeOpset7(String type) {
        boolean logical = type.equals("And") || type.equals("Or") || type.equals("Xor");
        // A: (2, 3), B: (2) at axis 0, read as (2, 1)
        Tensor a = logical ? Tensor.of(new boolean[] {true, false, true, false, true, false}, 2, 3)
                : Tensor.of(new float[] {1, 2, 3, 4, 5, 6}, 2, 3);
        Tensor b = logical ? Tensor.of(new boolean[] {true, false}, 2) : Tensor.of(new float[] {2, 4}, 2);
        for (int opset : new int[] {1, 6}) {
            Op legacy = op(type, opset, 2, 1, Attribute.of("broadcast", 1L), Attribute.of("axis", 0L));
            Tensor y = run(legacy, a, b);
            assertEquals(Shape.of(2, 3), y.shape(), type + "-" + opset);
            // row r combines with b[r]
            Tensor rowWise = run(op(type, opset, 2, 1, Attribute.of("broadcast", 0L)), a,
                    logical ? Tensor.of(new boolean[] {true, true, true, false, false, false}, 2, 3)
                            : Tensor.of(new float[] {2, 2, 2, 4, 4, 4}, 2, 3));
            assertEquals(rowWise.toString(), y.toString(), type + "-" + opset);
            // without broadcast=1 the shapes must be equal
            assertThrows(IllegalArgumentException.class, () -> run(op(type, opset, 2, 1), a, b), type);
        }
        // numpy broadcasting aligns (2) with the last axis (3): an error from opset 7
        assertThrows(IllegalArgumentException.class, () -> run(op(type, 7, 2, 1), a, b), type);
    }

    // Sum-6, Mean-6, Max-6, Min-6: "All inputs and outputs must have the same shape"; -8 broadcast.
    @ParameterizedTest
    @ValueSource(strings = {"Sum", "Mean", "Max", "Min"})
    void variadicOpsNeedOneShapeBeforeOpset8(String type) {
        Tensor a = Tensor.of(new float[] {1, 2, 3, 4, 5, 6}, 2, 3);
        Tensor row = Tensor.of(new float[] {1, 1, 1}, 3);
        for (int opset : new int[] {1, 6, 7}) {
            assertThrows(IllegalArgumentException.class, () -> run(op(type, opset, 2, 1), a, row), type + "-" + opset);
            assertEquals(Shape.of(2, 3), run(op(type, opset, 2, 1), a, a).shape());
        }
        assertEquals(Shape.of(2, 3), run(op(type, 8, 2, 1), a, row).shape());
    }

    // PRelu-6: "Slope tensor. If `Slope` is of size 1, the value is shared across different
    // channels" (Caffe2's per-channel slope); PRelu-7: "unidirectional broadcasting".
    @Test
    void preluSlopeIsPerChannelBeforeOpset7() {
        // X: (1, 2, 2) all -1; slope (2)
        Tensor x = Tensor.of(new float[] {-1, -1, -1, -1}, 1, 2, 2);
        Tensor slope = Tensor.of(new float[] {0.1f, 0.2f}, 2);
        for (int opset : new int[] {1, 6}) {
            assertArrayEquals(new float[] {-0.1f, -0.1f, -0.2f, -0.2f}, run(op("PRelu", opset, 2, 1), x, slope).floats());
            assertArrayEquals(new float[] {-0.5f, -0.5f, -0.5f, -0.5f},
                    run(op("PRelu", opset, 2, 1), x, Tensor.of(new float[] {0.5f}, 1)).floats());
        }
        // numpy broadcasting aligns the slope with the last axis
        assertArrayEquals(new float[] {-0.1f, -0.2f, -0.1f, -0.2f}, run(op("PRelu", 7, 2, 1), x, slope).floats());
    }

    // Gemm-6: "If attribute broadcast is non-zero, input tensor C will be broadcasted"; Gemm-7:
    // "C should be unidirectional broadcastable to (M, N)", no attribute.
    @Test
    void gemmBroadcastsCOnlyWhenAskedBeforeOpset7() {
        Tensor a = Tensor.of(new float[] {1, 2}, 1, 2);
        Tensor b = Tensor.of(new float[] {1, 0, 0, 1}, 2, 2);
        Tensor c = Tensor.of(new float[] {10}, 1);
        for (int opset : new int[] {1, 6}) {
            assertThrows(IllegalArgumentException.class, () -> run(op("Gemm", opset, 3, 1), a, b, c));
            assertArrayEquals(new float[] {11, 12}, run(op("Gemm", opset, 3, 1, Attribute.of("broadcast", 1L)), a, b, c).floats());
        }
        assertArrayEquals(new float[] {11, 12}, run(op("Gemm", 7, 3, 1), a, b, c).floats());
    }

    private static Tensor[] bnInputs(Tensor x, int params) {
        float[] ones = new float[params];
        Arrays.fill(ones, 1f);
        Tensor scale = Tensor.of(ones.clone(), params);
        Tensor bias = Tensor.of(new float[params], params);
        Tensor mean = Tensor.of(new float[params], params);
        Tensor var = Tensor.of(ones.clone(), params);
        return new Tensor[] {x, scale, bias, mean, var};
    }

    // BatchNormalization-6: "is_test: If set to nonzero, run spatial batch normalization in test
    // mode" (test mode has output Y only); opset 7 drops is_test: the outputs choose the mode.
    @Test
    void batchNormIsTestChoosesTheModeBeforeOpset7() {
        Tensor x = Tensor.of(new float[] {1, 3, 5, 7}, 2, 2);
        Tensor[] in = bnInputs(x, 2);
        double inv = 1 / Math.sqrt(1 + 1e-5);
        // is_test=1: the given mean 0 and var 1, even with the training outputs named
        Value[] test = runAll(op("BatchNormalization", 6, 5, 5, Attribute.of("is_test", 1L)), in);
        assertEquals(1, test.length);
        assertArrayEquals(new float[] {(float) inv, (float) (3 * inv), (float) (5 * inv), (float) (7 * inv)},
                ((Tensor) test[0]).floats(), 1e-6f);
        // is_test=0 (the default): batch statistics, mean (3, 5), variance (4, 4)
        Value[] train = runAll(op("BatchNormalization", 6, 5, 5), in);
        assertEquals(5, train.length);
        assertArrayEquals(new float[] {3, 5}, ((Tensor) train[3]).floats(), 1e-6f);
        assertArrayEquals(new float[] {4, 4}, ((Tensor) train[4]).floats(), 1e-6f);
        // opset 7 ignores is_test: five outputs mean training
        assertEquals(5, runAll(op("BatchNormalization", 7, 5, 5, Attribute.of("is_test", 1L)), in).length);
    }

    // BatchNormalization-6: scale, B, mean, var are "a 1-dimensional tensor of size C" whatever
    // spatial is; -7: "If spatial is false, the dimensions of scale are (C x D1 x ... x Dn)";
    // -9 drops spatial.
    @Test
    void batchNormSpatialZeroByOpset() {
        Tensor x = Tensor.of(new float[] {1, 2, 3, 4, 5, 6, 7, 8}, 2, 2, 2);
        Attribute spatial0 = Attribute.of("spatial", 0L);
        // opset 6: C values per parameter are accepted
        assertEquals(Shape.of(2, 2, 2), run(op("BatchNormalization", 6, 5, 1, spatial0), bnInputs(x, 2)).shape());
        // opset 7: one value per (channel, position)
        assertEquals(Shape.of(2, 2, 2), run(op("BatchNormalization", 7, 5, 1, spatial0), bnInputs(x, 4)).shape());
        assertThrows(IllegalArgumentException.class, () -> run(op("BatchNormalization", 7, 5, 1, spatial0), bnInputs(x, 2)));
        // opset 7 training with spatial=0: statistics per feature over the batch only
        Value[] train = runAll(op("BatchNormalization", 7, 5, 5, spatial0), bnInputs(x, 4));
        assertArrayEquals(new float[] {3, 4, 5, 6}, ((Tensor) train[3]).floats(), 1e-6f);
        // opset 9: no spatial attribute, parameters per channel
        assertEquals(Shape.of(2, 2, 2), run(op("BatchNormalization", 9, 5, 1, spatial0), bnInputs(x, 2)).shape());
    }

    // Dropout-6: "is_test (int, default 0) if nonzero, run dropout in test mode where the output
    // is simply Y = X"; Dropout-7 has no is_test and is a copy in inference.
    @Test
    void dropoutDropsUnlessIsTestBeforeOpset7() {
        float[] ones = new float[1000];
        Arrays.fill(ones, 1f);
        Tensor x = Tensor.of(ones, 1000);
        Value[] y = runAll(op("Dropout", 6, 1, 2, Attribute.of("ratio", 0.25f)), x);
        float[] out = ((Tensor) y[0]).floats();
        Tensor mask = (Tensor) y[1];
        assertEquals(DType.FLOAT32, mask.dtype(), "the mask has the data's type T before opset 10");
        int dropped = 0;
        for (int i = 0; i < out.length; i++) {
            assertTrue(out[i] == 0f || Math.abs(out[i] - 1 / 0.75f) < 1e-6f, "survivors are scaled by 1 / (1 - ratio)");
            assertEquals(out[i] == 0f ? 0f : 1f, mask.floats()[i]);
            if (out[i] == 0f) dropped++;
        }
        assertTrue(dropped > 150 && dropped < 350, "about a quarter dropped, got " + dropped);
        assertArrayEquals(ones, run(op("Dropout", 6, 1, 1, Attribute.of("is_test", 1L)), x).floats());
        assertArrayEquals(ones, run(op("Dropout", 7, 1, 1, Attribute.of("ratio", 0.25f)), x).floats());
    }

    // Upsample-1: "height_scale", "width_scale" (float, required), mode "nearest(default),
    // bilinear", a 4-D [N,C,H,W] input; Upsample-7 takes "scales" for every axis.
    @Test
    void upsampleOpset1ReadsHeightAndWidthScale() {
        Tensor x = Tensor.of(new float[] {1, 2, 3, 4}, 1, 1, 2, 2);
        Op nearest = op("Upsample", 1, 1, 1, Attribute.of("height_scale", 2f), Attribute.of("width_scale", 2f));
        assertArrayEquals(new float[] {1, 1, 2, 2, 1, 1, 2, 2, 3, 3, 4, 4, 3, 3, 4, 4}, run(nearest, x).floats());
        Op bilinear = op("Upsample", 1, 1, 1, Attribute.of("height_scale", 1f), Attribute.of("width_scale", 2f),
                Attribute.of("mode", "bilinear"));
        Tensor y = run(bilinear, x);
        assertEquals(Shape.of(1, 1, 2, 4), y.shape());
        assertArrayEquals(new float[] {1, 1.5f, 2, 2, 3, 3.5f, 4, 4}, y.floats(), 1e-6f);
        assertThrows(IllegalArgumentException.class, () -> op("Upsample", 1, 1, 1, Attribute.ofFloats("scales", 1, 1, 2, 2)));
        assertEquals(Shape.of(1, 1, 4, 4),
                run(op("Upsample", 7, 1, 1, Attribute.ofFloats("scales", 1, 1, 2, 2)), x).shape());
    }

    // Selu-1: alpha "default is 1.6732", gamma "default is 1.0507"; Selu-6: 1.67326319217681884765625
    // and 1.05070102214813232421875.
    @Test
    void seluOpset1HasRoundedDefaults() {
        Tensor x = Tensor.of(new float[] {-1}, 1);
        float v1 = run(op("Selu", 1, 1, 1), x).floats()[0];
        float v6 = run(op("Selu", 6, 1, 1), x).floats()[0];
        assertEquals((float) (1.0507f * 1.6732f * (Math.exp(-1) - 1)), v1, 1e-7f);
        assertEquals((float) (1.05070102214813232421875 * 1.67326319217681884765625 * (Math.exp(-1) - 1)), v6, 1e-7f);
        assertNotEquals(v1, v6);
    }

    // LpPool-1 and GlobalLpPool-1: "p : float (default is 2.0)"; from opset 2 p is an int.
    @Test
    void lpPoolOpset1TakesAFloatP() {
        Tensor x = Tensor.of(new float[] {1, 2, 2, 4}, 1, 1, 4);
        // (1 + 8 + 8 + 64)^(1/3) = 81^(1/3)
        float expected = (float) Math.cbrt(81);
        assertEquals(expected, run(op("GlobalLpPool", 1, 1, 1, Attribute.of("p", 3f)), x).floats()[0], 1e-5f);
        assertEquals(expected, run(op("LpPool", 1, 1, 1, Attribute.of("p", 3f), Attribute.ofInts("kernel_shape", 4)), x)
                .floats()[0], 1e-5f);
        // the default p = 2.0: sqrt(25)
        assertEquals(5f, run(op("GlobalLpPool", 1, 1, 1), x).floats()[0], 1e-5f);
    }

    // Pad-1: "paddings : list of ints (required)"; Pad-2 renames it to pads.
    @Test
    void padOpset1ReadsPaddings() {
        Tensor x = Tensor.of(new float[] {1, 2}, 1, 2);
        Tensor y = run(op("Pad", 1, 1, 1, Attribute.ofInts("paddings", 0, 1, 0, 2), Attribute.of("value", 9f)), x);
        assertArrayEquals(new float[] {9, 1, 2, 9, 9}, y.floats());
    }

    // TopK-1: "k : int (required)"; TopK-10 takes K as an input.
    @Test
    void topKOpset1ReadsK() {
        Value[] y = runAll(op("TopK", 1, 1, 2, Attribute.of("k", 2L)), Tensor.of(new float[] {3, 9, 1, 7}, 4));
        assertArrayEquals(new float[] {9, 7}, ((Tensor) y[0]).floats());
        assertArrayEquals(new long[] {1, 3}, ((Tensor) y[1]).longs());
    }

    // Concat-1: "axis : int (default is 1)"; Concat-4: "axis : int (required)".
    @Test
    void concatBeforeOpset4DefaultsToAxis1() {
        Tensor a = Tensor.of(new float[] {1, 2}, 2, 1);
        assertEquals(Shape.of(2, 2), run(op("Concat", 3, 2, 1), a, a).shape());
    }

    // Cast-1: "to : string (required)"; Cast-6: "to : int (required)".
    @Test
    void castOpset1NamesTheTypeAsAString() {
        Tensor y = run(op("Cast", 1, 1, 1, Attribute.of("to", "INT32")), Tensor.of(new float[] {2.7f}, 1));
        assertEquals(DType.INT32, y.dtype());
    }

    // Reshape-1: "shape : list of ints" attribute; Reshape-5 takes shape as an input.
    @Test
    void reshapeOpset1ReadsTheShapeAttribute() {
        Tensor y = run(op("Reshape", 4, 1, 1, Attribute.ofInts("shape", 3, -1)), Tensor.of(new float[6], 6));
        assertEquals(Shape.of(3, 2), y.shape());
    }

    // Softmax-1, LogSoftmax-1, Hardmax-1: "The input does not need to explicitly be a 2D vector;
    // rather, it will be coerced into one" at axis (default 1); from opset 13 they work along one
    // axis (default -1).
    @ParameterizedTest
    @ValueSource(strings = {"Softmax", "LogSoftmax", "Hardmax"})
    void softmaxFamilyCoercesTo2dBeforeOpset13(String type) {
        // X: (1, 2, 2); opset 1 reads it as one row of 4, opset 13 as pairs along the last axis
        Tensor x = Tensor.of(new float[] {0, (float) Math.log(3), (float) Math.log(2), 0}, 1, 2, 2);
        float[] old = run(op(type, 1, 1, 1), x).floats();
        float[] now = run(op(type, 13, 1, 1), x).floats();
        float[][] expected = switch (type) {
            // exp = 1, 3, 2, 1 over 7; per pair 1/4, 3/4 and 2/3, 1/3
            case "Softmax" -> new float[][] {{1 / 7f, 3 / 7f, 2 / 7f, 1 / 7f}, {0.25f, 0.75f, 2 / 3f, 1 / 3f}};
            case "LogSoftmax" -> new float[][] {
                {(float) Math.log(1 / 7.), (float) Math.log(3 / 7.), (float) Math.log(2 / 7.), (float) Math.log(1 / 7.)},
                {(float) Math.log(0.25), (float) Math.log(0.75), (float) Math.log(2 / 3.), (float) Math.log(1 / 3.)}};
            default -> new float[][] {{0, 1, 0, 0}, {0, 1, 1, 0}};
        };
        assertArrayEquals(expected[0], old, 1e-6f, type + "-1");
        assertArrayEquals(expected[1], now, 1e-6f, type + "-13");
    }

    // ConvTranspose-1: "If (auto_pads != SAME_UPPER): pads[start_i] = total_padding[i]/2;
    // pads[end_i] = total_padding[i] - (total_padding[i]/2) Else: pads[start_i] = total_padding[i]
    // - (total_padding[i]/2)"; ConvTranspose-11 swaps the test to auto_pads == SAME_UPPER.
    @Test
    void convTransposeSplitsAnOddPadTheOtherWayBeforeOpset11() {
        // X (1, 1, 3) = 1, 2, 3; W (1, 1, 3) ones; stride 2: the full output has 7 values
        // 1, 1, 3, 2, 5, 3, 3; output_shape 6 crops one of them
        Tensor x = Tensor.of(new float[] {1, 2, 3}, 1, 1, 3);
        Tensor w = Tensor.of(new float[] {1, 1, 1}, 1, 1, 3);
        Attribute[] notSet = {Attribute.ofInts("strides", 2), Attribute.ofInts("output_shape", 6)};
        // no auto_pad: opset 1 crops the end, opset 11 the start
        assertArrayEquals(new float[] {1, 1, 3, 2, 5, 3}, run(op("ConvTranspose", 10, 2, 1, notSet), x, w).floats());
        assertArrayEquals(new float[] {1, 3, 2, 5, 3, 3}, run(op("ConvTranspose", 11, 2, 1, notSet), x, w).floats());
        // SAME_UPPER (output 3 * 2 = 6): opset 1 crops the start, opset 11 the end
        Attribute[] upper = {Attribute.ofInts("strides", 2), Attribute.of("auto_pad", "SAME_UPPER")};
        assertArrayEquals(new float[] {1, 3, 2, 5, 3, 3}, run(op("ConvTranspose", 1, 2, 1, upper), x, w).floats());
        assertArrayEquals(new float[] {1, 1, 3, 2, 5, 3}, run(op("ConvTranspose", 11, 2, 1, upper), x, w).floats());
    }
}
