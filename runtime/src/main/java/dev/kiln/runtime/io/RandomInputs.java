package dev.kiln.runtime.io;

import dev.kiln.runtime.InvalidInputException;
import dev.kiln.runtime.graph.Dim;
import dev.kiln.runtime.graph.ValueInfo;
import dev.kiln.runtime.graph.ValueType;
import dev.kiln.runtime.tensor.DType;
import dev.kiln.runtime.tensor.Shape;
import dev.kiln.runtime.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Generates inputs from a model's signature, reproducibly by seed. Floats are uniform in
 * [-1, 1), integers in [0, 10), bools fair coins, strings short words. Symbolic dims take the
 * value bound by the caller, and 1 when unbound.
 */
public final class RandomInputs {
    private RandomInputs() {}

    /** Parses {@code "batch=2,seq=128"} into a map. */
    public static Map<String, Long> parseDims(String spec) {
        Map<String, Long> out = new LinkedHashMap<>();
        if (spec == null || spec.isBlank()) return out;
        for (String part : spec.split(",")) {
            String[] kv = part.split("=", 2);
            if (kv.length != 2) throw new IllegalArgumentException("Bad dim binding '" + part + "', expected name=value");
            try {
                long v = Long.parseLong(kv[1].strip());
                if (v < 0) throw new NumberFormatException();
                out.put(kv[0].strip(), v);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("Bad dim binding '" + part + "': value must be a non-negative integer");
            }
        }
        return out;
    }

    /** The concrete shape of a declared tensor type, with symbolic dims bound. */
    public static Shape shapeOf(ValueInfo vi, Map<String, Long> dims) {
        List<Dim> declared = vi.type().dims();
        if (declared == null) {
            throw new InvalidInputException("Input '" + vi.name() + "' has no declared shape; pass it explicitly");
        }
        long[] d = new long[declared.size()];
        for (int i = 0; i < d.length; i++) {
            Dim dim = declared.get(i);
            if (dim.isFixed()) d[i] = dim.value();
            else if (dim.symbol() != null && dims.containsKey(dim.symbol())) d[i] = dims.get(dim.symbol());
            else d[i] = 1;
        }
        return Shape.of(d);
    }

    /** One random tensor per input in {@code inputs}. */
    public static Map<String, Tensor> generate(List<ValueInfo> inputs, Map<String, Long> dims, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        Map<String, Tensor> out = new LinkedHashMap<>();
        for (ValueInfo vi : inputs) {
            ValueType t = vi.type();
            if (t.kind() != ValueType.Kind.TENSOR || t.elemType() == null) {
                throw new InvalidInputException("Input '" + vi.name() + "' is " + t + "; only tensors can be generated");
            }
            out.put(vi.name(), random(t.elemType(), shapeOf(vi, dims), rnd));
        }
        return out;
    }

    /** A random tensor of the given type and shape. */
    public static Tensor random(DType dtype, Shape shape, SplittableRandom rnd) {
        Tensor x = Tensor.zeros(dtype, shape);
        int n = x.size();
        if (dtype == DType.FLOAT32) {
            float[] f = x.floats();
            for (int i = 0; i < n; i++) f[i] = (float) (rnd.nextDouble() * 2 - 1);
        } else if (dtype == DType.STRING) {
            String[] s = x.strings();
            for (int i = 0; i < n; i++) s[i] = "w" + rnd.nextInt(100);
        } else if (dtype == DType.BOOL) {
            boolean[] b = x.booleans();
            for (int i = 0; i < n; i++) b[i] = rnd.nextBoolean();
        } else if (dtype.isFloatingPoint()) {
            for (int i = 0; i < n; i++) x.setDouble(i, rnd.nextDouble() * 2 - 1);
        } else {
            for (int i = 0; i < n; i++) x.setLong(i, rnd.nextInt(10));
        }
        return x;
    }
}
