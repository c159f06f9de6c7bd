package dev.kiln.ops.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.kiln.runtime.exec.Session;
import dev.kiln.runtime.exec.SessionOptions;
import dev.kiln.runtime.graph.Attributes;
import dev.kiln.runtime.graph.Graph;
import dev.kiln.runtime.graph.Model;
import dev.kiln.runtime.graph.Node;
import dev.kiln.runtime.graph.ValueInfo;
import dev.kiln.runtime.graph.ValueType;
import dev.kiln.runtime.op.OpRegistry;
import dev.kiln.runtime.op.TensorOp;
import dev.kiln.runtime.tensor.DType;
import dev.kiln.runtime.tensor.Tensor;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;

class ParallelTest {
    /** Outputs, as one float, the thread budget a kernel sees during forward. */
    static final class Budget extends TensorOp {
        @Override
        protected Tensor[] compute(Tensor[] in) {
            return new Tensor[] {Tensor.of(new float[] {Parallel.threads()}, 1)};
        }
    }

    private static float budgetInSession(SessionOptions options) {
        ValueInfo x = ValueInfo.of("x", ValueType.tensor(DType.FLOAT32, null));
        ValueInfo y = ValueInfo.of("y", ValueType.tensor(DType.FLOAT32, null));
        Graph g = new Graph("g", List.of(x), List.of(y), Map.of(),
                List.of(new Node("b", "", "Budget", List.of("x"), List.of("y"), Attributes.EMPTY)),
                List.of(), Map.of("", 21));
        OpRegistry reg = new OpRegistry().add("Budget", 1, 1, 1, n -> new Budget());
        Session s = new Session(Model.of(g), reg, options);
        return s.run(Map.of("x", Tensor.of(new float[] {0}, 1))).tensor("y").floats()[0];
    }

    @Test
    void sessionThreadsReachKernelsDuringForward() {
        assertEquals(3f, budgetInSession(SessionOptions.defaults().withThreads(3)));
        assertEquals(1f, budgetInSession(SessionOptions.defaults().withThreads(1)));
        assertEquals(SessionOptions.defaultThreads(), budgetInSession(SessionOptions.defaults()));
        // outside a run: the machine's processors
        assertEquals(SessionOptions.defaultThreads(), Parallel.threads());
        assertThrows(IllegalArgumentException.class, () -> SessionOptions.defaults().withThreads(0));
    }

    @Test
    void forEachRunsEveryTaskOnceAndNestedCallsRunSerially() {
        AtomicIntegerArray hits = new AtomicIntegerArray(37);
        AtomicIntegerArray nested = new AtomicIntegerArray(37);
        Parallel.forEach(37, 3, t -> {
            hits.incrementAndGet(t);
            nested.set(t, Parallel.threads());
        });
        for (int t = 0; t < 37; t++) {
            assertEquals(1, hits.get(t), "task " + t);
            assertEquals(1, nested.get(t), "budget inside task " + t);
        }
    }

    @Test
    void aTaskFailureIsRethrownToTheCaller() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> Parallel.forEach(8, 2, t -> {
                    if (t == 5) throw new IllegalStateException("task five");
                }));
        assertEquals("task five", e.getMessage());
    }

    @Test
    void concurrentCallersEachGetEveryTaskDone() throws Exception {
        // 6 callers share the helpers; each call must see all its tasks finished when it returns
        int callers = 6, calls = 400, tasks = 5;
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(callers);
        try {
            java.util.List<java.util.concurrent.Future<Integer>> results = new java.util.ArrayList<>();
            for (int c = 0; c < callers; c++) {
                results.add(pool.submit(() -> {
                    int bad = 0;
                    for (int i = 0; i < calls; i++) {
                        AtomicIntegerArray hits = new AtomicIntegerArray(tasks);
                        Parallel.forEach(tasks, 3, hits::incrementAndGet);
                        for (int t = 0; t < tasks; t++) if (hits.get(t) != 1) bad++;
                    }
                    return bad;
                }));
            }
            for (var r : results) assertEquals(0, r.get());
        } finally {
            pool.shutdownNow();
        }
    }
}
