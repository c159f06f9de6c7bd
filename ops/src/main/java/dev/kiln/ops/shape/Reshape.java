package dev.kiln.ops.shape;

import dev.kiln.ops.common.GradData;
import dev.kiln.runtime.graph.Node;
import dev.kiln.runtime.op.TensorOp;
import dev.kiln.runtime.tensor.Shape;
import dev.kiln.runtime.tensor.Tensor;
import java.util.Arrays;

/**
 * Reshape: the same elements under a new shape. A 0 copies the input dimension (unless
 * {@code allowzero=1}, where it means an empty dimension) and one -1 is inferred. Opsets 1-4 read
 * the target from the {@code shape} attribute, later ones from the second input.
 */
public final class Reshape extends TensorOp {
    private final long[] shapeAttr;
    private final boolean allowZero;

    /** Opset 5+: the target shape is input 1. */
    public Reshape(Node node) {
        this(node, false);
    }

    private Reshape(Node node, boolean fromAttribute) {
        this.shapeAttr = fromAttribute ? node.attributes().getInts("shape", null) : null;
        if (fromAttribute && shapeAttr == null) {
            throw new IllegalArgumentException("attribute 'shape' is required before opset 5");
        }
        this.allowZero = node.attributes().getInt("allowzero", 0) != 0;
    }

    /** Opsets 1-4: the target shape is the {@code shape} attribute. */
    public static Reshape v1(Node node) {
        return new Reshape(node, true);
    }

    @Override
    protected Tensor[] compute(Tensor[] inputs) {
        Tensor x = Inputs.required(inputs, 0, "data");
        long[] target = shapeAttr != null ? shapeAttr : Indices.read(Inputs.required(inputs, 1, "shape"), "shape");
        return new Tensor[] {x.reshape(Shape.of(resolve(x.shape(), target, allowZero)))};
    }

    /** The output dimensions for {@code target} applied to {@code in}. */
    static long[] resolve(Shape in, long[] target, boolean allowZero) {
        long[] out = target.clone();
        int inferred = -1;
        long known = 1;
        boolean hasZero = false;
        for (int i = 0; i < out.length; i++) {
            long d = out[i];
            if (d == -1) {
                if (inferred >= 0) {
                    throw new IllegalArgumentException("shape " + Arrays.toString(target) + " has more than one -1");
                }
                inferred = i;
                continue;
            }
            if (d < -1) {
                throw new IllegalArgumentException("shape " + Arrays.toString(target) + " has invalid dimension " + d);
            }
            if (d == 0) {
                hasZero = true;
                if (!allowZero) {
                    if (i >= in.rank()) {
                        throw new IllegalArgumentException("shape " + Arrays.toString(target) + " copies dimension "
                                + i + " (a 0) but the input " + in + " has rank " + in.rank());
                    }
                    out[i] = in.dim(i);
                }
            }
            known *= out[i];
        }
        if (inferred >= 0) {
            if (allowZero && hasZero) {
                throw new IllegalArgumentException("shape " + Arrays.toString(target)
                        + " has both -1 and 0, which allowzero=1 forbids");
            }
            if (known == 0 || in.size() % known != 0) {
                throw new IllegalArgumentException("cannot reshape " + in + " (" + in.size() + " elements) to "
                        + Arrays.toString(target));
            }
            out[inferred] = in.size() / known;
        } else if (known != in.size()) {
            throw new IllegalArgumentException("cannot reshape " + in + " (" + in.size() + " elements) to "
                    + Arrays.toString(target) + " (" + known + " elements)");
        }
        return out;
    }

    // y = x under the target shape  =>  dX = dY under x's shape; the shape input gets none
    @Override
    public Tensor[] backward(Tensor[] inputs, Tensor[] outputs, Tensor[] dOutputs) {
        Tensor[] d = new Tensor[inputs.length];
        if (GradData.differentiable(inputs[0])) d[0] = dOutputs[0].reshape(inputs[0].shape());
        return d;
    }
}
