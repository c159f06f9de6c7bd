package dev.kiln.models.nn;

import dev.kiln.runtime.graph.Attribute;
import dev.kiln.runtime.tensor.Tensor;
import java.util.List;
import java.util.Map;

/** 2-D max or average pooling ({@code MaxPool} / {@code AveragePool}) over {@code (N, C, H, W)}. */
public final class Pool2D implements Module {
    /** Which pooling. */
    public enum Kind { MAX, AVERAGE }

    private final Kind kind;
    private final int kernel;
    private final int stride;
    private final int padding;

    /** Pooling with a square kernel, stride and symmetric padding. */
    public Pool2D(Kind kind, int kernel, int stride, int padding) {
        if (kernel <= 0 || stride <= 0 || padding < 0 || padding >= kernel) {
            throw new IllegalArgumentException("Invalid pooling kernel=" + kernel + " stride=" + stride + " padding=" + padding);
        }
        this.kind = kind;
        this.kernel = kernel;
        this.stride = stride;
        this.padding = padding;
    }

    /** MaxPool2D with kernel = stride = {@code k}. */
    public static Pool2D max(int k) { return new Pool2D(Kind.MAX, k, k, 0); }

    /** AvgPool2D with kernel = stride = {@code k}. */
    public static Pool2D average(int k) { return new Pool2D(Kind.AVERAGE, k, k, 0); }

    @Override
    public Var apply(GraphBuilder b, Var x) {
        if (x.rank() != 4) throw new IllegalArgumentException(this + " expects a rank-4 (N, C, H, W) input, got rank " + x.rank());
        String op = kind == Kind.MAX ? "MaxPool" : "AveragePool";
        return new Var(b.node(op, List.of(x.name()),
                Attribute.ofInts("kernel_shape", kernel, kernel),
                Attribute.ofInts("strides", stride, stride),
                Attribute.ofInts("pads", padding, padding, padding, padding)), 4);
    }

    @Override
    public Map<String, Tensor> parameters() { return Map.of(); }

    @Override
    public String toString() {
        return (kind == Kind.MAX ? "MaxPool2D" : "AvgPool2D") + "(k=" + kernel + ", s=" + stride + ", p=" + padding + ")";
    }
}
