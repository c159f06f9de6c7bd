package dev.kiln.models.digits;

import dev.kiln.models.nn.Activation;
import dev.kiln.models.nn.Conv2D;
import dev.kiln.models.nn.Dense;
import dev.kiln.models.nn.Flatten;
import dev.kiln.models.nn.GraphBuilder;
import dev.kiln.models.nn.Pool2D;
import dev.kiln.models.nn.Sequential;
import dev.kiln.models.nn.Var;
import dev.kiln.runtime.tensor.DType;
import java.util.SplittableRandom;

/** The two digits classifiers, built as ONNX graphs with input {@code x} and output {@code logits}. */
public final class DigitsModels {
    private DigitsModels() {}

    /** Which model. */
    public enum Kind { MLP, CNN }

    /**
     * A graph for {@code kind}, with freshly initialised parameters.
     *
     * <p>MLP: {@code x: (N, 64) -> Dense 128 -> ReLU -> Dense 64 -> ReLU -> Dense 10}.
     * CNN: {@code x: (N, 1, 8, 8) -> Conv 3x3 16 -> ReLU -> Conv 3x3 32 -> ReLU -> MaxPool 2
     * -> Flatten (512) -> Dense 64 -> ReLU -> Dense 10}.
     */
    public static Built build(Kind kind, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        GraphBuilder b = new GraphBuilder("digits_" + kind.name().toLowerCase());
        Sequential net;
        Var x;
        if (kind == Kind.MLP) {
            x = b.input("x", DType.FLOAT32, "batch", 64);
            net = Sequential.of(new Dense(64, 128, rnd), Activation.relu(), new Dense(128, 64, rnd), Activation.relu(),
                    new Dense(64, 10, rnd));
        } else {
            x = b.input("x", DType.FLOAT32, "batch", 1, 8, 8);
            net = Sequential.of(
                    new Conv2D(Conv2D.Config.of(1, 16, 3).padding(1), rnd), Activation.relu(),
                    new Conv2D(Conv2D.Config.of(16, 32, 3).padding(1), rnd), Activation.relu(),
                    Pool2D.max(2), new Flatten(),
                    new Dense(32 * 4 * 4, 64, rnd), Activation.relu(), new Dense(64, 10, rnd));
        }
        Var logits = net.apply(b, x);
        b.output(logits, DType.FLOAT32);
        return new Built(b, net, logits.name());
    }

    /**
     * A built model.
     *
     * @param builder the builder holding the graph and its trainable parameter names
     * @param network the module (for printing)
     * @param logits name of the output
     */
    public record Built(GraphBuilder builder, Sequential network, String logits) {}
}
