package dev.kiln.models.train;

import dev.kiln.ops.StandardOps;
import dev.kiln.runtime.exec.Backprop;
import dev.kiln.runtime.exec.Session;
import dev.kiln.runtime.graph.Graph;
import dev.kiln.runtime.graph.Model;
import dev.kiln.runtime.tensor.DType;
import dev.kiln.runtime.tensor.Tensor;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Trains the parameters of a graph with a loss computed on one of its outputs. Each step runs
 * the graph forward on a batch, evaluates the loss, back-propagates its gradient through the
 * graph and lets the optimizer update the parameters.
 *
 * <pre>{@code
 * Trainer t = new Trainer(graph, "x", logitsName, builder.trainableNames(), CrossEntropy.fromLogits(),
 *         Adam.adam(), TrainConfig.defaults().withEpochs(20));
 * History h = t.fit(xTrain, yTrain, xVal, yVal);
 * Model trained = t.model();
 * }</pre>
 */
public final class Trainer {
    private final Graph graph;
    private final String input;
    private final String output;
    private final Loss loss;
    private final Optimizer optimizer;
    private final TrainConfig config;
    private final Map<String, Tensor> params = new LinkedHashMap<>();
    private final Backprop backprop;
    private PrintStream out = System.out;
    private Augment augment;

    /**
     * @param graph the model graph (parameters are its initializers)
     * @param input name of the graph input fed with the samples
     * @param output name of the graph output the loss reads
     * @param trainable names of the initializers to train
     */
    public Trainer(Graph graph, String input, String output, List<String> trainable, Loss loss, Optimizer optimizer,
                   TrainConfig config) {
        this.graph = graph;
        this.input = input;
        this.output = output;
        this.loss = loss;
        this.optimizer = optimizer;
        this.config = config;
        for (String name : trainable) {
            Tensor t = graph.initializers().get(name);
            if (t == null) throw new IllegalArgumentException("Trainable parameter '" + name + "' is not an initializer");
            if (t.dtype() != DType.FLOAT32) throw new IllegalArgumentException("Parameter '" + name + "' is " + t.dtype() + ", not float32");
            params.put(name, t.copy());
        }
        this.backprop = new Backprop(Model.of(graph), StandardOps.registry());
    }

    /** Applies a random augmentation to every training batch (seeded from the config's seed). */
    public Trainer augmentWith(Augment a) {
        this.augment = a;
        return this;
    }

    /** Sends progress to another stream. */
    public Trainer progressTo(PrintStream stream) {
        this.out = stream;
        return this;
    }

    /**
     * Trains; validation data may be null.
     *
     * @return the per-epoch history
     */
    public History fit(Tensor x, Tensor y, Tensor xVal, Tensor yVal) {
        History history = new History();
        int steps = (int) Math.ceil(x.shape().dim(0) / (double) config.batchSize());
        ProgressBar bar = new ProgressBar(out, config.quiet(), config.epochs(), steps);
        EarlyStopping stopper = config.patience() > 0 ? new EarlyStopping(config.patience(), 0) : null;
        int globalStep = 0;
        java.util.SplittableRandom augmentRandom = new java.util.SplittableRandom(config.seed() ^ 0x5DEECE66DL);
        for (int epoch = 1; epoch <= config.epochs(); epoch++) {
            double lossSum = 0;
            long correct = 0;
            long seen = 0;
            int step = 0;
            for (Batches.Batch batch : Batches.of(x, y, config.batchSize(), config.seed() + epoch)) {
                Map<String, Tensor> feeds = new LinkedHashMap<>(params);
                feeds.put(input, augment == null ? batch.x() : augment.apply(batch.x(), augmentRandom));
                Backprop.Tape tape = backprop.forward(feeds);
                Tensor prediction = tape.tensor(output);
                Loss.Result r = loss.evaluate(prediction, batch.y());
                Map<String, Tensor> grads = tape.backward(Map.of(output, r.gradient()), params.keySet());
                if (config.clipNorm() > 0) GradientClipping.clipByGlobalNorm(grads, config.clipNorm());
                optimizer.step(params, grads, config.learningRate().at(globalStep++));
                lossSum += r.value() * batch.size();
                correct += correctCount(prediction, batch.y());
                seen += batch.size();
                bar.step(epoch, ++step, batch.size(), lossSum / seen, correct / (double) seen);
            }
            double valLoss = Double.NaN;
            double valAcc = Double.NaN;
            if (xVal != null) {
                Tensor p = predict(xVal);
                valLoss = loss.evaluate(p, yVal).value();
                valAcc = correctCount(p, yVal) / (double) xVal.shape().dim(0);
            }
            history.add(lossSum / seen, correct / (double) seen, valLoss, valAcc);
            bar.endEpoch(xVal == null ? "" : String.format(java.util.Locale.ROOT, "val loss %.4f  val acc %.3f", valLoss, valAcc));
            if (stopper != null && xVal != null && stopper.update(epoch, valLoss)) {
                if (!config.quiet()) out.println("early stop: no validation improvement for " + config.patience() + " epochs");
                break;
            }
        }
        return history;
    }

    /** The graph output for {@code x} with the current parameters. */
    public Tensor predict(Tensor x) {
        Map<String, Tensor> feeds = new LinkedHashMap<>(params);
        feeds.put(input, x);
        return backprop.forward(feeds).tensor(output);
    }

    /** The current parameter values by name. */
    public Map<String, Tensor> parameters() { return params; }

    /** The graph with the trained parameters as initializers, ready to run or export. */
    public Model model() {
        Map<String, Tensor> inits = new LinkedHashMap<>(graph.initializers());
        for (Map.Entry<String, Tensor> e : params.entrySet()) inits.put(e.getKey(), e.getValue().copy());
        return Model.of(new Graph(graph.name(), graph.inputs(), graph.outputs(), inits, graph.nodes(),
                graph.valueInfos(), graph.opsets()));
    }

    /** A session over the trained model. */
    public Session session() { return new Session(model(), StandardOps.registry(), null); }

    /** Rows whose argmax matches an integer label; 0 for non-classification targets. */
    static long correctCount(Tensor prediction, Tensor labels) {
        if (prediction.rank() != 2 || labels.dtype().isFloatingPoint() || labels.size() != prediction.shape().dim(0)) return 0;
        int n = (int) prediction.shape().dim(0);
        int c = (int) prediction.shape().dim(1);
        long correct = 0;
        for (int r = 0; r < n; r++) {
            int best = 0;
            for (int j = 1; j < c; j++) if (prediction.getDouble(r * c + j) > prediction.getDouble(r * c + best)) best = j;
            if (best == labels.getLong(r)) correct++;
        }
        return correct;
    }
}
