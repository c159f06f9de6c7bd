package dev.kiln.models.digits;

import dev.kiln.models.data.Metrics;
import dev.kiln.models.train.Adam;
import dev.kiln.models.train.Augment;
import dev.kiln.models.train.CrossEntropy;
import dev.kiln.models.train.History;
import dev.kiln.models.train.LearningRateSchedule;
import dev.kiln.models.train.TrainConfig;
import dev.kiln.models.train.Trainer;
import dev.kiln.runtime.graph.Model;
import dev.kiln.runtime.tensor.Tensor;
import java.io.PrintStream;

/** Trains a digits classifier from scratch and evaluates it on the held-out split. */
public final class DigitsTraining {
    private DigitsTraining() {}

    /**
     * Settings of a run.
     *
     * @param kind MLP or CNN
     * @param epochs passes over the training set
     * @param learningRate Adam's learning rate (cosine-annealed to 1% of it)
     * @param seed seed of the split, the initialisation and the shuffling
     * @param quiet no progress output
     * @param augment random affine augmentation of the training images (CNN only), or null
     */
    public record Settings(DigitsModels.Kind kind, int epochs, double learningRate, long seed, boolean quiet,
                           Augment augment) {
        /** Good defaults: 30 epochs, learning rate 3e-3 (CNN) or 2e-3 (MLP), seed 0, no augmentation. */
        public static Settings defaults(DigitsModels.Kind kind) {
            return new Settings(kind, kind == DigitsModels.Kind.CNN ? 30 : 40,
                    kind == DigitsModels.Kind.CNN ? 3e-3 : 2e-3, 0, false, null);
        }

        /** A copy with other epochs, learning rate, seed and quiet flag. */
        public Settings with(int e, double lr, long s, boolean q) { return new Settings(kind, e, lr, s, q, augment); }

        /** A copy with augmentation. */
        public Settings withAugment(Augment a) { return new Settings(kind, epochs, learningRate, seed, quiet, a); }
    }

    /**
     * The outcome of a run.
     *
     * @param model the trained model, ready to run or export
     * @param history loss and accuracy per epoch
     * @param testAccuracy accuracy on the test split
     * @param confusion confusion matrix on the test split (rows: true class)
     * @param testLogits the trained model's logits on the test images
     * @param data the split used
     * @param seconds training time in seconds
     */
    public record Result(Model model, History history, double testAccuracy, int[][] confusion, Tensor testLogits,
                         DigitsData data, double seconds) {}

    /** Trains and evaluates. */
    public static Result run(Settings s, PrintStream out) {
        DigitsData data = DigitsData.load(s.seed());
        boolean mlp = s.kind() == DigitsModels.Kind.MLP;
        Tensor xTrain = mlp ? DigitsData.flat(data.xTrain()) : data.xTrain();
        Tensor xTest = mlp ? DigitsData.flat(data.xTest()) : data.xTest();
        DigitsModels.Built built = DigitsModels.build(s.kind(), s.seed());
        if (!s.quiet()) out.println(built.network());
        int steps = s.epochs() * (int) Math.ceil(xTrain.shape().dim(0) / 32.0);
        TrainConfig cfg = TrainConfig.defaults().withEpochs(s.epochs()).withBatchSize(32).withSeed(s.seed())
                .withLearningRate(LearningRateSchedule.cosine(s.learningRate(), s.learningRate() / 100, steps))
                .withQuiet(s.quiet());
        Trainer trainer = new Trainer(built.builder().build(), "x", built.logits(), built.builder().trainableNames(),
                CrossEntropy.fromLogits(), Adam.adam(), cfg).progressTo(out);
        if (s.augment() != null) {
            if (mlp) throw new IllegalArgumentException("Image augmentation needs the CNN's (N, 1, 8, 8) input");
            trainer.augmentWith(s.augment());
        }
        long t0 = System.nanoTime();
        History h = trainer.fit(xTrain, data.yTrain(), xTest, data.yTest());
        double seconds = (System.nanoTime() - t0) / 1e9;
        Tensor logits = trainer.predict(xTest);
        int[] predicted = argmax(logits);
        int[] truth = new int[predicted.length];
        for (int i = 0; i < truth.length; i++) truth[i] = (int) data.yTest().getLong(i);
        return new Result(trainer.model(), h, Metrics.accuracy(truth, predicted),
                Metrics.confusionMatrix(truth, predicted, new int[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9}), logits, data, seconds);
    }

    /** Row-wise argmax of {@code (N, C)} logits. */
    public static int[] argmax(Tensor logits) {
        int n = (int) logits.shape().dim(0);
        int c = (int) logits.shape().dim(1);
        float[] z = logits.floats();
        int[] out = new int[n];
        for (int r = 0; r < n; r++) {
            int best = 0;
            for (int j = 1; j < c; j++) if (z[r * c + j] > z[r * c + best]) best = j;
            out[r] = best;
        }
        return out;
    }
}
