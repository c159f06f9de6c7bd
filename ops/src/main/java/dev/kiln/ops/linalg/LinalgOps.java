package dev.kiln.ops.linalg;

import dev.kiln.runtime.op.OpRegistry;
import dev.kiln.runtime.op.OpSpec;

/** Matrix products. */
public final class LinalgOps {
    private LinalgOps() {}

    /** Registers this family's ops. */
    public static void register(OpRegistry r) {
        r.add("", "MatMul", 1, 2, 2, (n, c) -> new MatMul(n, c));
        // Opsets 1 and 6: C broadcasts only with attribute broadcast=1; 7: always (unidirectional)
        r.add("", "Gemm", 1, 3, 3, Gemm::new);
        r.add("", "Gemm", 7, 3, 3, Gemm::new);
        r.add("", "Gemm", 11, 2, 3, Gemm::new);
        r.add("Einsum", 12, 1, OpSpec.VARIADIC, Einsum::new);
        r.add("Det", 11, 1, 1, Det::new);
    }
}
