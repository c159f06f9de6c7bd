package dev.kiln.runtime.exec;

import dev.kiln.runtime.KilnException;
import dev.kiln.runtime.OpExecutionException;
import dev.kiln.runtime.graph.Model;
import dev.kiln.runtime.graph.Node;
import dev.kiln.runtime.op.OpRegistry;
import dev.kiln.runtime.tensor.DType;
import dev.kiln.runtime.tensor.Tensor;
import dev.kiln.runtime.tensor.Value;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Reverse-mode differentiation over a planned graph. {@link #forward} keeps every value in a
 * {@link Tape}; {@link Tape#backward} walks the nodes in reverse order, calls each op's
 * {@code backward} and sums gradients where a value fans out. Inputs an op marks
 * non-differentiable (null gradient) get none. Thread-safe like {@link Session}.
 */
public final class Backprop {
    private final Model model;
    private final CompiledGraph plan;

    /** Plans {@code model} with the ops of {@code registry}. */
    public Backprop(Model model, OpRegistry registry) {
        this.model = model;
        this.plan = new Planner(registry, model.graph().opsets()).planMain(model.graph());
    }

    /**
     * Runs the graph forward, keeping every value.
     *
     * @param inputs graph inputs, and overrides of initializers (e.g. current parameter values)
     */
    public Tape forward(Map<String, ? extends Value> inputs) {
        Env env = new Env(null);
        for (Map.Entry<String, Tensor> e : model.graph().initializers().entrySet()) env.put(e.getKey(), e.getValue());
        for (Map.Entry<String, ? extends Value> e : inputs.entrySet()) env.put(e.getKey(), e.getValue());
        ExecutionContext ctx = new ExecutionContext(env, new SplittableRandom(0));
        plan.execute(ctx, env, false);
        return new Tape(new LinkedHashMap<>(env.local()));
    }

    /** Forward, then backward from {@code lossName} with a seed of ones. */
    public Map<String, Tensor> gradients(Map<String, ? extends Value> inputs, String lossName, Collection<String> wrt) {
        Tape tape = forward(inputs);
        return tape.backward(Map.of(lossName, ones(tape.tensor(lossName))), wrt);
    }

    /** The values of one forward pass, from which gradients can be taken. */
    public final class Tape {
        private final Map<String, Value> values;

        private Tape(Map<String, Value> values) { this.values = values; }

        /** Every value computed or fed, by name. */
        public Map<String, Value> values() { return values; }

        /** A value of the forward pass as a tensor. */
        public Tensor tensor(String name) {
            if (values.get(name) instanceof Tensor t) return t;
            throw new KilnException("'" + name + "' is not a tensor computed by the graph");
        }

        /**
         * Backward from given output gradients.
         *
         * @param seeds gradient of the loss with respect to graph values, e.g. {@code logits -> dLogits}
         * @param wrt the values (typically parameters) whose gradients are wanted
         */
        public Map<String, Tensor> backward(Map<String, Tensor> seeds, Collection<String> wrt) {
            List<Step> steps = plan.steps();
            Set<String> live = new HashSet<>(wrt);
            for (Step s : steps) {
                for (String in : s.node().inputs()) {
                    if (live.contains(in)) {
                        for (String out : s.node().outputs()) if (!out.isEmpty()) live.add(out);
                        break;
                    }
                }
            }
            Map<String, Tensor> grads = new HashMap<>();
            for (Map.Entry<String, Tensor> e : seeds.entrySet()) {
                if (!tensor(e.getKey()).shape().equals(e.getValue().shape())) {
                    throw new KilnException("Gradient seed for '" + e.getKey() + "' has shape " + e.getValue().shape()
                            + ", the value has shape " + tensor(e.getKey()).shape());
                }
                grads.put(e.getKey(), e.getValue());
            }
            for (int k = steps.size() - 1; k >= 0; k--) {
                Step s = steps.get(k);
                Node n = s.node();
                Tensor[] dOut = new Tensor[n.outputs().size()];
                boolean any = false;
                for (int i = 0; i < dOut.length; i++) {
                    dOut[i] = grads.get(n.outputs().get(i));
                    any |= dOut[i] != null;
                }
                boolean needed = false;
                for (String in : n.inputs()) needed |= live.contains(in);
                if (!any || !needed) continue;
                Tensor[] in = tensors(n.inputs(), n);
                Tensor[] out = tensors(n.outputs(), n);
                for (int i = 0; i < dOut.length; i++) if (dOut[i] == null && out[i] != null) dOut[i] = zerosLike(out[i]);
                Tensor[] dIn;
                try {
                    dIn = s.op().backward(in, out, dOut);
                } catch (RuntimeException e) {
                    throw new OpExecutionException(n.label(), "backward failed: " + e.getMessage(), e);
                }
                for (int i = 0; i < n.inputs().size() && i < dIn.length; i++) {
                    String name = n.inputs().get(i);
                    if (name.isEmpty() || dIn[i] == null || !live.contains(name)) continue;
                    if (!dIn[i].shape().equals(in[i].shape())) {
                        throw new OpExecutionException(n.label(), "backward gave gradient of shape " + dIn[i].shape()
                                + " for input '" + name + "' of shape " + in[i].shape(), null);
                    }
                    grads.merge(name, dIn[i], Backprop::add);
                }
            }
            Map<String, Tensor> wanted = new LinkedHashMap<>();
            for (String w : wrt) {
                Tensor g = grads.get(w);
                if (g == null && values.get(w) instanceof Tensor t) g = zerosLike(t);
                if (g != null) wanted.put(w, g);
            }
            return wanted;
        }

        private Tensor[] tensors(List<String> names, Node n) {
            Tensor[] t = new Tensor[names.size()];
            for (int i = 0; i < t.length; i++) {
                String name = names.get(i);
                if (name.isEmpty()) continue;
                Value v = values.get(name);
                if (v != null && !(v instanceof Tensor)) {
                    throw new OpExecutionException(n.label(), "cannot differentiate through non-tensor value '" + name + "'", null);
                }
                t[i] = (Tensor) v;
            }
            return t;
        }
    }

    static Tensor ones(Tensor like) {
        Tensor t = Tensor.zeros(like.dtype(), like.shape());
        for (int i = 0; i < t.size(); i++) t.setDouble(i, 1);
        return t;
    }

    static Tensor zerosLike(Tensor like) { return Tensor.zeros(like.dtype(), like.shape()); }

    /** a + b for gradients of the same dtype and shape (a new tensor). */
    static Tensor add(Tensor a, Tensor b) {
        if (a.dtype() == DType.FLOAT32 && b.dtype() == DType.FLOAT32) {
            float[] x = a.floats();
            float[] y = b.floats();
            float[] z = new float[x.length];
            for (int i = 0; i < z.length; i++) z[i] = x[i] + y[i];
            return Tensor.wrap(DType.FLOAT32, a.shape(), z);
        }
        Tensor out = Tensor.zeros(a.dtype(), a.shape());
        for (int i = 0; i < out.size(); i++) out.setDouble(i, a.getDouble(i) + b.getDouble(i));
        return out;
    }
}
