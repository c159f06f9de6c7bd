package dev.kiln.ops.signal;

import dev.kiln.runtime.op.OpRegistry;

/** Signal processing ops. */
public final class SignalOps {
    private SignalOps() {}

    /** Registers this family's ops. */
    public static void register(OpRegistry r) {
        r.add("", "DFT", 17, 1, 2, (n, c) -> new DFT(n, 17));
        r.add("", "DFT", 20, 1, 3, (n, c) -> new DFT(n, 20));
        r.add("STFT", 17, 2, 4, STFT::new);
        r.add("HannWindow", 17, 1, 1, HannWindow::new);
        r.add("HammingWindow", 17, 1, 1, HammingWindow::new);
        r.add("BlackmanWindow", 17, 1, 1, BlackmanWindow::new);
        r.add("MelWeightMatrix", 17, 5, 5, MelWeightMatrix::new);
    }
}
