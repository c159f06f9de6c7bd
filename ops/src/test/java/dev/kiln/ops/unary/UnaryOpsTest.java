package dev.kiln.ops.unary;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.kiln.runtime.graph.Attribute;
import dev.kiln.runtime.graph.Attributes;
import dev.kiln.runtime.graph.Node;
import dev.kiln.runtime.tensor.DType;
import dev.kiln.runtime.tensor.Float16;
import dev.kiln.runtime.tensor.Shape;
import dev.kiln.runtime.tensor.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;

class UnaryOpsTest {
    static Node node(String op, Attribute... attributes) {
        return new Node("n", "", op, List.of("x"), List.of("y"), new Attributes(List.of(attributes)));
    }

    @Test
    void erfMatchesReferenceValuesAcrossItsBranches() {
        // Reference values from Python's math.erf.
        double[][] cases = {
            {0.5, 0.5204998778130465}, {1, 0.8427007929497149}, {2, 0.9953222650189527},
            {2.49, 0.9995707121322661}, {2.5, 0.999593047982555}, {3, 0.9999779095030014},
            {4.5, 0.9999999998033839}, {5.9, 0.9999999999999999}, {7, 1}, {0, 0},
        };
        for (double[] c : cases) {
            assertEquals(c[1], Erf.erf(c[0]), 1e-15, "erf(" + c[0] + ")");
            assertEquals(-c[1], Erf.erf(-c[0]), 1e-15, "erf(-" + c[0] + ")");
        }
        assertEquals(1e-10 * 2 / Math.sqrt(Math.PI), Erf.erf(1e-10), 1e-25);
    }

    @Test
    void inverseHyperbolicFunctions() {
        assertEquals(0.48121182505960347, Asinh.asinh(0.5), 1e-15);
        assertEquals(-0.48121182505960347, Asinh.asinh(-0.5), 1e-15);
        assertEquals(1e-9, Asinh.asinh(1e-9), 1e-24);
        assertEquals(Math.log(2e10), Asinh.asinh(1e10), 1e-12);
        assertEquals(1.3169578969248166, Acosh.acosh(2.0), 1e-15);
        assertEquals(0.5493061443340548, Atanh.atanh(0.5), 1e-15);
        assertEquals(Double.NaN, Acosh.acosh(0.5));
    }

    @Test
    void roundHalvesToEven() {
        Tensor x = Tensor.of(new float[] {0.5f, 1.5f, 2.5f, -0.5f, -1.5f, 2.4f}, 6);
        assertArrayEquals(new float[] {0, 2, 2, -0f, -2, 2}, new Round(node("Round")).apply(x).floats());
    }

    @Test
    void absAndSignOnIntegers() {
        Tensor i8 = Tensor.fromLongs(DType.INT8, Shape.of(3), new long[] {-128, -5, 7});
        assertArrayEquals(new long[] {-128, 5, 7}, new Abs(node("Abs")).apply(i8).toLongArray());
        assertArrayEquals(new long[] {-1, -1, 1}, new Sign(node("Sign")).apply(i8).toLongArray());
        Tensor u64 = Tensor.fromLongs(DType.UINT64, Shape.of(2), new long[] {-1L, 0});
        assertArrayEquals(new long[] {1, 0}, new Sign(node("Sign")).apply(u64).longs());
        assertThrows(IllegalArgumentException.class, () -> new Exp(node("Exp")).apply(i8));
    }

    @Test
    void float16ComputesInFloatAndRoundsBack() {
        short[] h = {Float16.fromFloat(2f), Float16.fromFloat(0.25f)};
        Tensor y = new Sqrt(node("Sqrt")).apply(Tensor.wrap(DType.FLOAT16, Shape.of(2), h));
        assertEquals(DType.FLOAT16, y.dtype());
        // sqrt(2) = 1.41421... rounds to the float16 1.4140625
        assertEquals(1.4140625f, Float16.toFloat(y.shorts()[0]));
        assertEquals(0.5f, Float16.toFloat(y.shorts()[1]));
    }

    @Test
    void isInfHonoursDetectFlags() {
        Tensor x = Tensor.of(new double[] {Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NaN, 1}, 4);
        IsInf positiveOnly = new IsInf(node("IsInf", Attribute.of("detect_negative", 0L)));
        assertArrayEquals(new boolean[] {true, false, false, false},
                ((Tensor) positiveOnly.forward(new Tensor[] {x}, null)[0]).booleans());
        assertArrayEquals(new boolean[] {false, false, true, false},
                ((Tensor) new IsNaN(node("IsNaN")).forward(new Tensor[] {x}, null)[0]).booleans());
    }
}
