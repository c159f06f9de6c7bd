package dev.kiln.ops.shape;

import dev.kiln.ops.common.Args;
import dev.kiln.ops.common.GradData;
import dev.kiln.runtime.graph.Node;
import dev.kiln.runtime.op.TensorOp;
import dev.kiln.runtime.tensor.Tensor;
import java.util.Arrays;

/**
 * Pad: adds {@code pads = [x1_begin, x2_begin, ..., x1_end, x2_end, ...]} elements around the
 * input (negative values crop), filled by {@code mode}: constant, reflect, edge or wrap. Opset
 * 1 reads the {@code paddings} attribute, opsets 2-10 {@code pads} and {@code value}; opset 11+
 * reads pads and constant_value from inputs 1-2, and opset 18+ the optional {@code axes} input 3.
 */
public final class Pad extends TensorOp {
    private final PadKernel.Mode mode;
    private final long[] padsAttr;
    private final float valueAttr;

    /** Opset 11+: pads, constant_value and axes are inputs. */
    public Pad(Node node) {
        this(node, null);
    }

    private Pad(Node node, String padsName) {
        this.mode = PadKernel.Mode.parse(node.attributes().getString("mode", "constant"));
        this.padsAttr = padsName == null ? null : node.attributes().getInts(padsName, null);
        if (padsName != null && padsAttr == null) {
            throw new IllegalArgumentException("attribute '" + padsName + "' is required");
        }
        this.valueAttr = node.attributes().getFloat("value", 0f);
    }

    /** Opset 1: the {@code paddings} attribute. */
    public static Pad v1(Node node) { return new Pad(node, "paddings"); }

    /** Opsets 2-10: the {@code pads} attribute. */
    public static Pad v2(Node node) { return new Pad(node, "pads"); }

    @Override
    protected Tensor[] compute(Tensor[] inputs) {
        Tensor x = Inputs.required(inputs, 0, "data");
        Pads p = pads(inputs, x);
        return new Tensor[] {PadKernel.pad(x, p.begins, p.ends, mode, p.constant)};
    }

    // y[o] = x[source(o)], or the constant where o has no source (constant mode)
    //   =>  dX[source(o)] += dY[o] (so cropping and the reflect, edge and wrap copies add up);
    //       dConstant = the sum of dY where the constant was written; pads and axes get none
    @Override
    public Tensor[] backward(Tensor[] inputs, Tensor[] outputs, Tensor[] dOutputs) {
        Tensor x = inputs[0];
        Tensor[] d = new Tensor[inputs.length];
        if (!GradData.differentiable(x)) return d;
        Pads p = pads(inputs, x);
        int[] source = PadKernel.sourceMap(x.shape(), p.begins, p.ends, mode);
        double[] dy = GradData.read(dOutputs[0]);
        double[] dX = new double[x.size()];
        double dConstant = 0;
        for (int o = 0; o < source.length; o++) {
            if (source[o] >= 0) dX[source[o]] += dy[o];
            else dConstant += dy[o];
        }
        d[0] = GradData.write(x.dtype(), x.shape(), dX);
        if (padsAttr == null && inputs.length > 2 && inputs[2] != null) {
            d[2] = GradData.write(x.dtype(), inputs[2].shape(), new double[] {dConstant});
        }
        return d;
    }

    /** Per-axis begin and end pads and the constant (a one-element array of x's storage type). */
    private record Pads(long[] begins, long[] ends, Object constant) {}

    private Pads pads(Tensor[] inputs, Tensor x) {
        int r = x.rank();
        long[] pads;
        Object constant;
        int[] axes;
        if (padsAttr != null) {
            pads = padsAttr;
            constant = Moves.scalarOf(x.dtype(), valueAttr);
            axes = null;
        } else {
            pads = Indices.read(Inputs.required(inputs, 1, "pads"), "pads");
            Tensor cv = inputs.length > 2 ? inputs[2] : null;
            if (cv == null) {
                constant = Moves.scalarOf(x.dtype(), 0);
            } else {
                if (cv.size() != 1) {
                    throw new IllegalArgumentException("input 'constant_value' must hold one value, got " + cv.describe());
                }
                if (cv.dtype() != x.dtype()) {
                    throw new IllegalArgumentException("input 'constant_value' is " + cv.dtype() + ", expected "
                            + x.dtype() + " like the data");
                }
                constant = cv.data();
            }
            axes = inputs.length > 3 && inputs[3] != null ? Args.axes(Indices.read(inputs[3], "axes"), r, "axes value") : null;
        }
        if (axes != null) Indices.requireDistinct(axes, "axes");
        int n = axes == null ? r : axes.length;
        if (pads.length != 2 * n) {
            throw new IllegalArgumentException("pads " + Arrays.toString(pads) + " has " + pads.length
                    + " values, expected " + (2 * n) + " for " + (axes == null ? "input rank " + r : n + " axes"));
        }
        long[] begins = new long[r];
        long[] ends = new long[r];
        for (int i = 0; i < n; i++) {
            int a = axes == null ? i : axes[i];
            begins[a] = pads[i];
            ends[a] = pads[i + n];
        }
        return new Pads(begins, ends, constant);
    }
}
