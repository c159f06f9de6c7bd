package dev.kiln.ops.shape;

import dev.kiln.ops.common.GradData;
import dev.kiln.runtime.exec.ExecutionContext;
import dev.kiln.runtime.graph.Node;
import dev.kiln.runtime.op.Op;
import dev.kiln.runtime.tensor.DType;
import dev.kiln.runtime.tensor.Tensor;
import dev.kiln.runtime.tensor.Value;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Dropout: at inference {@code y = x} with an all-true mask. In training mode each element is
 * zeroed with probability {@code ratio} and the survivors are scaled by {@code 1 / (1 - ratio)};
 * the mask marks the survivors. Training mode is {@code is_test=0} in opsets 1-6 and the
 * {@code training_mode} input in opset 12+; opsets 7-11 always run in inference mode. The mask
 * is of the data type before opset 10 and bool after.
 */
public final class Dropout implements Op {
    private enum Version { V1, V7, V10, V12 }

    private final Version version;
    private final float ratioAttr;
    private final boolean isTest;
    private final Long seed;

    private Dropout(Node node, Version version) {
        this.version = version;
        this.ratioAttr = node.attributes().getFloat("ratio", 0.5f);
        this.isTest = node.attributes().getInt("is_test", 0) != 0;
        this.seed = node.attributes().has("seed") ? node.attributes().getInt("seed", 0) : null;
    }

    /** Opsets 1-6: {@code is_test} and {@code ratio} attributes, mask of type T. */
    public static Dropout v1(Node node) { return new Dropout(node, Version.V1); }

    /** Opsets 7-9: inference only, mask of type T. */
    public static Dropout v7(Node node) { return new Dropout(node, Version.V7); }

    /** Opsets 10-11: inference only, bool mask. */
    public static Dropout v10(Node node) { return new Dropout(node, Version.V10); }

    /** Opset 12+: optional {@code ratio} and {@code training_mode} inputs, bool mask. */
    public Dropout(Node node) { this(node, Version.V12); }

    @Override
    public Value[] forward(Value[] inputs, ExecutionContext ctx) {
        Tensor x = tensor(inputs, 0, "data");
        if (!x.dtype().isFloatingPoint()) {
            throw new IllegalArgumentException("input 'data' must be a floating-point tensor, got " + x.describe());
        }
        double ratio = ratio(inputs);
        boolean training = training(inputs);
        if (training && !(ratio >= 0 && ratio < 1)) {
            throw new IllegalArgumentException("ratio " + ratio + " must be in [0, 1) in training mode");
        }
        DType maskType = version == Version.V1 || version == Version.V7 ? x.dtype() : DType.BOOL;
        Tensor mask = Tensor.zeros(maskType, x.shape());
        if (!training || ratio == 0) {
            fillOnes(mask);
            return new Value[] {x, mask};
        }
        SplittableRandom random = seed != null ? new SplittableRandom(seed) : ctx.random();
        Tensor y = Tensor.zeros(x.dtype(), x.shape());
        double scale = 1.0 / (1.0 - ratio);
        int n = x.size();
        for (int i = 0; i < n; i++) {
            boolean keep = random.nextDouble() >= ratio;
            if (keep) {
                if (maskType == DType.BOOL) mask.booleans()[i] = true;
                else mask.setDouble(i, 1);
                y.setDouble(i, x.getDouble(i) * scale);
            }
        }
        return new Value[] {y, mask};
    }

    // inference: y = x  =>  dX = dY; training: y = x * mask / (1 - ratio)  =>  dX = dY * mask / (1 - ratio)
    // (which needs the mask output); ratio and training_mode get none
    @Override
    public Tensor[] backward(Tensor[] inputs, Tensor[] outputs, Tensor[] dOutputs) {
        Tensor x = inputs[0];
        Tensor[] d = new Tensor[inputs.length];
        if (!GradData.differentiable(x)) return d;
        double ratio = ratio(inputs);
        if (!training(inputs) || ratio == 0) {
            d[0] = dOutputs[0];
            return d;
        }
        Tensor mask = outputs.length > 1 ? outputs[1] : null;
        if (mask == null) {
            throw new IllegalArgumentException("backward in training mode needs the node's mask output");
        }
        double scale = 1.0 / (1.0 - ratio);
        double[] dy = GradData.read(dOutputs[0]);
        double[] dX = new double[dy.length];
        for (int i = 0; i < dX.length; i++) dX[i] = mask.getBoolean(i) ? dy[i] * scale : 0;
        d[0] = GradData.write(x.dtype(), x.shape(), dX);
        return d;
    }

    /** The drop probability: the attribute, or the {@code ratio} input from opset 12. */
    private double ratio(Value[] inputs) {
        Tensor r = version == Version.V12 ? tensor(inputs, 1, "ratio") : null;
        if (r == null) return ratioAttr;
        if (r.size() != 1) throw new IllegalArgumentException("input 'ratio' must be a scalar, got " + r.describe());
        return r.getDouble(0);
    }

    /** Whether the node drops: {@code is_test=0} in opsets 1-6, the {@code training_mode} input from 12. */
    private boolean training(Value[] inputs) {
        if (version == Version.V1) return !isTest;
        Tensor t = version == Version.V12 ? tensor(inputs, 2, "training_mode") : null;
        if (t == null) return false;
        if (t.size() != 1) {
            throw new IllegalArgumentException("input 'training_mode' must be a scalar, got " + t.describe());
        }
        return t.getBoolean(0);
    }

    private static void fillOnes(Tensor mask) {
        if (mask.dtype() == DType.BOOL) {
            Arrays.fill(mask.booleans(), true);
        } else {
            Moves.fill(mask.data(), 0, mask.size(), Moves.scalarOf(mask.dtype(), 1));
        }
    }

    private static Tensor tensor(Value[] inputs, int i, String what) {
        if (i >= inputs.length || inputs[i] == null) return null;
        if (!(inputs[i] instanceof Tensor t)) {
            throw new IllegalArgumentException("input '" + what + "' must be a tensor, got " + inputs[i].describe());
        }
        return t;
    }
}
