package dev.kiln.ops.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.kiln.runtime.exec.CompiledGraph;
import dev.kiln.runtime.exec.ExecutionContext;
import dev.kiln.runtime.graph.Attribute;
import dev.kiln.runtime.graph.Attributes;
import dev.kiln.runtime.graph.Graph;
import dev.kiln.runtime.graph.Node;
import dev.kiln.runtime.op.LoadContext;
import dev.kiln.runtime.op.Op;
import dev.kiln.runtime.tensor.Shape;
import dev.kiln.runtime.tensor.Tensor;
import java.util.List;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;

class ImageTest {
    private static LoadContext since(int v) {
        return new LoadContext() {
            @Override public int opset() { return v; }
            @Override public int sinceVersion() { return v; }
            @Override public CompiledGraph compile(Graph g) { throw new UnsupportedOperationException("these ops have no subgraphs"); }
        };
    }

    private static Node node(String op, int inputs, Attribute... attrs) {
        List<String> in = List.of("a", "b", "c", "d", "e").subList(0, inputs);
        return new Node("n", "", op, in, List.of("y"), new Attributes(List.of(attrs)));
    }

    private static Tensor run(Op op, Tensor... in) {
        return (Tensor) op.forward(in, ExecutionContext.standalone(1))[0];
    }

    private static Tensor resize(int since, Attribute[] attrs, Tensor... in) {
        BiFunction<Node, LoadContext, Op> f = Resize::new;
        return run(f.apply(node("Resize", in.length, attrs), since(since)), in);
    }

    @Test
    void linearHalfPixelUpsampleClampsAtTheEdges() {
        // x_original = (o + 0.5) / 2 - 0.5 = -0.25, 0.25, 0.75, 1.25
        Tensor x = Tensor.of(new float[] {1, 3}, 1, 2);
        Tensor y = resize(19, new Attribute[] {Attribute.of("mode", "linear")}, x, null,
                Tensor.of(new float[] {1, 2}, 2));
        assertEquals(Shape.of(1, 4), y.shape());
        assertArrayEquals(new float[] {1, 1.5f, 2.5f, 3}, y.floats(), 1e-6f);
    }

    @Test
    void nearestKeepsInt64ValuesExact() {
        long big = (1L << 60) + 1;
        Tensor x = Tensor.of(new long[] {big, 7}, 2);
        Tensor y = resize(19, new Attribute[] {Attribute.of("coordinate_transformation_mode", "asymmetric")},
                x, null, null, Tensor.of(new long[] {4}, 1));
        assertArrayEquals(new long[] {big, big, 7, 7}, y.longs());
    }

    @Test
    void notLargerPolicyKeepsTheAspectRatio() {
        // (2, 4) into at most (4, 4): scale min(2, 1) = 1, so the output stays (2, 4)
        Tensor x = Tensor.of(new float[] {1, 2, 3, 4, 5, 6, 7, 8}, 2, 4);
        Tensor y = resize(19, new Attribute[] {Attribute.of("keep_aspect_ratio_policy", "not_larger")},
                x, null, null, Tensor.of(new long[] {4, 4}, 2));
        assertEquals(Shape.of(2, 4), y.shape());
    }

    @Test
    void opset10NearestRepeatsWhenUpsampling() {
        Tensor x = Tensor.of(new float[] {1, 2}, 2);
        Tensor y = resize(10, new Attribute[0], x, Tensor.of(new float[] {2}, 1));
        assertArrayEquals(new float[] {1, 1, 2, 2}, y.floats());
    }

    @Test
    void gridSampleBilinearAlignCornersAveragesAtTheCenter() {
        // X (1, 1, 1, 2) = [10, 20]; grid point (0, 0) is halfway between the two pixels
        Tensor x = Tensor.of(new float[] {10, 20}, 1, 1, 1, 2);
        Tensor grid = Tensor.of(new float[] {0, 0, 1, 0}, 1, 1, 2, 2);
        BiFunction<Node, LoadContext, Op> f = GridSample::new;
        Tensor y = run(f.apply(node("GridSample", 2, Attribute.of("align_corners", 1L)), since(22)), x, grid);
        assertArrayEquals(new float[] {15, 20}, y.floats(), 1e-6f);
    }

    @Test
    void gridSampleZerosPaddingFadesOutsideTheImage() {
        // without align_corners, x = 1.5 lies between pixel 1 (20) and the zero padding
        Tensor x = Tensor.of(new float[] {10, 20}, 1, 1, 1, 2);
        Tensor grid = Tensor.of(new float[] {1, 0}, 1, 1, 1, 2);
        BiFunction<Node, LoadContext, Op> f = GridSample::new;
        Tensor y = run(f.apply(node("GridSample", 2), since(22)), x, grid);
        assertArrayEquals(new float[] {10}, y.floats(), 1e-6f);
    }

    @Test
    void nonMaxSuppressionDropsTheOverlappingBox() {
        // box 0 and box 1 overlap with IoU 0.81 / 1.19 > 0.5; box 2 is apart
        Tensor boxes = Tensor.of(new float[] {0, 0, 1, 1, 0, 0.1f, 1, 1.1f, 0, 5, 1, 6}, 1, 3, 4);
        Tensor scores = Tensor.of(new float[] {0.9f, 0.95f, 0.5f}, 1, 1, 3);
        Tensor y = run(new NonMaxSuppression(node("NonMaxSuppression", 5)), boxes, scores,
                Tensor.of(new long[] {3}, 1), Tensor.of(new float[] {0.5f}, 1), null);
        assertEquals(Shape.of(2, 3), y.shape());
        assertArrayEquals(new long[] {0, 0, 1, 0, 0, 2}, y.longs());
    }

    @Test
    void affineGridIdentityReturnsPixelCenters() {
        // identity theta over a (1, 1, 1, 2) image: x = -0.5, 0.5 and y = 0
        Tensor theta = Tensor.of(new float[] {1, 0, 0, 0, 1, 0}, 1, 2, 3);
        Tensor y = run(new AffineGrid(node("AffineGrid", 2)), theta, Tensor.of(new long[] {1, 1, 1, 2}, 4));
        assertEquals(Shape.of(1, 1, 2, 2), y.shape());
        assertArrayEquals(new float[] {-0.5f, 0, 0.5f, 0}, y.floats(), 1e-6f);
    }
}
