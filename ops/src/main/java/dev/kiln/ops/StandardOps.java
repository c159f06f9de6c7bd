package dev.kiln.ops;

import dev.kiln.runtime.op.OpRegistry;

/** The registry of every operator Kiln implements, family by family. */
public final class StandardOps {
    private static final OpRegistry REGISTRY = build();

    private StandardOps() {}

    /** The shared registry (read-only after startup). */
    public static OpRegistry registry() { return REGISTRY; }

    private static OpRegistry build() {
        OpRegistry r = new OpRegistry();
        dev.kiln.ops.math.MathOps.register(r);
        dev.kiln.ops.unary.UnaryOps.register(r);
        dev.kiln.ops.activation.ActivationOps.register(r);
        dev.kiln.ops.shape.ShapeOps.register(r);
        dev.kiln.ops.cast.CastOps.register(r);
        dev.kiln.ops.quant.QuantOps.register(r);
        dev.kiln.ops.reduce.ReduceOps.register(r);
        dev.kiln.ops.linalg.LinalgOps.register(r);
        dev.kiln.ops.conv.ConvOps.register(r);
        dev.kiln.ops.norm.NormOps.register(r);
        dev.kiln.ops.attention.AttentionOps.register(r);
        dev.kiln.ops.loss.LossOps.register(r);
        dev.kiln.ops.image.ImageOps.register(r);
        dev.kiln.ops.signal.SignalOps.register(r);
        dev.kiln.ops.control.ControlOps.register(r);
        dev.kiln.ops.sequence.SequenceOps.register(r);
        dev.kiln.ops.string.StringOps.register(r);
        dev.kiln.ops.ml.MlOps.register(r);
        dev.kiln.ops.rnn.RnnOps.register(r);
        dev.kiln.ops.random.RandomOps.register(r);
        dev.kiln.ops.training.TrainingOps.register(r);
        dev.kiln.ops.imagecodec.ImageCodecOps.register(r);
        dev.kiln.ops.fused.FusedOps.register(r);
        return r;
    }
}
